/**
 * Where a process is told to connect, read from its environment the way the
 * program reads it: Prefect's database and Redis, Keycloak's database. The
 * plan's services and the compose services doctor read are both read here, so
 * the two pictures draw the same data links.
 */

export interface Connection {
  what: 'database' | 'Redis';
  /** Host name or address; undefined for SQLite (a file of the process). */
  host?: string;
  /** SQLite: the file's path. */
  file?: string;
}

/** Host of `scheme://[user[:password]@]host[:port]/…` (IPv6 in brackets); undefined when there is none. */
export function urlHost(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return match?.[1] ? match[1].toLowerCase() : undefined;
}

export function connectionsOf(env: (name: string) => string | undefined): Connection[] {
  const out: Connection[] = [];
  const databaseUrl = env('PREFECT_SERVER_DATABASE_CONNECTION_URL') ?? env('PREFECT_API_DATABASE_CONNECTION_URL');
  const sqlite = databaseUrl !== undefined ? /^sqlite(\+\w+)?:\/\/\/?(.*)$/.exec(databaseUrl.trim()) : undefined;
  if (sqlite) out.push({ what: 'database', file: sqlite[2] || 'prefect.db' });
  else {
    const host = (databaseUrl !== undefined ? urlHost(databaseUrl) : undefined) ?? env('PREFECT_SERVER_DATABASE_HOST')?.trim().toLowerCase();
    if (host) out.push({ what: 'database', host });
  }
  const redisUrl = env('PREFECT_REDIS_MESSAGING_URL');
  const redisHost = (redisUrl !== undefined ? urlHost(redisUrl) : undefined) ?? env('PREFECT_REDIS_MESSAGING_HOST')?.trim().toLowerCase();
  if (redisHost) out.push({ what: 'Redis', host: redisHost });
  const keycloakDb = env('KC_DB_URL');
  const keycloakHost = (keycloakDb !== undefined ? urlHost(keycloakDb) : undefined) ?? env('KC_DB_URL_HOST')?.trim().toLowerCase();
  if (keycloakHost) out.push({ what: 'database', host: keycloakHost });
  return out;
}
