// Rewrites a RENDERED proxy/nginx.conf so that real nginx can run it on a
// developer machine or CI runner, outside Docker. Shared by the e2e tests
// (test/helpers/nginx.ts) and the gate benchmark (scripts/bench/gate.mjs).
//
// Only what the test environment forces is changed, each change explicit and
// checked: a substitution that matches nothing throws, so a template change
// cannot silently turn a rewrite into a no-op (and a test into a test of
// something else).
//
//   listen <port>               -> listen 127.0.0.1:<free port>  (loopback only)
//   server prefect-server:4200 resolve;  -> server <stand-in>;  (Docker DNS
//   server oauth2-proxy:4180 resolve;    -> server <stand-in>;   names do not
//   server keycloak:8080 resolve;        -> server <stand-in>;   resolve here;
//                                          the upstream blocks, keepalive and
//                                          rendered resolver are kept)
//   /etc/nginx/htpasswd         -> the rendered proxy/htpasswd file
//   error_log / access_log      -> files in the run folder
//   pid and *_temp_path under /tmp (the container's) -> the run folder;
//   optionally worker_processes.
//
// Everything else (locations, auth_request, auth_basic, headers, body limit,
// timeouts, WebSocket handling) is the rendered text, byte for byte.

/** Upstream servers exactly as the plan renders them in its upstream blocks (src/plan/proxy.ts). */
export const RENDERED_UPSTREAMS = Object.freeze({
  prefect: 'prefect-server:4200',
  oauth2Proxy: 'oauth2-proxy:4180',
  idp: 'keycloak:8080',
});

/** Where the rendered config expects the htpasswd file (the compose bind mount). */
export const RENDERED_HTPASSWD = '/etc/nginx/htpasswd';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every match of `pattern` (a string, taken literally, or a global
 * RegExp) and throws when there is none. Returns the new text and the count.
 */
export function replaceChecked(text, pattern, replacement, what) {
  const regex = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern), 'g') : pattern;
  if (!regex.global) throw new Error(`replaceChecked(${what}): the pattern must be global`);
  let count = 0;
  const out = text.replace(regex, (...args) => {
    count += 1;
    return typeof replacement === 'function' ? replacement(...args) : replacement;
  });
  if (count === 0) {
    throw new Error(`nginx.conf rewrite "${what}": ${String(regex)} matched nothing; did the template change?`);
  }
  return { text: out, count };
}

/**
 * @param {string} text the rendered nginx.conf
 * @param {{
 *   port: number,
 *   listenPort?: number,
 *   upstreams: { prefect?: string, oauth2Proxy?: string, idp?: string },
 *   htpasswdPath: string,
 *   dir: string,
 *   workerProcesses?: number,
 * }} options
 */
export function rewriteNginxConf(text, options) {
  const counts = {};
  let out = text;
  const step = (name, pattern, replacement) => {
    const result = replaceChecked(out, pattern, replacement, name);
    out = result.text;
    counts[name] = result.count;
  };

  // Every server listens on the one rendered port; all of them move to a free loopback port.
  const ports = new Set([...out.matchAll(/^\s*listen\s+(\d+)\b/gm)].map((m) => Number(m[1])));
  if (ports.size !== 1) throw new Error(`nginx.conf rewrite: expected one listen port, found ${[...ports].join(', ') || 'none'}`);
  const [rendered] = ports;
  if (options.listenPort !== undefined && options.listenPort !== rendered) {
    throw new Error(`nginx.conf rewrite: the config listens on ${rendered}, the plan says ${options.listenPort}`);
  }
  step('listen', new RegExp(`^(\\s*listen\\s+)${rendered}\\b`, 'gm'), (_m, lead) => `${lead}127.0.0.1:${options.port}`);

  for (const [key, replacement] of Object.entries(options.upstreams)) {
    if (replacement === undefined) continue;
    const from = RENDERED_UPSTREAMS[key];
    if (!from) throw new Error(`nginx.conf rewrite: unknown upstream "${key}"`);
    // A stand-in's base URL (http://127.0.0.1:PORT) names the server; an address needs no `resolve`.
    const address = new URL(replacement).host;
    step(`upstream ${key}`, new RegExp(`^(\\s*server\\s+)${escapeRegExp(from)} resolve;`, 'gm'), (_m, lead) => `${lead}${address};`);
  }

  step('htpasswd', RENDERED_HTPASSWD, options.htpasswdPath);
  step('error_log', /^(\s*error_log\s+)stderr\b/gm, (_m, lead) => `${lead}${options.dir}/error.log`);
  step('access_log', /^(\s*access_log\s+)\/dev\/stdout;/gm, (_m, lead) => `${lead}${options.dir}/access.log;`);
  // The rendered pid file and temp folders are the container's /tmp; here, the run folder.
  step('pid', /^pid \/tmp\/nginx\.pid;$/gm, `pid ${options.dir}/nginx.pid;`);
  step('temp paths', /^(\s*\w+_temp_path\s+)\/tmp\/(nginx-[\w-]+);$/gm, (_m, lead, name) => `${lead}${options.dir}/${name};`);
  if (options.workerProcesses !== undefined) {
    step('worker_processes', /^worker_processes\s+\S+;/gm, `worker_processes ${options.workerProcesses};`);
  }
  return { text: out, counts };
}

/** Command-line arguments that run `conf` in the foreground with everything of its own under `dir`. */
export function nginxArgs(dir, conf) {
  return ['-p', `${dir}/`, '-c', conf, '-g', 'daemon off;'];
}
