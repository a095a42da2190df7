/**
 * Parses what was rendered before anything is written, and checks the
 * properties the stack promises. A failure here is a bug in prefect-secure,
 * never the user's input; findings are returned as data.
 */
import { parse as parseToml } from 'smol-toml';
import { load as parseYaml } from 'js-yaml';
import type { Plan } from '../plan/types.js';
import type { FileMap } from '../render/index.js';
import type { SecretValues } from '../secrets/resolve.js';

export interface RenderFinding {
  file: string;
  message: string;
}

type ComposeFile = {
  services: Record<string, { ports?: unknown[]; networks?: Record<string, unknown>; environment?: Record<string, string> }>;
  networks: Record<string, { internal?: boolean }>;
};

const PARSERS: Record<string, (text: string) => unknown> = {
  // js-yaml: three times faster than the positional parser on a cold start, and it rejects duplicate keys too.
  '.yml': (text) => parseYaml(text),
  '.yaml': (text) => parseYaml(text),
  '.toml': (text) => parseToml(text),
  '.cfg': (text) => parseToml(text),
  '.json': (text) => JSON.parse(text),
};

export function validateRendered(plan: Plan, files: FileMap, secrets: SecretValues): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const parsed = new Map<string, unknown>();
  for (const [path, file] of files) {
    const parser = Object.entries(PARSERS).find(([ext]) => path.endsWith(ext))?.[1];
    if (!parser) continue;
    try {
      parsed.set(path, parser(file.content));
    } catch (error) {
      findings.push({ file: path, message: `does not parse: ${(error as Error).message.split('\n')[0]}` });
    }
  }

  const compose = parsed.get('docker-compose.yml') as ComposeFile | undefined;
  if (compose) {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== 'nginx' && service.ports?.length) findings.push({ file: 'docker-compose.yml', message: `${name} publishes a port; only nginx may` });
    }
    for (const network of plan.networks.filter((n) => n.internal)) {
      if (compose.networks[network.name]?.internal !== true) findings.push({ file: 'docker-compose.yml', message: `network ${network.name} is not internal` });
    }
  }
  const cfg = parsed.get('oauth2-proxy/oauth2-proxy.cfg') as Record<string, unknown> | undefined;
  const realm = parsed.get(plan.realm.file) as { clients: { redirectUris: string[] }[] } | undefined;
  if (cfg && realm && JSON.stringify(realm.clients[0]?.redirectUris) !== JSON.stringify([cfg.redirect_url])) {
    findings.push({ file: plan.realm.file, message: 'redirect URI differs from oauth2-proxy redirect_url' });
  }

  // Secret values may appear only in the files meant for them.
  const secretFiles = new Set(plan.files.filter((f) => f.secret).map((f) => f.path));
  for (const [path, file] of files) {
    if (secretFiles.has(path)) continue;
    for (const [name, value] of Object.entries(secrets)) {
      if (file.content.includes(value)) findings.push({ file: path, message: `contains the value of ${name}` });
    }
  }
  return findings;
}
