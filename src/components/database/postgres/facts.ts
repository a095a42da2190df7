export const POSTGRES_PORT = 5432;
export const postgresImage = (major: string) => `postgres:${major}-alpine`;
