/**
 * What every stack has: the spec and its schema, the compose file, `.env`
 * and its example, `.gitignore`, and NEXT_STEPS.md with the sections that
 * are about the stack as a whole (start it, where the credentials are,
 * change and rotate, check it).
 */
import { renderTemplate } from '../../render/templates.js';
import { specDocument, specJsonSchema } from '../../render/specDocument.js';
import { BACKEND_NETWORK, EDGE_NETWORK } from '../compose.js';
import { listText } from '../../util/listText.js';
import { file } from '../files.js';
import type { Component } from '../types.js';
import { gitIgnored, RUN_FILES, SCHEMA_FILE, SPEC_FILE } from './files.js';
import { rotateNames, secretLocation, storedSecrets } from './secrets.js';
import { validateCore } from './validate.js';
import { stackDiagram } from '../../diagram/index.js';

export const core: Component = {
  id: 'core',
  concern: 'core',
  appliesTo: () => true,
  plan(ctx) {
    const proxy = ctx.capabilities.proxyService;
    return {
      networks: [
        { name: EDGE_NETWORK, internal: false, purpose: `${proxy} and oauth2-proxy; oauth2-proxy reaches the identity provider through ${proxy} here` },
        { name: BACKEND_NETWORK, internal: true, purpose: `internal: Prefect and its database; no route to the host or the internet; only ${proxy} reaches them` },
      ],
      files: [
        file(SPEC_FILE, 'the spec this stack was rendered from; re-render with `prefect-secure render`', ({ specSource }) => specDocument(specSource)),
        file(SCHEMA_FILE, 'JSON Schema of the spec, for editor completion', () => specJsonSchema()),
        file('docker-compose.yml', 'the services, networks and volumes', ({ plan }) => renderTemplate('core/docker-compose.yml', plan)),
        file('.env', 'every generated secret; docker compose reads it', ({ plan, secrets }) => renderTemplate('core/env', { entries: storedSecrets(plan, secrets) }), { secret: true }),
        file('.env.example', 'the variables .env holds, without values', ({ plan }) => renderTemplate('core/env.example', { entries: storedSecrets(plan) })),
        file('.gitignore', 'keeps the secret files out of git', ({ plan }) => renderTemplate('core/gitignore', { ignored: [...gitIgnored(plan.files), ...plan.provided.filter((f) => f.secret).map((f) => f.path), ...RUN_FILES] })),
        file('NEXT_STEPS.md', 'how to start, sign in, connect workers and check the stack', ({ plan }) => renderTemplate('core/NEXT_STEPS.md', { project: plan.project, sections: plan.nextSteps }), { last: true }),
      ],
      nextSteps: [
        {
          // After what must be read first (a missing credential, the names and certificates to provide), before starting it.
          order: 9,
          title: 'The stack at a glance',
          template: 'core/steps/picture',
          view: (plan) => ({ lines: stackDiagram(plan).trimEnd().split('\n') }),
        },
        {
          order: 10,
          title: 'Start it',
          template: 'core/steps/start',
          view: (plan) => {
            const behind = plan.services.filter((s) => s.ports.length === 0);
            const withMembers = (internal: boolean) =>
              plan.networks
                .filter((n) => n.internal === internal && n.name !== EDGE_NETWORK)
                .map((n) => ({ name: n.name, members: listText(behind.filter((s) => s.networks.some((m) => m.name === n.name)).map((s) => s.title ?? s.name)) }))
                .filter((n) => n.members);
            const ports = plan.services.find((s) => s.name === proxy)?.ports ?? [];
            return {
              proxy,
              published: `${ports.length === 1 ? 'a port' : 'ports'} (${listText(ports.map((p) => `${p.bind}:${p.published}`))})`,
              internal: withMembers(true),
              open: withMembers(false),
              slowStarts: plan.services.flatMap((s) => (s.startsIn ? [`${s.title ?? s.name} takes ${s.startsIn}`] : [])),
            };
          },
        },
        {
          order: 30,
          title: 'Where each credential is',
          template: 'core/steps/credentials',
          view: (plan) => ({
            secrets: plan.secrets.map((s) => ({ name: s.name, purpose: s.purpose, where: secretLocation(plan, s.name) })),
            secretFiles: listText(plan.files.filter((f) => f.secret).map((f) => `\`${f.path}\``)),
          }),
        },
        {
          order: 90,
          title: 'Change, re-render, rotate',
          template: 'core/steps/change',
          view: (plan) => {
            const [example, ...others] = rotateNames(plan);
            return { rotateExample: example, rotateOthers: others };
          },
        },
        { order: 100, title: 'Check it', template: 'core/steps/check', view: {} },
      ],
    };
  },
  validate: validateCore,
};

