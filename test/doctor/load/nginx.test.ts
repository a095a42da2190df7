import { describe, expect, it } from 'vitest';
import { parseNginx, NginxSyntaxError } from '../../../src/doctor/load/nginx.js';

describe('nginx reader', () => {
  it('reads blocks, quoted strings, comments and ${var} with lines', () => {
    const text = [
      'http {  # the http block',
      '  server {',
      '    listen 443 ssl;',
      '    location ~ "^/api/(?<rest>.*)$" {',
      "      add_header X-A 'a;b' always;",
      '      proxy_pass http://${upstream}:4200;',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const [http] = parseNginx(text, 'n.conf');
    const server = http!.block![0]!;
    const location = server.block![1]!;
    expect(location).toMatchObject({ name: 'location', args: ['~', '^/api/(?<rest>.*)$'], at: { file: 'n.conf', line: 4 } });
    expect(location.block!.map((d) => [d.name, d.args, d.at.line])).toEqual([
      ['add_header', ['X-A', 'a;b', 'always'], 5],
      ['proxy_pass', ['http://${upstream}:4200'], 6],
    ]);
  });

  it('throws a syntax error with the line for an unclosed block or a missing ";"', () => {
    expect(() => parseNginx('http {\n  server {\n', 'x')).toThrowError(NginxSyntaxError);
    try {
      parseNginx('server {\n  listen 80\n}\n', 'x');
    } catch (error) {
      expect((error as NginxSyntaxError).line).toBe(2);
    }
  });
});
