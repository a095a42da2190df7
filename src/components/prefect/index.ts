/**
 * Prefect: the server (API and UI, reachable only through the proxy) and
 * what clients need to reach it as machines: profiles with the credentials,
 * CI settings without them, an example GitHub Actions job.
 */
import type { ClientProfilePlan } from '../../plan/types.js';
import { renderTemplate } from '../../render/templates.js';
import { clientProfiles } from './profiles.js';
import { BACKEND_NETWORK, EGRESS_NETWORK, healthcheck, literal, secretRef } from '../compose.js';
import { machineSecretName } from '../../config/schema.js';
import { authStringUser } from '../machineAccess/basicAuth/serverAuthString.js';
import { githubAudience } from '../machineAccess/githubActions/index.js';
import { file } from '../files.js';
import type { Component } from '../types.js';
import type { ServicePlan } from '../../plan/types.js';
import { MIGRATE_SERVICE, SERVICES_SERVICE, prefectApiServices } from './layout.js';
import { PREFECT_HEALTH_PATH, PREFECT_PORT, PREFECT_USER, PREFECT_WRITABLE, builtPrefectImage, prefectImage } from './facts.js';

/** Why Prefect has a way out of the stack. */
function outboundPurpose(egress: boolean, database: boolean, redis: boolean): string {
  const reasons = [
    ...(database ? ['its database server'] : []),
    ...(redis ? ['your Redis'] : []),
    ...(egress ? ['notifications and webhooks of automations (prefect.egress: internet)'] : []),
  ];
  if (!database && !redis) return "the Prefect server's way out (prefect.egress: internet): notifications and webhooks of automations";
  return `Prefect's way out of the stack: ${reasons.join(', ')}`;
}

