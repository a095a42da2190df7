/**
 * Addresses and names. Each service gets its own loopback address, as each
 * container gets its own IP; its name and every network alias resolve to it.
 * The names reach glibc, Java and Go through a marked block in /etc/hosts and
 * reach nginx's `resolver` through dnsmasq on 127.0.0.11, Docker's DNS address.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ComposeService } from './compose.js';

/** Docker's embedded DNS server answers on this address inside every container. */
export const DNS_ADDRESS = '127.0.0.11';
const BASE = '127.20.0.';

export function assignAddresses(services: ComposeService[]): Map<string, string> {
  return new Map(services.map((s, i) => [s.name, `${BASE}${i + 2}`]));
}

/** An address no service has had yet in this run, for a container that comes back elsewhere. */
export function freshAddress(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 2; i < 255; i++) if (!used.has(`${BASE}${i}`)) return `${BASE}${i}`;
  throw new Error('no free address left in 127.20.0.0/24');
}

/** Name -> address: every service name and every alias it has on any network. */
export function nameTable(services: ComposeService[], addresses: Map<string, string>): Map<string, string> {
  const table = new Map<string, string>();
  for (const s of services) {
    const address = addresses.get(s.name)!;
    for (const name of [s.name, ...Object.values(s.networks).flat()]) {
      const owner = table.get(name);
      if (owner && owner !== address) throw new Error(`the name ${name} belongs to two services`);
      table.set(name, address);
    }
  }
  return table;
}

export function hostsLines(table: Map<string, string>): string {
  return [...table].map(([name, address]) => `${address} ${name}`).join('\n') + '\n';
}

const BEGIN = '# BEGIN prefect-secure real-stack runner';
const END = '# END prefect-secure real-stack runner';
export const HOSTS_FILE = process.env.PREFECT_SECURE_HOSTS_FILE ?? '/etc/hosts';

function withoutBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  if (start < 0) return text;
  const end = text.indexOf(END, start);
  return text.slice(0, start) + (end < 0 ? '' : text.slice(end + END.length + 1));
}

/** Writes the marked block (replacing an old one a killed run left behind). */
export function installHosts(table: Map<string, string>): void {
  const text = withoutBlock(readFileSync(HOSTS_FILE, 'utf8'));
  writeFileSync(HOSTS_FILE, `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${BEGIN}\n${hostsLines(table)}${END}\n`);
}

export function removeHosts(): void {
  const text = readFileSync(HOSTS_FILE, 'utf8');
  const without = withoutBlock(text);
  if (without !== text) writeFileSync(HOSTS_FILE, without);
}
