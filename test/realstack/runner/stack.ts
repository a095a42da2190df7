/**
 * Runs a rendered stack with the real programs, as `docker compose up` would:
 * services in depends_on order, each on its own loopback address with its
 * compose command and environment, waiting on healthchecks, ports published
 * on the host addresses compose names. Everything is stopped by `down()`, and
 * by the exit of the test process if a run dies first.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programFor } from '../programs/index.js';
import { hostPathIn, mountTable, type ProgramAdapter, type ServiceContext } from '../programs/types.js';
import { loadComposeProject, startOrder, type ComposeProject, type ComposeService } from './compose.js';
import { startDns } from './dns.js';
import { nativeTest, waitHealthy } from './health.js';
import { networkSandbox, sandboxUnavailable } from './networks.js';
import { assignAddresses, freshAddress, installHosts, nameTable, removeHosts } from './names.js';
import { onAbort, startProcess, type NativeProcess } from './processes.js';
import { publishPort, type Published } from './publish.js';

export interface RunningService {
  name: string;
  address: string;
  adapter: ProgramAdapter;
  ctx: ServiceContext;
  log: string;
  process: NativeProcess | undefined;
  published: Published[];
}

export interface StackRun {
  project: ComposeProject;
  /** Folder with one log per service, the runner's log and the scratch folders. */
  runDir: string;
  services: Map<string, RunningService>;
  names: Map<string, string>;
  address(service: string): string;
  logOf(service: string): string;
  /** Kills one service (as `docker compose kill NAME`). */
  kill(service: string): Promise<void>;
  /** Stops one service (as `docker compose stop NAME`). */
  stop(service: string): Promise<void>;
  /**
   * Starts one service again, waiting for its healthcheck: as `docker compose
   * start NAME`, or, with `newAddress`, as a recreated container that Docker
   * gives another IP (its names then resolve to the new one).
   */
  start(service: string, options?: { change?: (s: ComposeService) => ComposeService; newAddress?: boolean }): Promise<void>;
  /** As `docker compose up -d --force-recreate NAME`: the service as docker-compose.yml and .env define it now, its volumes kept. */
  recreate(service: string): Promise<void>;
  /**
   * Runs a command in a running service, as `docker compose exec -T NAME argv`:
   * with the environment the service was started with, its program mapped by
   * the service's adapter and `127.0.0.1` meaning the service's own address.
   */
  exec(service: string, argv: string[], options?: { input?: Buffer | string }): Promise<{ code: number; output: string }>;
  /** Whether a TCP connection from inside a service (its compose networks) to address:port opens. */
  canConnect(from: string, address: string, port: number): Promise<boolean>;
  /** The nftables rules that separate the networks (or why there are none). */
  networkRules(): string;
  down(): Promise<void>;
}

const HEALTH_DEADLINE_MS = 240_000;

