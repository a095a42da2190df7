/**
 * Derives every decision about the stack from the spec, by folding the
 * fragments of the components the spec chooses. Pure: same spec, same plan.
 */
import { COMPONENTS } from '../components/index.js';
import type { Capabilities, Component, Concern, Fragment, PlanContext } from '../components/types.js';
import type { Spec } from '../config/schema.js';
import type { Plan } from './types.js';
import { baseUrls } from './urls.js';

export type { Plan } from './types.js';

/** Concerns the spec chooses exactly one component for. */
const CHOSEN: Concern[] = ['target', 'proxy', 'sso', 'identity', 'database', 'machineAccess'];
const CAPABILITIES: (keyof Capabilities)[] = ['passwordHashes', 'scheme', 'ci', 'database', 'proxyService'];

function componentsFor(spec: Spec, components: readonly Component[]): Component[] {
  const used = components.filter((c) => c.appliesTo(spec));
  for (const concern of CHOSEN) {
    const ids = used.filter((c) => c.concern === concern).map((c) => c.id);
    // The spec schema admits only values a component exists for, so this is our bug.
    if (ids.length !== 1) throw new Error(`internal: the spec chooses ${ids.length === 0 ? 'no' : `${ids.length} (${ids.join(', ')})`} ${concern} components`);
  }
  return used;
}

function capabilitiesOf(spec: Spec, used: Component[]): Capabilities {
  const merged: Partial<Capabilities> = {};
  for (const c of used) Object.assign(merged, typeof c.capabilities === 'function' ? c.capabilities(spec) : c.capabilities);
  const missing = CAPABILITIES.filter((key) => merged[key] === undefined);
  if (missing.length > 0) throw new Error(`internal: no component in use provides ${missing.join(', ')}`);
  return merged as Capabilities;
}

export function buildPlan(spec: Spec, components: readonly Component[] = COMPONENTS): Plan {
  const used = componentsFor(spec, components);
  const capabilities = capabilitiesOf(spec, used);
  const idp = used.find((c) => c.concern === 'identity')!;
  if (!idp.identity) throw new Error(`internal: identity component ${idp.id} describes no identity provider`);
  const identity = idp.identity(spec, capabilities.scheme);
  const ctx: PlanContext = {
    spec,
    urls: { ...baseUrls(spec, capabilities.scheme), ...identity.urls },
    identity,
    capabilities,
    chosen: Object.fromEntries(used.map((c) => [c.concern, c.id])),
  };
  const fragments: Fragment[] = used.map((c) => c.plan(ctx));
  const all = <K extends keyof Fragment>(key: K) => fragments.flatMap((f) => (f[key] ?? []) as NonNullable<Fragment[K]>[number][]);
  const files = all('files');
  const plan: Plan = {
    spec,
    project: spec.name,
    urls: ctx.urls,
    components: used.map((c) => ({ id: c.id, concern: c.concern })),
    capabilities,
    services: all('services'),
    networks: all('networks'),
    volumes: all('volumes'),
    secrets: all('secrets'),
    machineUsers: all('machineUsers'),
    clients: all('clients'),
    reachability: all('reachability'),
    routes: all('routes'),
    identity: { displayName: identity.displayName, ...(ctx.urls.issuer ? { issuer: ctx.urls.issuer } : {}), ...(identity.service ? { service: identity.service } : {}) },
    files: [...files.filter((f) => !f.last), ...files.filter((f) => f.last)],
    nextSteps: [],
    firstSignIn: all('firstSignIn'),
    beforeStart: all('beforeStart'),
    warnings: all('warnings'),
    acknowledgedChecks: all('acknowledgedChecks'),
    provided: all('provided'),
    localNames: all('localNames'),
  };
  plan.nextSteps = all('nextSteps')
    .sort((a, b) => a.order - b.order)
    .map((s, i) => ({ number: i + 1, title: s.title, template: s.template, view: typeof s.view === 'function' ? s.view(plan) : s.view }));
  return plan;
}
