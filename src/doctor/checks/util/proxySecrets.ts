/**
 * Credentials written into reverse-proxy files: an Authorization header the
 * proxy adds, or a token a gate compares requests against. Those files are
 * committed with the stack like compose files are. Values are never
 * returned, only where they are and what to write instead.
 */
import type { CaddyDirective, NginxDirective, StackModel } from '../../load/model.js';
import type { SourcePosition } from '../../types.js';

export interface ProxySecret {
  at: SourcePosition;
  /** What holds it, e.g. `proxy_set_header Authorization in nginx.conf`. */
  what: string;
  fix: string;
}

/** Header names whose values are credentials. */
const SECRET_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|x-access-token|x-token|cookie)$/i;
/** nginx variables for those headers in an `if`/`map`: $http_authorization, $http_x_api_key. */
const SECRET_VARIABLE = /\$http_(authorization|x_api_key|api_key|x_auth_token|x_access_token|x_token)\b/i;
/** A credential value: a scheme and a token, or any non-trivial literal. */
const CREDENTIAL = /^(basic|bearer|token)\s+[A-Za-z0-9._~+/=-]{6,}$/i;

const isNginxLiteral = (value: string) => !value.includes('$') && value.trim() !== '' && value !== '""';
const isCaddyLiteral = (value: string) => !/\{(env\.|\$)[^}]*\}/.test(value) && !/^\{[^}]*\}$/.test(value) && value.trim() !== '';

function nginxSecrets(file: string, directives: NginxDirective[], out: ProxySecret[]): void {
  const fix = 'move the line into a file only the proxy reads (e.g. secrets/api-auth.conf: mode 0600, git-ignored) and write `include secrets/api-auth.conf;` here';
  for (const d of directives) {
    if (/^(proxy|grpc|uwsgi|fastcgi)_set_header$/.test(d.name) && SECRET_HEADER.test(d.args[0] ?? '') && d.args[1] !== undefined && isNginxLiteral(d.args.slice(1).join(' '))) {
      out.push({ at: d.at, what: `${d.name} ${d.args[0]} in ${file}`, fix });
    } else if (d.name === 'if' && SECRET_VARIABLE.test(d.args.join(' '))) {
      // if ($http_authorization != "Bearer abc123") — the gate's own secret, written into the file.
      const literal = d.args.slice(2).join(' ').replace(/^\(?\s*|\s*\)$/g, '').replace(/^["']|["']$/g, '');
      if (literal && isNginxLiteral(literal) && !/^[~^]/.test(d.args[1] ?? '') && literal !== '""') out.push({ at: d.at, what: `the token an if (${d.args[0]?.replace(/^\(/, '')} …) compares with, in ${file}`, fix });
    } else if (d.name === 'map' && SECRET_VARIABLE.test(d.args[0] ?? '') && d.block) {
      for (const entry of d.block) {
        if (entry.name !== 'default' && entry.name !== 'hostnames' && !entry.name.startsWith('~') && isNginxLiteral(entry.name) && entry.name.length >= 8) {
          out.push({ at: entry.at, what: `a token in map ${d.args[0]} of ${file}`, fix });
        }
      }
    }
    if (d.block && d.name !== 'map') nginxSecrets(file, d.block, out);
  }
}

function caddySecrets(file: string, directives: CaddyDirective[], out: ProxySecret[]): void {
  const fix = 'write {$NAME} (or {env.NAME}) here and pass NAME from .env in the Caddy service\'s environment';
  for (const d of directives) {
    const [name, ...rest] = d.args;
    const value = rest.join(' ');
    const headerSetting = ['header_up', 'header_down', 'header', 'request_header'].includes(d.name);
    if (headerSetting && name && SECRET_HEADER.test(name.replace(/^[+-]/, '')) && value && isCaddyLiteral(value) && !value.includes('*') && (CREDENTIAL.test(value) || value.length >= 8)) {
      out.push({ at: d.at, what: `${d.name} ${name} in ${file}`, fix });
    }
    if (d.block) caddySecrets(file, d.block, out);
  }
}

export function proxySecrets(model: StackModel): ProxySecret[] {
  const out: ProxySecret[] = [];
  for (const config of model.nginx) nginxSecrets(config.file, config.directives, out);
  for (const file of model.caddy) for (const site of file.sites) caddySecrets(file.file, site.directives, out);
  for (const middleware of model.traefik.middlewares) {
    for (const [key, option] of middleware.options) {
      const header = /^custom(request|response)headers\.(.+)$/.exec(key)?.[2];
      if (!header || !SECRET_HEADER.test(header) || option.value.trim() === '' || /\{\{|\$\{/.test(option.value)) continue;
      // Labels are interpolated by compose: a ${VAR} there is not a literal (the raw label says).
      const label = model.services.flatMap((s) => s.labels).find((l) => l.at.file === option.at.file && l.at.line === option.at.line);
      if (label && /\$\{?[A-Za-z_]/.test(label.raw)) continue;
      out.push({
        at: option.at,
        what: `header ${header} of Traefik middleware ${middleware.name}`,
        fix: label ? 'write ${NAME} in the label and put NAME=… in .env' : 'write {{ env "NAME" }} here (Traefik templates its dynamic files) and pass NAME from .env in the Traefik service\'s environment',
      });
    }
  }
  // A git-ignored file is where a credential belongs (prefect-secure writes the proxy's header file so, mode 0600).
  return out.filter((secret) => !model.gitIgnored.includes(secret.at.file));
}
