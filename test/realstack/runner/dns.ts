/**
 * Docker's embedded DNS, played by dnsmasq on 127.0.0.11:53: it answers the
 * stack's names from a hosts file of its own and forwards nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { DNS_ADDRESS, hostsLines } from './names.js';
import { startProcess, type NativeProcess } from './processes.js';

export interface Dns {
  process: NativeProcess;
  /** New answers, as Docker's DNS gives when a container comes back with another address. */
  update(table: Map<string, string>): void;
  stop(): Promise<void>;
}

export async function startDns(table: Map<string, string>, dir: string): Promise<Dns> {
  const hosts = join(dir, 'dns-hosts');
  writeFileSync(hosts, hostsLines(table));
  const dns = startProcess('dns', COMPONENTS.dnsmasq, [
    '--keep-in-foreground', '--log-facility=-', '--no-resolv', '--no-poll', '--no-hosts', `--addn-hosts=${hosts}`,
    '--bind-interfaces', `--listen-address=${DNS_ADDRESS}`, '--port=53', '--user=root', '--pid-file=',
    '--local-ttl=1', '--cache-size=0',
  ], { env: { PATH: process.env.PATH ?? '' }, log: join(dir, 'dns.log'), header: `[runner] dnsmasq on ${DNS_ADDRESS}:53\n` });
  // dnsmasq binds before it forks nothing (keep-in-foreground); give it a moment and check it is alive.
  await new Promise((r) => setTimeout(r, 300));
  if (dns.exitCode() !== undefined) throw new Error(`dnsmasq did not start; see ${join(dir, 'dns.log')}`);
  return {
    process: dns,
    update(next) {
      writeFileSync(hosts, hostsLines(next));
      // dnsmasq reads its --addn-hosts files again on SIGHUP.
      dns.child.kill('SIGHUP');
    },
    stop: () => dns.stop(),
  };
}
