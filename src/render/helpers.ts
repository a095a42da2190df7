/**
 * Template helpers. Templates may interpolate a value only through one of
 * these: either it must match a strict format (hostname, port, URL, name),
 * or it is quoted for the syntax of the file it lands in. A value that fits
 * neither throws, so a bad value can never produce a subtly broken file.
 */
import { ENV_NAME, HOSTNAME, IDENTIFIER, IMAGE_REF, IPV4, isHttpUrl, isPort, URL_PATH } from '../util/formats.js';
import type { CfgValue, ComposeValue } from '../plan/types.js';

export class TemplateValueError extends Error {
  constructor(helper: string, value: unknown) {
    // Never the value itself: it may be a secret.
    const what = typeof value === 'string' ? `a text of ${value.length} characters` : `a ${typeof value}`;
    super(`template helper "${helper}" refused ${what}`);
    this.name = 'TemplateValueError';
  }
}

function check(helper: string, value: unknown, ok: boolean): string {
  if (!ok) throw new TemplateValueError(helper, value);
  return String(value);
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A double-quoted YAML scalar (JSON strings are valid YAML). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** A YAML string in a compose file: `$` starts interpolation there, so a literal one is `$$`. */
export function composeString(value: string): string {
  return yamlString(value.replace(/\$/g, '$$$$'));
}

/** A compose value: a literal, or `${NAME:?...}` read from `.env` (compose fails loudly if it is missing). */
export function composeValue(value: ComposeValue): string {
  if ('literal' in value) return composeString(value.literal);
  check('compose', value.secret, ENV_NAME.test(value.secret));
  const reference = `\${${value.secret}:?${value.secret} is missing from .env; run prefect-secure init again}`;
  return yamlString(
    `${(value.prefix ?? '').replace(/\$/g, '$$$$')}${reference}${(value.suffix ?? '').replace(/\$/g, '$$$$')}`,
  );
}

/** A TOML value: basic strings (JSON escapes are valid TOML), booleans, integers, arrays. */
export function tomlValue(value: CfgValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => tomlValue(item)).join(', ')}]`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return check('toml', value, Number.isInteger(value));
  return JSON.stringify(value);
}

/** A string inside an nginx directive, double-quoted; `$` would start a variable and is refused. */
export function nginxString(value: string): string {
  check('nginx', value, !/[$\r\n]/.test(value));
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A double-quoted Caddyfile token. `{` and `}` would start a placeholder and
 * `\\` an escape, so values holding them (or a quote, or a line break) are refused.
 */
export function caddyString(value: string): string {
  check('caddy', value, !/[{}"\\`\r\n]/.test(value));
  return `"${value}"`;
}

/**
 * A value in a compose `.env` file. Single quotes keep it literal (no
 * interpolation); a value holding a single quote cannot be written that way.
 */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9_\-.:/@+=]*$/.test(value)) return value;
  check('env', value, !/['\r\n]/.test(value));
  return `'${value}'`;
}

/** A word in a POSIX shell script, single-quoted (nothing inside is expanded); a value holding a quote or a line break is refused. */
export function shellWord(value: string): string {
  check('sh', value, !/['\r\n\u0000]/.test(value));
  return `'${value}'`;
}

/** Free text on one line (comments, Markdown prose). */
export function text(value: string): string {
  return check('text', value, isString(value) && !/[\r\n\u0000-\u0008\u000b-\u001f]/.test(value));
}

export const formatHelpers = {
  host: (v: unknown) => check('host', v, isString(v) && HOSTNAME.test(v)),
  ip: (v: unknown) => check('ip', v, isString(v) && IPV4.test(v)),
  scheme: (v: unknown) => check('scheme', v, v === 'http' || v === 'https'),
  port: (v: unknown) => check('port', v, isPort(v)),
  int: (v: unknown) => check('int', v, Number.isInteger(v)),
  bool: (v: unknown) => check('bool', v, typeof v === 'boolean'),
  url: (v: unknown) => check('url', v, isString(v) && isHttpUrl(v)),
  ident: (v: unknown) => check('ident', v, isString(v) && IDENTIFIER.test(v)),
  headerName: (v: unknown) => check('headerName', v, isString(v) && /^[A-Za-z][A-Za-z0-9-]*$/.test(v)),
  envName: (v: unknown) => check('envName', v, isString(v) && ENV_NAME.test(v)),
  path: (v: unknown) => check('path', v, isString(v) && URL_PATH.test(v)),
  image: (v: unknown) => check('image', v, isString(v) && IMAGE_REF.test(v)),
  /** nginx/compose durations and sizes: 10s, 3600s, 16m. */
  amount: (v: unknown) => check('amount', v, isString(v) && /^\d+(ms|s|m|h|k)?$/.test(v)),
};

export const quotingHelpers = {
  yaml: (v: unknown) => yamlString(check('yaml', v, isString(v))),
  compose: (v: unknown) => (isString(v) ? composeString(v) : composeValue(v as ComposeValue)),
  toml: (v: unknown) => tomlValue(v as CfgValue),
  nginx: (v: unknown) => nginxString(check('nginx', v, isString(v))),
  caddy: (v: unknown) => caddyString(check('caddy', v, isString(v))),
  env: (v: unknown) => envValue(check('env', v, isString(v))),
  sh: (v: unknown) => shellWord(check('sh', v, isString(v))),
  json: (v: unknown) => JSON.stringify(v, null, 2),
  text: (v: unknown) => text(check('text', v, isString(v))),
};

export const HELPER_NAMES = [...Object.keys(formatHelpers), ...Object.keys(quotingHelpers)];
