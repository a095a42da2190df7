// 2. The machine-access gate: real nginx on the rendered machine-host config, with and without auth_basic, loaded by wrk.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { installedNginx } from '../lib/components.mjs';
import { nginxArgs, replaceChecked, rewriteNginxConf } from '../lib/nginx-rewrite.mjs';
import { GOALS, WRK_ROUNDS, WRK_SECONDS, cleanups, findTool, fmtMs, tmp, verdict } from './common.mjs';

// ---- 2. the gate -------------------------------------------------------------------------
function request(port, host, path, authorization) {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, headers: { Host: host, ...(authorization ? { Authorization: authorization } : {}) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path}`)));
    req.on('error', reject);
  });
}

async function startUpstream() {
  // A trivial upstream: 200 on the paths the benchmark loads (also below /nogate/).
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path.endsWith('/api/health')) res.writeHead(200, { 'Content-Type': 'application/json' }).end('true');
    else if (path.endsWith('/api/flows/filter')) res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    else res.writeHead(404).end();
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${server.address().port}`;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The rendered config, rewritten for loopback like the e2e tests do, plus —
 * in this benchmark's copy only — `location /nogate/`: the rendered machine
 * `location /api/` block verbatim minus its two auth_basic lines, proxying to
 * the same upstream. Same server, same headers, buffering and timeouts, so the
 * one difference between the two measured paths is the gate itself.
 */
function benchConfig(stack, name, htpasswdPath, upstream, port) {
  const dir = join(tmp, `nginx-${name}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { text } = rewriteNginxConf(readFileSync(join(stack, 'proxy/nginx.conf'), 'utf8'), {
    port,
    upstreams: { prefect: upstream, oauth2Proxy: upstream, idp: upstream },
    htpasswdPath,
    dir,
    // One worker, as in issue 5's measurements: the gate's cost is not hidden behind idle cores.
    workerProcesses: 1,
  });
  const gated = /^( *)location \/api\/ \{\n\1 {4}auth_basic [^\n]*\n\1 {4}auth_basic_user_file [^\n]*\n([\s\S]*?)^\1\}\n/gm;
  const { text: withNogate, count } = replaceChecked(
    text,
    gated,
    (match, indent, body) => `${indent}# BENCH ONLY: the gated location below without auth_basic.\n${indent}location /nogate/ {\n${body}${indent}}\n\n${match}`,
    'nogate location',
  );
  if (count !== 1) throw new Error(`expected one gated location /api/, found ${count}`);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, withNogate);
  return { dir, conf };
}

async function startNginx(nginx, dir, conf, port) {
  const child = spawn(nginx, nginxArgs(dir, conf), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const late = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 5000).unref())]);
    if (late) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      await exited;
    }
  };
  cleanups.push(stop);
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${output}${readIfExists(join(dir, 'error.log'))}`);
    try {
      await request(port, 'localhost', '/healthz');
      return { stop, pid: child.pid };
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function readIfExists(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

// nginx worker CPU time per request, from /proc (Linux): a measure of what the gate
// costs nginx itself, whichever process (wrk, upstream, nginx) limits throughput.
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

function workerCpuSeconds(masterPid) {
  try {
    const children = readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    let ticks = 0;
    for (const pid of children) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    }
    return children.length > 0 ? ticks / CLK_TCK : undefined;
  } catch {
    return undefined;
  }
}

function toMs(value, unit) {
  return Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
}

async function wrk(tool, port, host, path, authorization, nginxPid) {
  const before = nginxPid === undefined ? undefined : workerCpuSeconds(nginxPid);
  const result = await runWrk(tool, port, host, path, authorization);
  const after = nginxPid === undefined ? undefined : workerCpuSeconds(nginxPid);
  if (before !== undefined && after !== undefined && result.requests > 0) {
    result.nginxCpuUs = ((after - before) * 1e6) / result.requests;
  }
  return result;
}

function runWrk(tool, port, host, path, authorization) {
  const args = ['-t1', '-c4', `-d${WRK_SECONDS}s`, '--latency', '-H', `Host: ${host}`];
  if (authorization) args.push('-H', `Authorization: ${authorization}`);
  args.push(`http://127.0.0.1:${port}${path}`);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), (WRK_SECONDS + 15) * 1000);
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`wrk exited ${code}: ${out}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const avg = /Latency\s+([\d.]+)(us|ms|s|m)\s/.exec(out);
      const p50 = /^\s+50%\s+([\d.]+)(us|ms|s|m)$/m.exec(out);
      const total = /(\d+) requests in/.exec(out);
      if (!rps || !avg || !p50 || !total) return reject(new Error(`cannot read wrk's output:\n${out}`));
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      const errors = /Socket errors: (.*)/.exec(out);
      resolve({
        rps: Number(rps[1]),
        meanMs: toMs(avg[1], avg[2]),
        medianMs: toMs(p50[1], p50[2]),
        requests: Number(total[1]),
        non2xx: non2xx ? Number(non2xx[1]) : 0,
        socketErrors: errors ? errors[1] : undefined,
      });
    });
  });
}

