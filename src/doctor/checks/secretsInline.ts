/**
 * Secrets written into a compose file, an oauth2-proxy config or a proxy's
 * own files (an Authorization header nginx, Caddy or Traefik adds, a token a
 * gate compares with) end up in git with it. Values belong in .env (git-ignored) as ${NAME}. Only names
 * are printed, never values.
 */
import { defineCheck } from './check.js';
import { proxySecrets } from './util/proxySecrets.js';

const ID = 'secrets-inline';
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|AUTH_STRING|API_KEY|TOKEN|PRIVATE_KEY)$/;
const SECRET_FLAGS = new Set(['client-secret', 'cookie-secret', 'basic-auth-password', 'redis-password']);
const SECRET_KEYS = new Set(['client_secret', 'cookie_secret', 'basic_auth_password', 'redis_password']);
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@]+)@/i;

/** `name:${PASSWORD}`: a user name before a referenced password (Prefect's auth string), no secret inline. */
const USER_THEN_REFERENCE = /^[A-Za-z0-9._-]+:\$\{[A-Za-z_][A-Za-z0-9_]*(:?[?-][^}]*)?\}$/;

/**
 * A literal, not `${VAR}` references (and not an empty placeholder): what is
 * left beside the references holds a value (`${USER}:hunter2` does).
 */
function isLiteral(raw: string): boolean {
  const text = raw.trim().replace(/^(["'])(.*)\1$/s, '$2');
  if (text === '' || /^<.*>$/.test(text) || USER_THEN_REFERENCE.test(text)) return false;
  const besides = text.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
  return /[A-Za-z0-9]/.test(besides);
}

export const secretsInline = defineCheck(
  {
    id: ID,
    title: 'No secrets written inline in compose, proxy or config files',
    severity: 'warning',
    appliesTo: (model) => model.services.length > 0 || model.oauth2Proxies.length > 0 || model.nginx.length > 0 || model.caddy.length > 0,
  },
  (model, report) => {
    const fix = (name: string) => `move the value to .env as ${name}=… and write \${${name}:?${name} is required} here`;
    for (const s of model.services) {
      for (const variable of s.environment.values()) {
        if (variable.origin !== 'environment' || !variable.raw) continue;
        const password = URL_WITH_PASSWORD.exec(variable.raw)?.[1];
        if (SECRET_NAME.test(variable.name) && isLiteral(variable.raw)) {
          report.warning(variable.at, { message: `${variable.name} of ${s.name} is written inline in ${variable.at.file}`, why: 'the secret is committed with the file and visible to anyone who can read the repository', fix: fix(variable.name) });
        } else if (password && isLiteral(password)) {
          report.warning(variable.at, { message: `${variable.name} of ${s.name} embeds a password in its URL`, why: 'the password is committed with the file', fix: `write the password part as \${DB_PASSWORD} and put DB_PASSWORD=… in .env` });
        }
      }
      for (const arg of [...s.entrypoint, ...s.command]) {
        const flag = /^--?([a-z-]+)=(.+)$/.exec(arg.value);
        if (flag && SECRET_FLAGS.has(flag[1]!) && isLiteral(flag[2]!)) {
          report.warning(arg.at, { message: `--${flag[1]} of ${s.name} is written inline in the command`, why: 'the secret is committed with the file and shows in `docker ps` and process lists', fix: `remove the flag and set OAUTH2_PROXY_${flag[1]!.replace(/-/g, '_').toUpperCase()}=\${…} in the environment from .env` });
        }
      }
    }
    for (const secret of proxySecrets(model)) {
      report.warning(secret.at, { message: `a credential is written inline: ${secret.what}`, why: 'the credential is committed with the proxy configuration and visible to anyone who can read the repository', fix: secret.fix });
    }
    for (const instance of model.oauth2Proxies) {
      for (const setting of instance.fileSettings) {
        if (!SECRET_KEYS.has(setting.key) || typeof setting.value !== 'string' || !isLiteral(setting.value)) continue;
        report.warning(setting.at, {
          message: `${setting.key} is written inline in ${setting.at.file}`,
          why: 'the secret is committed with the config file',
          fix: `delete the line and pass OAUTH2_PROXY_${setting.key.toUpperCase()} from .env in the service's environment`,
        });
      }
    }
  },
);
