/**
 * Redis for Prefect's messaging (scale.redis): bundled in the stack with a
 * generated password on the internal network, or your own over TLS. Present,
 * it splits Prefect into API replicas, one services process and a one-shot
 * migration (src/components/prefect/layout.ts).
 */
import { BACKEND_NETWORK, healthcheck, literal, secretRef } from '../../compose.js';
import { prefectServerServices } from '../../prefect/layout.js';
import type { Capabilities, Component } from '../../types.js';
import type { Spec } from '../../../config/schema.js';
import { DOCKET_DB, MESSAGING_DB, REDIS_CA_IN_CONTAINER, REDIS_IMAGE, REDIS_MODULES, REDIS_PORT, REDIS_SERVICE } from './facts.js';

const SECRET = 'REDIS_PASSWORD';

function messaging(spec: Spec): NonNullable<Capabilities['messaging']> {
  const redis = spec.scale.redis;
  const modules = REDIS_MODULES.map(({ key, module }) => ({ key, value: literal(module) }));
  if (redis.type === 'external') {
    const host = redis.host!;
    const query = redis.ca ? `?ssl_ca_certs=${REDIS_CA_IN_CONTAINER}` : '';
    // rediss://: TLS, the certificate and name verified (redis-py's default), against the CA file when given.
    const url = (db: number) => secretRef(SECRET, `rediss://${redis.username}:`, `@${host}:${redis.port}/${db}${query}`);
    return {
      environment: [...modules, { key: 'PREFECT_REDIS_MESSAGING_URL', value: url(MESSAGING_DB) }, { key: 'PREFECT_SERVER_DOCKET_URL', value: url(DOCKET_DB) }],
      volumes: redis.ca ? [{ type: 'bind', source: `./${redis.ca}`, target: REDIS_CA_IN_CONTAINER, readOnly: true }] : [],
      dependsOn: [],
      outside: true,
    };
  }
  return {
    environment: [
      ...modules,
      { key: 'PREFECT_REDIS_MESSAGING_HOST', value: literal(REDIS_SERVICE) },
      { key: 'PREFECT_REDIS_MESSAGING_PORT', value: literal(String(REDIS_PORT)) },
      { key: 'PREFECT_REDIS_MESSAGING_DB', value: literal(String(MESSAGING_DB)) },
      { key: 'PREFECT_REDIS_MESSAGING_PASSWORD', value: secretRef(SECRET) },
      { key: 'PREFECT_SERVER_DOCKET_URL', value: secretRef(SECRET, 'redis://:', `@${REDIS_SERVICE}:${REDIS_PORT}/${DOCKET_DB}`) },
    ],
    volumes: [],
    dependsOn: [{ service: REDIS_SERVICE, condition: 'service_healthy' }],
    outside: false,
  };
}

export const redis: Component = {
  id: 'redis',
  concern: 'messaging',
  appliesTo: (spec) => spec.scale.redis.type !== 'none',
  capabilities: (spec) => ({ messaging: messaging(spec) }),
  plan(ctx) {
    const { spec } = ctx;
    const external = spec.scale.redis.type === 'external';
    const users = [...prefectServerServices(spec)];
    return {
      services: external
        ? []
        : [
            {
              name: REDIS_SERVICE,
              title: 'Redis',
              purpose: "Prefect's messaging between its processes (events, logs to subscribers, ordering, leases, task queue); internal network only, password required.",
              image: REDIS_IMAGE,
              // The password reaches redis-server on its standard input, in no process's arguments.
              command: ['sh', '-c', 'printf \'requirepass "%s"\\n\' "$REDIS_PASSWORD" | redis-server - --appendonly yes'],
              restart: 'unless-stopped',
              environment: [{ key: 'REDIS_PASSWORD', value: secretRef(SECRET) }],
              ports: [],
              volumes: [{ type: 'volume', source: 'redis-data', target: '/data', readOnly: false }],
              networks: [{ name: BACKEND_NETWORK, aliases: [] }],
              dependsOn: [],
              healthcheck: healthcheck(['CMD-SHELL', 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG'], '10s'),
              listensOn: REDIS_PORT,
            },
          ],
      volumes: external ? [] : ['redis-data'],
      secrets: [
        {
          name: SECRET,
          alias: 'redis-password',
          purpose: external ? `Password of the ${spec.scale.redis.username} user of your Redis` : 'Password of the bundled Redis',
          bytes: 24,
          source: external
            ? { env: spec.scale.redis.password!, field: 'scale.redis.password', store: true, minLength: 1, forbidden: { chars: '@/?#%', why: 'ends the password early, or is decoded, inside the rediss:// URLs Prefect and Docket read' }, charsetHint: 'choose a password for the Redis user without them (.env keeps it for docker compose, which would change it)', holds: `the password of the Redis user ${spec.scale.redis.username}` }
            : { generate: true },
          usedBy: external ? users : [REDIS_SERVICE, ...users],
          afterRotate: external
            ? { when: 'before', text: 'Set the new password on your Redis first: Prefect signs in with whatever .env holds.' }
            : { when: 'after', text: 'Redis reads its password at start: recreating it and the Prefect processes together is all it takes.' },
        },
      ],
      nextSteps: external
        ? [{ order: 13, title: 'Your Redis', template: 'scale/redis/steps/external', view: { host: spec.scale.redis.host, port: spec.scale.redis.port, username: spec.scale.redis.username, ca: spec.scale.redis.ca, passwordEnv: spec.scale.redis.password } }]
        : [],
      provided: external && spec.scale.redis.ca ? [{ path: spec.scale.redis.ca, what: "the CA that signed your Redis server's certificate", secret: false, section: 'Your Redis' }] : [],
    };
  },
};
