/** The folder's .gitignore as doctor reads it, and MD5-crypt against OpenSSL's own output. */
import { describe, expect, it } from 'vitest';
import { gitIgnoredMatcher } from '../../../src/doctor/load/gitignore.js';
import { memoryTree } from '../../../src/doctor/load/tree.js';
import { md5Crypt } from '../../../src/secrets/md5crypt.js';

describe('gitIgnoredMatcher', () => {
  const ignored = gitIgnoredMatcher(memoryTree({ '.gitignore': '# secrets\n/.env\n/proxy/htpasswd\nsecrets/\n*.pem\n!public.pem\n', 'a.txt': '' }));

  it('matches anchored paths, folders, globs, and re-includes', () => {
    expect(['.env', 'proxy/htpasswd', 'secrets/api-auth.conf', 'deep/secrets/x', 'tls/key.pem'].filter(ignored)).toEqual(['.env', 'proxy/htpasswd', 'secrets/api-auth.conf', 'deep/secrets/x', 'tls/key.pem']);
    expect(['sub/.env', 'proxy/htpasswd.bak', 'public.pem', 'nginx.conf'].filter(ignored)).toEqual([]);
  });

  it('ignores nothing without a .gitignore', () => {
    expect(gitIgnoredMatcher(memoryTree({ '.env': 'A=1' }))('.env')).toBe(false);
  });
});

describe('md5Crypt', () => {
  it('matches openssl passwd -apr1 and -1', () => {
    // openssl passwd -apr1 -salt abcdefgh admin; openssl passwd -1 -salt abcdefgh password
    expect(md5Crypt('admin', 'abcdefgh', '$apr1$')).toBe('$apr1$abcdefgh$mMZnMi5KMcUTRCidnJ3Px0');
    expect(md5Crypt('password', 'abcdefgh', '$1$')).toBe('$1$abcdefgh$G//4keteveJp0qb8z2DxG/');
    // A short salt, a space, a long password and an empty one (each from openssl passwd -apr1 -salt xY7).
    expect(md5Crypt('admin2024', 'xY7', '$apr1$')).toBe('$apr1$xY7$5oYLItTynKHdK6J.qw4uz/');
    expect(md5Crypt('p4ss word', 'xY7', '$apr1$')).toBe('$apr1$xY7$v8aQJxbHVJ8MaH5VweDmr1');
    expect(md5Crypt('', 'xY7', '$apr1$')).toBe('$apr1$xY7$Ab/Dnr9PzvzyWhmmkjA80.');
  });
});
