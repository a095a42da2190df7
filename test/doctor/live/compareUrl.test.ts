import { describe, expect, it } from 'vitest';
import { diffUrls, displayUrl, isLoopbackHost, redactUrl, splitUrl } from '../../../src/doctor/live/compareUrl.js';

const parts = (a: string, b: string) => diffUrls(a, b).map((d) => d.part);

describe('diffUrls', () => {
  it('finds nothing in identical text', () => {
    expect(diffUrls('https://auth.example.com/realms/prefect', 'https://auth.example.com/realms/prefect')).toEqual([]);
  });

  it('names each differing part', () => {
    expect(parts('http://idp.localtest.me/realms/prefect', 'https://idp.localtest.me/realms/prefect')).toEqual(['scheme']);
    expect(parts('http://localhost:8080/realms/prefect', 'http://keycloak:8080/realms/prefect')).toEqual(['host']);
    expect(parts('http://localhost:8080/realms/prefect', 'http://localhost:8081/realms/prefect')).toEqual(['port']);
    expect(parts('https://h/auth/realms/prefect', 'https://h/realms/prefect')).toEqual(['path']);
    expect(parts('https://tenant.auth0.com/', 'https://tenant.auth0.com')).toEqual(['trailing slash']);
    expect(parts('https://h/realms/a/', 'https://h/realms/b')).toEqual(['path', 'trailing slash']);
    expect(parts('http://localhost:8080/x', 'https://auth.example.com/x')).toEqual(['scheme', 'host', 'port']);
  });

  it('treats an explicit default port as a textual difference and says so', () => {
    const [d] = diffUrls('https://auth.example.com:443/realms/p', 'https://auth.example.com/realms/p');
    expect(d).toMatchObject({ part: 'port', expected: ':443', actual: '(none written, 443 implied)' });
    expect(d!.note).toContain('same port');
  });

  it('flags host case and whitespace', () => {
    expect(diffUrls('https://Auth.example.com', 'https://auth.example.com')[0]!.note).toContain('letter case');
    expect(parts('"https://h/x" ', 'https://h/x')).toContain('whitespace');
  });

  it('never prints credentials', () => {
    const d = diffUrls('https://user:hunter2@h/x', 'https://h/x');
    expect(JSON.stringify(d)).not.toContain('hunter2');
    expect(d[0]).toMatchObject({ part: 'userinfo', expected: '(set)', actual: '(none)' });
  });

  it('falls back to text for non-URLs', () => {
    expect(parts('keycloak', 'https://h')).toEqual(['text']);
  });
});

describe('helpers', () => {
  it('splits IPv6 hosts and ports', () => {
    expect(splitUrl('http://[::1]:8080/x?y#z')).toEqual({ scheme: 'http', host: '[::1]', port: '8080', path: '/x', query: 'y', fragment: 'z' });
  });

  it('displays URLs without credentials, query or fragment', () => {
    expect(displayUrl('https://u:p@h:8443/auth?client_id=c&state=s#f')).toBe('https://h:8443/auth');
    expect(redactUrl('https://u:p@h/x?q=1')).toBe('https://h/x?q=1');
  });

  it('knows loopback names', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['keycloak', 'idp.localtest.me', '10.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
