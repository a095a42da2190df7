import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nginxServerNamesBucket } from '../../../src/doctor/checks/nginxServerNamesBucket.js';
import { nginxTest } from '../../helpers/nginx.js';
import { needTools } from '../../helpers/tools.js';
import { brief, edit, goodStack, GOOD_NGINX, lineOf, run } from '../helpers.js';

const name = (length: number) => `${'a'.repeat(length - '.localtest.me'.length)}.localtest.me`;

describe('nginx-server-names-bucket', () => {
  it('reports a server name too long for the default bucket, with the size that fits', () => {
    const nginx = edit(GOOD_NGINX, 'server_name prefect.localtest.me;', `server_name ${name(60)};`);
    const findings = run(nginxServerNamesBucket, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`error nginx-server-names-bucket nginx.conf:${lineOf(nginx, 'http {')}`]);
    expect(findings[0]!.fix).toBe('in the http block: server_names_hash_bucket_size 128;');
  });

  it('passes short names, and long ones with a bucket size that holds them', () => {
    expect(run(nginxServerNamesBucket, goodStack())).toEqual([]);
    const nginx = edit(edit(GOOD_NGINX, 'server_name prefect.localtest.me;', `server_name ${name(60)};`), 'http {', 'http {\n  server_names_hash_bucket_size 128;');
    expect(run(nginxServerNamesBucket, goodStack({ 'nginx.conf': nginx }))).toEqual([]);
  });
});

const tools = needTools('nginx');

tools.describe('nginx-server-names-bucket agrees with the real nginx', () => {
  it.each([40, 46, 47, 60, 120, 253])('a %i-character server name: the check reports exactly when nginx -t refuses', (length) => {
    // Two servers on one port: nginx then looks servers up by name, in the hash.
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-bucket-'));
    // Temp folders and a log of its own: the packaged nginx's compiled-in ones (/var/lib/nginx, /var/log/nginx) need not exist.
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};\n`).join('') + `  access_log ${dir}/access.log;\n`;
    const conf = `events {}\nhttp {\n${temp}  server {\n    listen 8080;\n    server_name ${name(length)};\n  }\n  server {\n    listen 8080;\n    server_name other.localtest.me;\n  }\n}\n`;
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const refused = !nginxTest(join(dir, 'nginx.conf'), tools.path('nginx')).ok;
    const reported = run(nginxServerNamesBucket, { 'nginx.conf': conf }).length > 0;
    expect(reported).toBe(refused);
  });
});