export const prefect: Component = {
  id: 'prefect',
  concern: 'prefect',
  appliesTo: () => true,
  plan(ctx) {
    const { spec, urls, capabilities } = ctx;
    const users = spec.machineAccess.users.map((u) => u.name);
    const caFile = spec.tls?.ca;
    const clients: ClientProfilePlan[] = spec.clients.profiles.map((name) => ({ name, user: name, apiUrl: urls.machineApi, uiUrl: urls.ui, ...(caFile ? { caFile } : {}) }));
    // The profile a worker uses (profiles.toml's active one) and the user CI deploys as.
    const workerProfile = clients.find((c) => c.name === 'worker')?.name ?? clients[0]?.name ?? users[0]!;
    const ciUser = clients.find((c) => c.name === 'ci')?.user ?? users[0]!;
    const proxy = capabilities.proxyService;
    const egress = spec.prefect.egress === 'internet';
    // A machine credential in the profiles (machineAccess.type: basic), or none at all.
    const credential = spec.machineAccess.type === 'basic';
    const authUser = authStringUser(spec);
    const database = capabilities.database;
    const messaging = capabilities.messaging;
    const scaled = messaging !== undefined;
    // A database or Redis outside the stack is reached through the network with a way out.
    const outbound = egress || database.outside || (messaging?.outside ?? false);
    const networks = [{ name: BACKEND_NETWORK, aliases: [] }, ...(outbound ? [{ name: EGRESS_NETWORK, aliases: [] }] : [])];
    const image = prefectImage(spec.prefect.image, spec.prefect.version, spec.prefect.python);
    const built = database.packages.length > 0;
    const imageFields = built
      ? { image: builtPrefectImage(spec.name, spec.prefect.version, spec.prefect.python), build: { context: './prefect', dockerfile: 'Dockerfile' } }
      : { image };
    // Not root: what the server writes goes where its user may write.
    const home = [
      { key: 'HOME', value: literal(PREFECT_WRITABLE.home) },
      { key: 'PREFECT_HOME', value: literal(PREFECT_WRITABLE.prefectHome) },
    ];
    const common = [
      ...database.environment,
      ...(messaging?.environment ?? []),
      ...(scaled ? [{ key: 'PREFECT_SERVER_DATABASE_MIGRATE_ON_START', value: literal('false') }] : []),
      { key: 'PREFECT_SERVER_ANALYTICS_ENABLED', value: literal('false') },
      ...home,
    ];
    const dependsOn = [
      ...database.dependsOn,
      ...(messaging?.dependsOn ?? []),
      ...(scaled ? [{ service: MIGRATE_SERVICE, condition: 'service_completed_successfully' as const }] : []),
    ];
    const volumes = [...database.volumes, ...(messaging?.volumes ?? [])];
    // Each API replica registers Prefect's block types as it starts; two at once collide on the same rows
    // (a UniqueViolation on block_schema, seen with two replicas), so each waits for the one before it.
    const apiService = (name: string, index: number, names: string[]) => ({
      name,
      title: 'Prefect',
      purpose: scaled
        ? `Prefect API and UI (replica ${name.replace(/^prefect-server-?/, '') || '1'} of ${spec.scale.apiReplicas}, without background services); reachable only through ${proxy}.`
        : `Prefect API and UI; reachable only through ${proxy}.`,
      ...imageFields,
      command: scaled ? ['prefect', 'server', 'start', '--no-services'] : ['prefect', 'server', 'start'],
      user: PREFECT_USER,
      restart: 'unless-stopped' as const,
      environment: [
        // The default 127.0.0.1 would be unreachable from the proxy.
        { key: 'PREFECT_SERVER_API_HOST', value: literal('0.0.0.0') },
        { key: 'PREFECT_SERVER_API_PORT', value: literal(String(PREFECT_PORT)) },
        // What the browser calls: the API through the proxy, on the UI host, behind SSO.
        { key: 'PREFECT_UI_API_URL', value: literal(urls.uiApi) },
        // Links in notifications the server sends point at the UI people use.
        { key: 'PREFECT_UI_URL', value: literal(urls.ui) },
        ...common,
        // machineAccess.serverAuthString: Prefect checks the one machine user's credential too.
        ...(authUser ? [{ key: 'PREFECT_SERVER_API_AUTH_STRING', value: secretRef(machineSecretName(authUser), `${authUser}:`) }] : []),
        { key: 'PREFECT_UI_STATIC_DIRECTORY', value: literal(PREFECT_WRITABLE.uiStatic) },
      ],
      ports: [],
      volumes,
      networks,
      dependsOn: index > 0 ? [...dependsOn, { service: names[index - 1]!, condition: 'service_healthy' as const }] : dependsOn,
      healthcheck: healthcheck(
        ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${PREFECT_PORT}${PREFECT_HEALTH_PATH}', timeout=4)`],
        '30s',
      ),
      listensOn: PREFECT_PORT,
    });
    const services: ServicePlan[] = scaled
      ? [
          {
            name: MIGRATE_SERVICE,
            title: 'Prefect migrations',
            purpose: 'Brings the database schema up to this Prefect version, once, before any Prefect process starts (they do not migrate at start).',
            ...imageFields,
            command: ['prefect', 'server', 'database', 'upgrade', '-y'],
            user: PREFECT_USER,
            restart: 'no',
            environment: [...database.environment, ...home],
            ports: [],
            volumes: database.volumes,
            networks,
            dependsOn: database.dependsOn,
          },
          ...prefectApiServices(spec).map(apiService),
          {
            name: SERVICES_SERVICE,
            title: 'Prefect background services',
            purpose: 'The one process that runs Prefect\'s background services (scheduler, late runs, automations, notifications) for every API replica.',
            ...imageFields,
            command: ['prefect', 'server', 'services', 'start'],
            user: PREFECT_USER,
            restart: 'unless-stopped',
            environment: [{ key: 'PREFECT_UI_URL', value: literal(urls.ui) }, ...common],
            ports: [],
            volumes,
            networks,
            dependsOn,
          },
        ]
      : [apiService('prefect-server', 0, ['prefect-server'])];
    return {
      networks: outbound
        ? [{ name: EGRESS_NETWORK, internal: false, purpose: outboundPurpose(egress, database.outside, messaging?.outside ?? false) }]
        : [],
      services,
      clients,
      files: [
        ...(built
          ? [file('prefect/Dockerfile', `the Prefect image with ${database.packages.join(', ')} (docker compose builds it)`, () =>
              renderTemplate('prefect/Dockerfile', { image, prefect: `prefect==${spec.prefect.version}`, packages: database.packages }),
            )]
          : []),
        file(
          'prefect/profiles.toml',
          'Prefect client profiles with machine credentials',
          ({ plan, secrets }) => renderTemplate('prefect/profiles.toml', { active: workerProfile, profiles: clientProfiles(plan, secrets), credential }),
          { secret: true },
        ),
        file('prefect/prefect.toml', 'Prefect settings for CI (nested tables; the credential comes from a CI secret)', () =>
          renderTemplate('prefect/prefect.toml', { apiUrl: urls.machineApi, uiUrl: urls.ui, user: ciUser, credential, caFile }),
        ),
        file('prefect/github-actions-deploy.yml', 'an example GitHub Actions job that deploys flows', () =>
          renderTemplate('prefect/github-actions-deploy.yml', {
            user: ciUser,
            credential,
            apiUrl: urls.machineApi,
            runsOn: capabilities.ci.runsOn,
            reachNote: capabilities.ci.reachNote,
            python: spec.prefect.python,
            pipRequirement: `prefect==${spec.prefect.version}`,
            oidc: spec.machineAccess.githubActions ? { audience: githubAudience(ctx), audienceParam: encodeURIComponent(githubAudience(ctx)) } : undefined,
          }),
        ),
      ],
      nextSteps: [
        { order: 60, title: 'Point a worker at the stack', template: 'prefect/steps/worker', view: { workerProfile, machineHost: spec.hosts.machine, project: spec.name, proxy, credential } },
        { order: 70, title: 'Deploy from CI', template: 'prefect/steps/ci', view: { machineHost: spec.hosts.machine, runnerNote: capabilities.ci.runnerNote, ca: caFile } },
        { order: 75, title: 'Notifications and webhooks', template: 'prefect/steps/egress', view: { egress, proxy, outside: [...(database.outside ? ['the database'] : []), ...(messaging?.outside ? ['Redis'] : [])].join(' and ') || undefined } },
      ],
    };
  },
};
