import { describe, expect, it } from 'vitest';
import { cookieSecretBytes, oauth2ProxyCookieSecret } from '../../../src/doctor/checks/oauth2ProxyCookieSecret.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_ENV, lineOf, run } from '../helpers.js';

// 32 random bytes as `openssl rand -base64 32` prints them (standard alphabet, padded).
const OPENSSL = 'q7X+2m/9kLz8Vb3N4tR1yU6wE0pA5sD7fG2hJ9kL3xQ=';

describe('oauth2-proxy-cookie-secret', () => {
  it("decodes like oauth2-proxy's SecretBytes", () => {
    expect(cookieSecretBytes('a'.repeat(43))).toEqual({ bytes: 32, decoded: true }); // URL-safe base64 of 32 bytes
    expect(cookieSecretBytes(`${'a'.repeat(43)}=`)).toEqual({ bytes: 32, decoded: true }); // padding is stripped
    expect(cookieSecretBytes('0123456789abcdef')).toEqual({ bytes: 16, decoded: false }); // decodes to 12: raw 16 is used
    expect(cookieSecretBytes('0123456789abcdef01234567')).toEqual({ bytes: 24, decoded: false }); // decodes to 18: raw 24 is used
    expect(cookieSecretBytes('0123456789abcdef012345')).toEqual({ bytes: 16, decoded: true }); // 22 characters decode to 16 bytes
    expect(cookieSecretBytes(OPENSSL)).toEqual({ bytes: 44, decoded: false });
    expect(cookieSecretBytes('short')).toEqual({ bytes: 5, decoded: false });
  });

  it('reports the openssl rand -base64 32 trap at the .env line, naming the variable and never the value', () => {
    const env = edit(GOOD_ENV, `COOKIE_SECRET=${'a'.repeat(43)}`, `COOKIE_SECRET=${OPENSSL}`);
    const findings = run(oauth2ProxyCookieSecret, goodStack({ '.env': env }));
    expect(brief(findings)).toEqual([`error oauth2-proxy-cookie-secret .env:${lineOf(env, 'COOKIE_SECRET')}`]);
    expect(findings[0]!.message).toContain('OAUTH2_PROXY_COOKIE_SECRET (from COOKIE_SECRET in .env)');
    expect(findings[0]!.message).toContain('openssl rand -base64 32');
    expect(JSON.stringify(findings)).not.toContain(OPENSSL);
    expect(findings[0]!.why).toContain('but is 44 bytes');
  });

  it('reports a secret of the wrong length, and a missing one', () => {
    const env = edit(GOOD_ENV, `COOKIE_SECRET=${'a'.repeat(43)}`, 'COOKIE_SECRET="not a key!"');
    expect(run(oauth2ProxyCookieSecret, goodStack({ '.env': env }))[0]!.message).toContain('is 10 bytes as oauth2-proxy reads it');
    const compose = edit(GOOD_COMPOSE, '      OAUTH2_PROXY_COOKIE_SECRET: ${COOKIE_SECRET:?set it}\n', '');
    const missing = run(oauth2ProxyCookieSecret, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(missing)).toEqual(['error oauth2-proxy-cookie-secret oauth2-proxy.cfg']);
    expect(missing[0]!.why).toContain('missing setting: cookie-secret');
  });

  it('passes 32-byte URL-safe base64 and a 16-character raw secret', () => {
    expect(run(oauth2ProxyCookieSecret, goodStack())).toEqual([]);
    const env = edit(GOOD_ENV, `COOKIE_SECRET=${'a'.repeat(43)}`, 'COOKIE_SECRET=0123456789abcdef');
    expect(run(oauth2ProxyCookieSecret, goodStack({ '.env': env }))).toEqual([]);
  });
});
