/**
 * The Azure roots the stack writes are byte for byte the certificates of
 * Mozilla's store (Debian's ca-certificates), with the fingerprints the
 * source says, and nothing but roots (self-signed CA certificates).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AZURE_POSTGRES_ROOTS } from '../../src/components/database/remote/azureRoots.js';
import { needTools } from '../helpers/tools.js';

const STORE = '/usr/share/ca-certificates/mozilla';
const tools = needTools('openssl');

tools.describe('the Azure Database for PostgreSQL roots', () => {
  it.each(AZURE_POSTGRES_ROOTS.map((root) => [root.name, root] as const))('%s', (name, root) => {
    const inStore = readFileSync(join(STORE, `${name.replace(/ /g, '_')}.crt`), 'utf8').trim();
    expect(root.pem.trim()).toBe(inStore);
    const file = join(mkdtempSync(join(tmpdir(), 'prefect-secure-root-')), 'root.pem');
    writeFileSync(file, root.pem);
    const openssl = tools.path('openssl');
    const fingerprint = execFileSync(openssl, ['x509', '-in', file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(fingerprint.trim()).toBe(`sha256 Fingerprint=${root.sha256}`);
    const subject = execFileSync(openssl, ['x509', '-in', file, '-noout', '-subject', '-issuer', '-nameopt', 'RFC2253'], { encoding: 'utf8' }).trim().split('\n');
    expect(subject[0]!.replace(/^subject=/, '')).toBe(subject[1]!.replace(/^issuer=/, ''));
    expect(subject[0]).toContain(`CN=${name}`);
  });
});
