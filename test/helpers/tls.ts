/**
 * A certificate authority for test servers that speak https: a CA and leaf
 * certificates for the names and addresses a test chooses, made with the
 * openssl command line. Clients trust the CA file (Go programs through
 * SSL_CERT_FILE, Node through `ca`), never by switching verification off.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';

export interface Leaf {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export interface TestCa {
  /** The CA certificate (PEM) and its file. */
  ca: string;
  caFile: string;
  /** A server certificate for these DNS names and IP addresses, signed by the CA, valid `days` (90: no expiry warning from doctor). */
  issue(names: string[], days?: number): Leaf;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function testCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-ca-'));
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=prefect-secure test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  let serial = 0;
  return {
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    issue(names, days = 90) {
      const base = `leaf${++serial}`;
      const san = names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
      writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
      openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${names[0]}`], dir);
      openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(1000 + serial), '-out', `${base}.pem`, '-days', String(days), '-extfile', `${base}.ext`], dir);
      const certFile = join(dir, `${base}.pem`);
      const keyFile = join(dir, `${base}.key`);
      return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
    },
  };
}
