/**
 * oauth2-proxy's cookie secret (pkg/encryption/utils.go SecretBytes): after
 * stripping trailing `=`, it is decoded as unpadded URL-safe base64 and used
 * when that gives 16, 24 or 32 bytes; otherwise the raw string must be 16, 24
 * or 32 bytes long. `openssl rand -base64 32` (44 characters, usually with
 * `+` or `/`) is neither, and oauth2-proxy refuses to start.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingHome, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-cookie-secret';
const AES = [16, 24, 32];
const GENERATE = `python -c 'import os,base64; print(base64.urlsafe_b64encode(os.urandom(32)).decode())'  (or: openssl rand -base64 32 | tr -- '+/' '-_')`;

/** Bytes oauth2-proxy ends up with for this secret. */
export function cookieSecretBytes(secret: string): { bytes: number; decoded: boolean } {
  const trimmed = secret.replace(/=+$/, '').replace(/[\r\n]/g, '');
  if (/^[A-Za-z0-9_-]*$/.test(trimmed) && trimmed.length % 4 !== 1) {
    const decoded = Math.floor((trimmed.length * 3) / 4);
    if (AES.includes(decoded)) return { bytes: decoded, decoded: true };
  }
  return { bytes: Buffer.byteLength(secret, 'utf8'), decoded: false };
}

export const oauth2ProxyCookieSecret = defineCheck(
  {
    id: ID,
    title: 'The cookie secret decodes to a 16, 24 or 32-byte key',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const secret = setting(instance, 'cookie_secret');
      const value = secret && typeof secret.value === 'string' ? secret.value : undefined;
      if (!secret || !value) {
        if (setting(instance, 'cookie_secret_file')) continue;
        report.error(secret ? valuePosition(secret) : settingHome(model, instance), {
          message: `${instanceName(instance)} has ${secret ? `an empty cookie secret (${secret.name}${secret.refs[0] ? ` from ${secret.refs[0]}` : ''})` : 'no cookie secret'}`,
          why: 'oauth2-proxy refuses to start: "missing setting: cookie-secret"',
          fix: `OAUTH2_PROXY_COOKIE_SECRET=<the output of: ${GENERATE}>`,
        });
        continue;
      }
      const { bytes } = cookieSecretBytes(value);
      if (AES.includes(bytes)) continue;
      const source = secret.refs[0] ? (secret.refs[0] === secret.name ? `${secret.name} (from .env)` : `${secret.name} (from ${secret.refs[0]} in .env)`) : secret.name;
      const trap = value.length === 44 && /[+/]/.test(value) && value.endsWith('=');
      report.error(valuePosition(secret), {
        message: trap
          ? `${source} looks like the output of \`openssl rand -base64 32\`: standard base64 with "+" or "/", which oauth2-proxy does not decode, so it counts as 44 bytes`
          : `${source} is ${bytes} bytes as oauth2-proxy reads it, not 16, 24 or 32`,
        why: `oauth2-proxy refuses to start: "cookie_secret must be 16, 24, or 32 bytes to create an AES cipher, but is ${bytes} bytes"`,
        fix: `replace the value with the output of: ${GENERATE}`,
      });
    }
  },
);
