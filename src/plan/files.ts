import type { FilePlan } from './types.js';

export const SPEC_FILE = 'prefect-secure.yaml';
export const SCHEMA_FILE = 'prefect-secure.schema.json';

/** Every file the stack consists of, with its mode and whether it holds secrets. */
export function planFiles(realmFile: string): FilePlan[] {
  const file = (path: string, purpose: string, secret = false): FilePlan => ({
    path,
    purpose,
    secret,
    gitIgnored: secret,
    mode: secret ? 0o600 : 0o644,
  });
  return [
    file(SPEC_FILE, 'the spec this stack was rendered from; re-render with `prefect-secure init --config`'),
    file(SCHEMA_FILE, 'JSON Schema of the spec, for editor completion'),
    file('docker-compose.yml', 'the services, networks and volumes'),
    file('.env', 'every generated secret; docker compose reads it', true),
    file('.env.example', 'the variables .env holds, without values'),
    file('.gitignore', 'keeps the secret files out of git'),
    file('proxy/nginx.conf', 'the reverse proxy: SSO on the UI host, machine credentials on the API host'),
    // Salted hashes (bcrypt for a chosen password): never committed or diffed, but world-readable,
    // because nginx's unprivileged worker reads it at request time.
    { ...file('proxy/htpasswd', 'salted hashes of the machine passwords'), gitIgnored: true },
    file('oauth2-proxy/oauth2-proxy.cfg', 'oauth2-proxy settings (its secrets come from .env)'),
    file(realmFile, 'the development realm, client and demo user Keycloak imports'),
    file('prefect/profiles.toml', 'Prefect client profiles with machine credentials', true),
    file('prefect/prefect.toml', 'Prefect settings for CI (nested tables; the credential comes from a CI secret)'),
    file('prefect/github-actions-deploy.yml', 'an example GitHub Actions job that deploys flows'),
    file('NEXT_STEPS.md', 'how to start, sign in, connect workers and check the stack'),
  ];
}

/** Files that must never be committed. */
export function gitIgnored(files: FilePlan[]): string[] {
  return files.filter((f) => f.gitIgnored).map((f) => f.path);
}

/** Working files of a running prefect-secure, never committed either. */
export const RUN_FILES = ['.prefect-secure/lock', '.prefect-secure/txn/'];