export async function benchGate(stack) {
  console.log(`\n## Machine-access gate: real nginx, rendered machine-host config, wrk -t1 -c4 -d${WRK_SECONDS}s, GET\n`);
  const nginx = installedNginx();
  const wrkTool = findTool('wrk');
  if (!nginx || !wrkTool) {
    console.log(`  skipped: ${[!nginx && 'nginx (npm run components)', !wrkTool && 'wrk (Debian: apt-get install wrk)'].filter(Boolean).join(' and ')} not found`);
    return;
  }
  // The generated credentials, as a client gets them: the first profile of prefect/profiles.toml.
  const profiles = readFileSync(join(stack, 'prefect/profiles.toml'), 'utf8');
  const apiUrl = /^PREFECT_API_URL = "([^"]+)"$/m.exec(profiles)?.[1];
  const authString = /^PREFECT_API_AUTH_STRING = "([^"]+)"$/m.exec(profiles)?.[1];
  if (!apiUrl || !authString) throw new Error('no PREFECT_API_URL / PREFECT_API_AUTH_STRING in the rendered profiles.toml');
  const user = authString.slice(0, authString.indexOf(':'));
  const password = authString.slice(authString.indexOf(':') + 1);
  const authorization = `Basic ${Buffer.from(authString).toString('base64')}`;
  const rendered = join(stack, 'proxy/htpasswd');
  const entry = readFileSync(rendered, 'utf8').split('\n').find((line) => line.startsWith(`${user}:`));
  const scheme = entry?.slice(user.length + 1).startsWith('{SSHA}') ? '{SSHA}' : (entry?.split('$')[1] ?? '?');

  // The same user and password as a bcrypt cost-10 entry (bcryptjs's default, $2y$ as Apache writes it).
  const bcryptFile = join(tmp, 'htpasswd-bcrypt');
  writeFileSync(bcryptFile, `${user}:${bcrypt.hashSync(password, 10).replace(/^\$2b\$/, '$2y$')}\n`);
  chmodSync(bcryptFile, 0o644);

  const upstream = await startUpstream();
  const rows = [];
  const machineHost = (port) => `${new URL(apiUrl).hostname}:${port}`;

  async function check(port, path, auth, expected, what) {
    const status = await request(port, machineHost(port), path, auth);
    if (status !== expected) throw new Error(`${what}: expected ${expected}, got ${status}; the benchmark would measure the wrong thing`);
  }

  // nginx A: the rendered config and htpasswd ({SSHA} for generated users).
  {
    const port = await freePort();
    const { dir, conf } = benchConfig(stack, 'rendered', rendered, upstream, port);
    const { stop, pid } = await startNginx(nginx, dir, conf, port);
    await check(port, '/api/flows/filter', undefined, 401, 'gate without credentials');
    await check(port, '/api/flows/filter', `Basic ${Buffer.from(`${user}:wrong`).toString('base64')}`, 401, 'gate with a wrong password');
    await check(port, '/api/flows/filter', authorization, 200, 'gate with the generated credential');
    await check(port, '/nogate/api/flows/filter', undefined, 200, 'no-gate path');
    const none = [];
    const gate = [];
    await wrk(wrkTool, port, machineHost(port), '/nogate/api/flows/filter'); // warm-up, not reported
    for (let round = 0; round < WRK_ROUNDS; round++) {
      none.push(await wrk(wrkTool, port, machineHost(port), '/nogate/api/flows/filter', undefined, pid));
      gate.push(await wrk(wrkTool, port, machineHost(port), '/api/flows/filter', authorization, pid));
    }
    rows.push({ name: 'none (same location, no auth_basic)', runs: none });
    rows.push({ name: `auth_basic, generated ${scheme} entry`, runs: gate });
    await stop();
  }
  // nginx B: the same config with the same user as a bcrypt cost-10 entry.
  {
    const port = await freePort();
    const { dir, conf } = benchConfig(stack, 'bcrypt', bcryptFile, upstream, port);
    const { stop, pid } = await startNginx(nginx, dir, conf, port);
    await check(port, '/api/flows/filter', authorization, 200, 'bcrypt gate with the generated credential');
    rows.push({ name: 'auth_basic, bcrypt cost 10 (comparison)', runs: [await wrk(wrkTool, port, machineHost(port), '/api/flows/filter', authorization, pid)] });
    await stop();
  }

  const mean = (runs, key) => runs.reduce((sum, run) => sum + run[key], 0) / runs.length;
  console.log(`  ${'gate on the path'.padEnd(42)} ${'requests/s'.padStart(10)} ${'mean'.padStart(10)} ${'median'.padStart(10)} ${'nginx CPU/req'.padStart(14)}  runs`);
  for (const row of rows) {
    row.rps = mean(row.runs, 'rps');
    row.meanMs = mean(row.runs, 'meanMs');
    row.medianMs = mean(row.runs, 'medianMs');
    row.cpuUs = row.runs.every((run) => run.nginxCpuUs !== undefined) ? mean(row.runs, 'nginxCpuUs') : undefined;
    const cpu = row.cpuUs === undefined ? 'n/a' : `${row.cpuUs.toFixed(row.cpuUs < 100 ? 1 : 0)} µs`;
    const bad = row.runs.reduce((sum, run) => sum + run.non2xx, 0);
    const errors = row.runs.map((run) => run.socketErrors).filter(Boolean);
    console.log(
      `  ${row.name.padEnd(42)} ${row.rps.toFixed(0).padStart(10)} ${fmtMs(row.meanMs).padStart(10)} ${fmtMs(row.medianMs).padStart(10)} ${cpu.padStart(14)}  ${row.runs.length}` +
        (bad ? `  (${bad} non-2xx responses!)` : '') +
        (errors.length ? `  (socket errors: ${errors.join('; ')})` : ''),
    );
  }
  const [none, ssha, slow] = rows;
  const throughput = ssha.rps / none.rps;
  const added = ssha.medianMs - none.medianMs;
  const clean = rows.every((row) => row.runs.every((run) => run.non2xx === 0));
  console.log(`\n  ${scheme} gate / no gate: throughput ${(throughput * 100).toFixed(1)}%   goal >= ${GOALS.gateThroughput * 100}%: ${verdict(throughput >= GOALS.gateThroughput && clean)}`);
  console.log(`  added median latency ${added >= 0 ? '+' : ''}${added.toFixed(3)} ms (mean ${(ssha.meanMs - none.meanMs).toFixed(3)} ms)   goal <= ${GOALS.gateAddedMedianMs} ms: ${verdict(added <= GOALS.gateAddedMedianMs && clean)}`);
  if (none.cpuUs !== undefined && ssha.cpuUs !== undefined) {
    console.log(`  nginx worker CPU per request: +${(ssha.cpuUs - none.cpuUs).toFixed(1)} µs for the ${scheme} gate (independent of what limits throughput here)`);
  }
  console.log(`  bcrypt cost 10 / no gate: throughput ${((slow.rps / none.rps) * 100).toFixed(1)}%, median ${fmtMs(slow.medianMs)} (why generated users get a fast salted hash)`);
  if (!clean) console.log('  FAIL: some responses were not 2xx, so the numbers above do not measure a served request');
}
