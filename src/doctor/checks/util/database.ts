/** What several database checks read: the sign-in plugins' switches and the forms of a connection URL. */

export const DB_PLUGIN_FLAGS = [
  { flag: 'PREFECT_INTEGRATIONS_AWS_RDS_IAM_ENABLED', package: 'prefect-aws', what: 'AWS RDS IAM authentication' },
  { flag: 'PREFECT_INTEGRATIONS_AZURE_POSTGRES_MANAGED_IDENTITY_ENABLED', package: 'prefect-azure', what: 'Azure managed-identity authentication' },
] as const;

export const isOn = (v: string | undefined) => v !== undefined && /^(true|1|yes|on)$/i.test(v.trim());

/** Whether a database URL carries a password (`scheme://user:password@host`). */
export const urlPassword = (url: string): boolean => /^[a-z0-9+]+:\/\/[^/@:]*:[^@/]+@/i.test(url);

export const isSqlite = (url: string): boolean => /^sqlite(\+\w+)?:/.test(url);
