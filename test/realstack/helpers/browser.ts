/**
 * Debian's Chromium driven by playwright-core (no browser download). The
 * browser stands outside the stack: *.localtest.me is 127.0.0.1, as public
 * DNS answers, and *.localhost is loopback, so it enters through the port
 * compose publishes, like a person's browser does.
 */
import { chromium, type Browser } from 'playwright-core';
import { COMPONENTS } from '../components.js';

/** `outside`: names of servers outside the stack (an identity provider on the internet) and the address each stands at. */
export async function launchBrowser(outside: Map<string, string> = new Map()): Promise<Browser> {
  const rules = ['MAP *.localtest.me 127.0.0.1', 'MAP *.localhost 127.0.0.1', ...[...outside].map(([name, address]) => `MAP ${name} ${address}`)];
  return chromium.launch({
    executablePath: COMPONENTS.chromium,
    headless: true,
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
