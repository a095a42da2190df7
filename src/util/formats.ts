/**
 * Strict formats shared by the spec (to reject bad input) and the template
 * helpers (to refuse to lay out anything that does not match).
 */
export const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** Identifiers: compose project/service names, realm, client and user names. */
export const IDENTIFIER = /^[a-z][a-z0-9_-]{0,62}$/;
export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const SEMVER = /^\d+\.\d+\.\d+$/;
export const PYTHON_VERSION = /^3\.(9|1[0-9])$/;
/** An image reference without tag: registry/repo path. */
export const IMAGE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** An image reference with a tag, as laid into compose files. */
export const IMAGE_REF = /^[a-z0-9./_:-]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** An absolute URL path without query or fragment. */
export const URL_PATH = /^\/[A-Za-z0-9._~\/-]*$/;

export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** http(s) URL with a hostname, optional port and path; no credentials, query or fragment. */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    (HOSTNAME.test(url.hostname) || IPV4.test(url.hostname)) &&
    value.startsWith(`${url.protocol}//${url.host}`) &&
    URL_PATH.test(value.slice(`${url.protocol}//${url.host}`.length) || '/')
  );
}
