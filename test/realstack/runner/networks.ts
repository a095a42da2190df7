/**
 * Compose networks, enforced on native processes. Docker gives a container
 * routes only to the networks it is on, and none out of the machine when all
 * of them are `internal`. Here every service's processes (and its execs) run
 * in a cgroup of their own, and one nftables table rejects:
 * - a connection from a service to a loopback address of a service it shares
 *   no network with (every service has its own loopback address);
 * - any connection off the machine from a service on internal networks only.
 * The runner's name server (127.0.0.11, Docker's embedded DNS) stays open to
 * all. It needs root, a cgroup v2 hierarchy and `nft`; without them the runner
 * writes in its log that networks are not separated, and CI requires them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposeProject } from './compose.js';
import { DNS_ADDRESS } from './names.js';

/** Where cgroup v2 is mounted: alone at /sys/fs/cgroup, or beside v1 at /sys/fs/cgroup/unified. */
function cgroupRoot(): { mount: string; prefix: string } | undefined {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return { mount: '/sys/fs/cgroup', prefix: '' };
  if (existsSync('/sys/fs/cgroup/unified/cgroup.procs')) return { mount: '/sys/fs/cgroup/unified', prefix: 'unified/' };
  return undefined;
}

function hasNft(): boolean {
  try {
    execFileSync('nft', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why networks cannot be separated here, or undefined when they can. */
export function sandboxUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root';
  if (!cgroupRoot()) return 'no cgroup v2 hierarchy';
  if (!hasNft()) return 'nft is not installed (apt-get install nftables)';
  return undefined;
}

export interface NetworkSandbox {
  /** The program and arguments that run `program` inside the service's cgroup, as `user` when given. */
  wrap(service: string, program: string, args: string[], user?: { uid: number; gid: number }): { program: string; args: string[] };
  /**
   * Writes the rules for the services' current addresses (again after one
   * changes). `outside` are addresses that stand for the internet (a provider
   * outside the stack): only services on a network that is not internal reach them.
   */
  apply(project: ComposeProject, addressOf: (service: string) => string, outside?: string[]): void;
  /** The rules as nft lists them, for the runner's log. */
  rules(): string;
  close(): void;
}

export function networkSandbox(tag: string): NetworkSandbox {
  const root = cgroupRoot();
  if (!root) throw new Error('no cgroup v2 hierarchy');
  const table = `prefect_secure_${tag}`;
  const groups = new Map<string, string>();
  const group = (service: string) => {
    let name = groups.get(service);
    if (!name) {
      name = `prefect-secure-${tag}-${service}`;
      mkdirSync(join(root.mount, name), { recursive: true });
      groups.set(service, name);
    }
    return name;
  };
  const nft = (script: string) => execFileSync('nft', ['-f', '-'], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });

  return {
    wrap(service, program, args, user) {
      const procs = join(root.mount, group(service), 'cgroup.procs');
      const drop = user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'] : [];
      // The shell moves itself into the cgroup, then becomes the program: every process it starts is inside.
      return { program: '/bin/sh', args: ['-c', 'echo $$ > "$0" && exec "$@"', procs, ...drop, program, ...args] };
    },
    apply(project, addressOf, outside = []) {
      const lines = [
        `table inet ${table} {`,
        '  chain output {',
        '    type filter hook output priority 0; policy accept;',
        // Answers to connections a service accepted (a client on any address) are not new connections.
        '    ct state established,related accept',
      ];
      for (const service of project.services) {
        const cgroup = `socket cgroupv2 level 1 "${root.prefix}${group(service.name)}"`;
        const mine = Object.keys(service.networks);
        const neighbours = project.services.filter((other) => Object.keys(other.networks).some((n) => mine.includes(n))).map((other) => addressOf(other.name));
        const internalOnly = mine.every((n) => project.networks[n]?.internal);
        const allowed = [...new Set([addressOf(service.name), ...neighbours, DNS_ADDRESS, ...(internalOnly ? [] : outside)])];
        lines.push(`    ${cgroup} ip daddr 127.0.0.0/8 ip daddr != { ${allowed.join(', ')} } counter reject`);
        if (internalOnly) {
          lines.push(`    ${cgroup} ip daddr != 127.0.0.0/8 counter reject`, `    ${cgroup} meta nfproto ipv6 ip6 daddr != ::1 counter reject`);
        }
      }
      lines.push('  }', '}');
      nft(`table inet ${table}\ndelete table inet ${table}\n${lines.join('\n')}\n`);
    },
    rules() {
      return execFileSync('nft', ['list', 'table', 'inet', table], { encoding: 'utf8' });
    },
    close() {
      try {
        nft(`table inet ${table}\ndelete table inet ${table}\n`);
      } catch {
        // already gone
      }
      for (const name of groups.values()) {
        const dir = join(root.mount, name);
        // Processes left behind (none after down) go back to the root group first.
        for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
          try {
            writeFileSync(join(root.mount, 'cgroup.procs'), pid);
          } catch {
            // gone meanwhile
          }
        }
        try {
          rmdirSync(dir);
        } catch {
          // busy; removed by the next run's cleanup at the latest
        }
      }
    },
  };
}
