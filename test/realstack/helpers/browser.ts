/**
 * Debian's Chromium driven by playwright-core (no browser download). The
 * browser stands outside the stack: *.localtest.me is 127.0.0.1, as public
 * DNS answers, and *.localhost is loopback, so it enters through the port
 * compose publishes, like a person's browser does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { COMPONENTS } from '../components.js';

/**
 * A home folder whose NSS database (where Chromium on Linux keeps the CAs a
 * person added) trusts `caFile` for web sites: the browser then trusts the
 * test CA as a person's browser trusts an internal CA, with certificate
 * checks on.
 */
function homeTrusting(caFile: string): string {
  const home = mkdtempSync(join(tmpdir(), 'prefect-secure-browser-home-'));
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password'], { stdio: 'ignore' });
  // certutil takes the first certificate of a file: each of a bundle on its own.
  const pems = readFileSync(caFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  pems.forEach((pem, index) => {
    const one = join(home, `ca-${index}.pem`);
    writeFileSync(one, `${pem}\n`);
    execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', `prefect-secure test CA ${index}`, '-i', one], { stdio: 'ignore' });
  });
  return home;
}

/**
 * `outside`: names of servers outside the stack (an identity provider on the
 * internet) and the address each stands at; a name that is the stack's own
 * server (the server target) maps to the published port's address.
 * `caFile`: an internal CA the browser trusts.
 */
export async function launchBrowser(outside: Map<string, string> = new Map(), options: { caFile?: string } = {}): Promise<Browser> {
  const rules = ['MAP *.localtest.me 127.0.0.1', 'MAP *.localhost 127.0.0.1', ...[...outside].map(([name, address]) => `MAP ${name} ${address}`)];
  return chromium.launch({
    executablePath: COMPONENTS.chromium,
    headless: true,
    ...(options.caFile ? { env: { ...process.env, HOME: homeTrusting(options.caFile) } } : {}),
    args: [
      `--host-resolver-rules=${rules.join(', ')}`,
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
