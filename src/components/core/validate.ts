/** What every rendered stack promises, whatever its components. */
import type { RenderedView, RenderFinding } from '../types.js';

type ComposeFile = {
  services: Record<string, { ports?: unknown[] }>;
  networks: Record<string, { internal?: boolean }>;
};

export function validateCore(rendered: RenderedView): RenderFinding[] {
  const { plan } = rendered;
  const findings: RenderFinding[] = [];
  const compose = rendered.parsed('docker-compose.yml') as ComposeFile | undefined;
  if (compose) {
    const proxy = plan.capabilities.proxyService;
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== proxy && service.ports?.length) findings.push({ file: 'docker-compose.yml', message: `${name} publishes a port; only ${proxy} may` });
    }
    for (const network of plan.networks.filter((n) => n.internal)) {
      if (compose.networks[network.name]?.internal !== true) findings.push({ file: 'docker-compose.yml', message: `network ${network.name} is not internal` });
    }
  }
  return findings;
}