function tail(path: string, lines = 30): string {
  if (!existsSync(path)) return '(no log)';
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

export interface UpOptions {
  runDir?: string;
  only?: string[];
  /**
   * Names outside the stack (an identity provider on the internet) and the
   * loopback address that stands in for each: they resolve as the stack's
   * names do, and only services on a network that is not internal reach them.
   */
  outside?: Map<string, string>;
  /**
   * What the platform gives a container besides its compose environment, per
   * service: the cloud identity a VM or container app hands its workloads
   * (an instance role's credentials, a managed identity's token endpoint),
   * stood in for here. Written into the service's log with the rest.
   */
  platformEnv?: Record<string, Record<string, string>>;
}

export async function upStack(stackDir: string, options: UpOptions = {}): Promise<StackRun> {
  const project = loadComposeProject(stackDir);
  const unknown = project.services.filter((s) => !programFor(s.image));
  if (unknown.length > 0) {
    throw new Error(`no native program for ${unknown.map((s) => `service ${s.name} (image ${s.image})`).join(', ')}; add it to test/realstack/programs/index.ts`);
  }
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'prefect-secure-run-'));
  mkdirSync(runDir, { recursive: true });
  chmodSync(runDir, 0o755);
  const addresses = assignAddresses(project.services);
  const names = nameTable(project.services, addresses);
  for (const [name, address] of options.outside ?? []) {
    if (names.has(name)) throw new Error(`the outside name ${name} is also a name of the stack`);
    names.set(name, address);
  }
  const outside = [...new Set((options.outside ?? new Map<string, string>()).values())];
  const services = new Map<string, RunningService>();
  for (const composed of project.services) {
    const platform = options.platformEnv?.[composed.name];
    const service = platform ? { ...composed, environment: { ...composed.environment, ...platform } } : composed;
    const scratch = join(runDir, service.name);
    mkdirSync(scratch, { recursive: true });
    chmodSync(scratch, 0o755);
    const volume = (name: string) => {
      const dir = join(runDir, 'volumes', name);
      // Made once, as Docker makes a volume; what a program set on it afterwards stays.
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true });
        chmodSync(dir, 0o755);
      }
      return dir;
    };
    const ctx: ServiceContext = {
      service,
      address: addresses.get(service.name)!,
      scratch,
      volume,
      hostPath: (containerPath) => hostPathIn(mountTable(ctx.service, volume), containerPath),
    };
    services.set(service.name, { name: service.name, address: ctx.address, adapter: programFor(service.image)!, ctx, log: join(runDir, `${service.name}.log`), process: undefined, published: [] });
  }

  // Docker (20.10+) lets a container's unprivileged user bind any port (net.ipv4.ip_unprivileged_port_start=0
  // in each container's namespace); natively the same holds only with the host's own setting, for the run.
  const restorePorts = project.services.some((s) => s.user && s.ports.some((p) => p.target < 1024)) ? unprivilegedPorts() : () => undefined;
  const forgetPorts = onAbort(restorePorts);
  const addressesEver = new Set(addresses.values());
  installHosts(names);
  const forgetHosts = onAbort(removeHosts);
  const dns = await startDns(names, runDir);
  // Compose networks: each service reaches only the services it shares a network with.
  const unavailable = sandboxUnavailable();
  const sandbox = unavailable ? undefined : networkSandbox(String(process.pid));
  const forgetSandbox = sandbox ? onAbort(() => sandbox.close()) : () => true;
  const addressOf = (name: string) => services.get(name)!.address;
  const writeRules = () => {
    if (!sandbox) return;
    sandbox.apply(project, addressOf, outside);
    writeFileSync(join(runDir, 'networks.nft'), sandbox.rules());
  };
  writeRules();
  if (unavailable) writeFileSync(join(runDir, 'networks.nft'), `# compose networks are NOT separated in this run: ${unavailable}\n`);

  const launch = async (running: RunningService) => {
    const spec = running.adapter.launch(running.ctx);
    const header =
      `[runner] ${running.name}: ${running.ctx.service.image} as ${spec.program} ${spec.args.join(' ')}\n` +
      `[runner] address ${running.address}; native differences: ${spec.adaptations.join('; ')}\n`;
    const user = spec.uid !== undefined ? { uid: spec.uid, gid: spec.gid ?? spec.uid } : undefined;
    if (sandbox) {
      // Started as root inside the service's cgroup, then it becomes the service's user.
      const wrapped = sandbox.wrap(running.name, spec.program, spec.args, user);
      if (user) {
        appendFileSync(running.log, '');
        chownSync(running.log, user.uid, user.gid);
      }
      running.process = startProcess(running.name, wrapped.program, wrapped.args, { env: spec.env, cwd: spec.cwd ?? running.ctx.scratch, log: running.log, header });
    } else {
      running.process = startProcess(running.name, spec.program, spec.args, { env: spec.env, cwd: spec.cwd ?? running.ctx.scratch, uid: spec.uid, gid: spec.gid, log: running.log, header });
    }
    for (const port of running.ctx.service.ports) {
      if (running.published.some((p) => p.published === port.published)) continue;
      running.published.push(await publishPort(port.hostIp, port.published, running.address, port.target));
    }
  };
  const waitReady = async (running: RunningService, condition: string) => {
    if (condition === 'service_completed_successfully') {
      // A one-shot task (restart: "no"): its dependents wait for it to end, and to end well.
      const deadline = Date.now() + HEALTH_DEADLINE_MS;
      while (running.process?.exitCode() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const code = running.process?.exitCode();
      if (code !== 0) throw new Error(`${running.name} ${code === undefined ? 'did not finish' : `exited with ${code}`}\n--- last lines of ${running.log}\n${tail(running.log)}`);
      return;
    }
    const check = running.ctx.service.healthcheck;
    if (condition === 'service_healthy' && !check) throw new Error(`${running.name} has no healthcheck to wait on`);
    if (!check) return;
    try {
      await waitHealthy(running.name, check, running.adapter, running.ctx, () => running.process?.exitCode() !== undefined, HEALTH_DEADLINE_MS);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- last lines of ${running.log}\n${tail(running.log)}`);
    }
  };

  const run: StackRun = {
    project,
    runDir,
    services,
    names,
    address: (name) => services.get(name)?.address ?? fail(name),
    logOf: (name) => readFileSync(services.get(name)?.log ?? fail(name), 'utf8'),
    async kill(name) {
      await services.get(name)?.process?.kill();
    },
    async stop(name) {
      await services.get(name)?.process?.stop();
    },
    async start(name, { change, newAddress } = {}) {
      const running = services.get(name) ?? fail(name);
      if (change) running.ctx.service = change(running.ctx.service);
      await running.process?.stop();
      if (newAddress) {
        const old = running.address;
        const next = freshAddress([...addressesEver, ...names.values()]);
        addressesEver.add(old);
        for (const [n, a] of names) if (a === old) names.set(n, next);
        running.address = running.ctx.address = next;
        for (const p of running.published) await p.close(); // docker-proxy follows the container
        running.published = [];
        installHosts(names);
        dns.update(names);
        writeRules();
      }
      await launch(running);
      await waitReady(running, 'service_started');
    },
    async canConnect(from, address, port) {
      if (!sandbox) throw new Error(`compose networks are not separated here: ${unavailable}`);
      const probe = sandbox.wrap(from, '/bin/bash', ['-c', `exec 3<>/dev/tcp/${address}/${port}`]);
      const child = spawn(probe.program, probe.args, { stdio: 'ignore', timeout: 5000 });
      return new Promise<boolean>((resolve) => child.on('exit', (code) => resolve(code === 0)));
    },
    networkRules: () => readFileSync(join(runDir, 'networks.nft'), 'utf8'),
    async recreate(name) {
      const now = loadComposeProject(stackDir).services.find((s) => s.name === name) ?? fail(name);
      const platform = options.platformEnv?.[name];
      await run.start(name, { change: () => (platform ? { ...now, environment: { ...now.environment, ...platform } } : now) });
    },
    async exec(name, argv, { input } = {}) {
      const running = services.get(name) ?? fail(name);
      if (!running.process || running.process.exitCode() !== undefined) throw new Error(`service ${name} is not running`);
      const native = nativeTest(running.adapter, running.ctx, argv);
      // `docker exec` joins the container's network namespace: here, the service's cgroup.
      const inside = sandbox ? sandbox.wrap(name, native.argv[0]!, native.argv.slice(1)) : { program: native.argv[0]!, args: native.argv.slice(1) };
      const child = spawn(inside.program, inside.args, { env: { ...running.ctx.service.environment, ...native.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.stdin.end(input ?? '');
      const code = await new Promise<number>((resolve) => {
        child.on('error', (e) => {
          output += e.message;
          resolve(127);
        });
        child.on('exit', (c) => resolve(c ?? 128));
      });
      return { code, output };
    },
    async down() {
      for (const s of [...services.values()].reverse()) {
        await s.process?.stop();
        for (const p of s.published) await p.close();
        s.published = [];
      }
      await dns.stop();
      restorePorts();
      forgetPorts();
      removeHosts();
      forgetHosts();
      sandbox?.close();
      forgetSandbox();
    },
  };

  // As compose does: every service starts as soon as its own depends_on conditions hold, side by side
  // with the others (Prefect's server does not wait for Keycloak because oauth2-proxy does).
  const wanted = options.only ? new Set(options.only) : undefined;
  let failed = false;
  const started = new Map<string, Promise<void>>();
  for (const service of startOrder(project.services)) {
    if (wanted && !wanted.has(service.name)) continue; // `only`: not started, and nothing waited for on its behalf
    // startOrder puts dependencies first, so each one's promise exists before its dependents look for it.
    const after = Object.entries(service.dependsOn).map(async ([dep, condition]) => {
      await started.get(dep);
      await waitReady(services.get(dep)!, condition);
    });
    started.set(
      service.name,
      Promise.all(after).then(async () => {
        if (!failed) await launch(services.get(service.name)!);
      }),
    );
  }
  const all = [...started.values()];
  try {
    await Promise.all(all);
    // `up --wait`: every service with a healthcheck is healthy.
    await Promise.all([...services.values()].filter((s) => s.process).map((s) => waitReady(s, 'service_started')));
  } catch (error) {
    failed = true; // nothing more starts; what is starting finishes before everything stops
    await Promise.allSettled(all);
    await run.down();
    throw error;
  }
  return run;
}

const UNPRIVILEGED_PORT_START = '/proc/sys/net/ipv4/ip_unprivileged_port_start';

/** Lets every user bind any port until the returned function puts the old setting back. */
function unprivilegedPorts(): () => void {
  const before = readFileSync(UNPRIVILEGED_PORT_START, 'utf8').trim();
  writeFileSync(UNPRIVILEGED_PORT_START, '0');
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    writeFileSync(UNPRIVILEGED_PORT_START, before);
  };
}

function fail(name: string): never {
  throw new Error(`no service ${name} in this stack`);
}
