/**
 * Pebble, Let's Encrypt's ACME test server, standing in for an ACME CA on the
 * internet: the real program on a loopback address of its own, its directory
 * served over https with a certificate of the test CA. It validates HTTP-01
 * for real: it resolves each name (the runner's /etc/hosts block gives the
 * proxy's address) and fetches the challenge from port 80. Its issuing root
 * is new at every start; `root` holds it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import type { TestCa } from '../../helpers/tls.js';
import { COMPONENTS } from '../components.js';
import { startProcess, type NativeProcess } from '../runner/processes.js';

export interface Pebble {
  /** The directory URL a client is given, e.g. https://acme.example.test:14000/dir. */
  directory: string;
  /** The root that signs the certificates it issues (PEM). */
  root: string;
  process: NativeProcess;
  log: string;
}

function getText(url: string, ca: string, address: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = https.get({ host: address, port: Number(target.port), path: target.pathname, servername: target.hostname, ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    request.on('error', reject);
  });
}

export async function startPebble(options: { runDir: string; name: string; address: string; ca: TestCa }): Promise<Pebble> {
  const dir = join(options.runDir, 'pebble');
  mkdirSync(dir, { recursive: true });
  const leaf = options.ca.issue([options.name]);
  const config = join(dir, 'pebble-config.json');
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `${options.address}:14000`,
        managementListenAddress: `${options.address}:15000`,
        certificate: leaf.certFile,
        privateKey: leaf.keyFile,
        // Validation connects to each name on the ports a real CA uses.
        httpPort: 80,
        tlsPort: 443,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const log = join(dir, 'pebble.log');
  const process = startProcess('pebble', COMPONENTS.pebble, ['-config', config], {
    // No random 0-15 s wait before each validation, and no nonce refused at random (lego retries those; a test need not wait).
    env: { PATH: '/usr/bin:/bin', HOME: dir, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    log,
    header: `[test] pebble on ${options.address}:14000 as ${options.name}\n`,
  });
  const directory = `https://${options.name}:14000/dir`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const root = await getText(`https://${options.name}:15000/roots/0`, options.ca.ca, options.address);
      if (root.status === 200 && root.body.includes('BEGIN CERTIFICATE')) return { directory, root: root.body, process, log };
    } catch {
      // not listening yet
    }
    if (process.exitCode() !== undefined || Date.now() > deadline) throw new Error(`pebble did not start; see ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
