/**
 * Lays the plan out as files: one entry per file of the plan, each a
 * template and the view it is given. No decision about the stack is made
 * here; the plan made them all.
 */
import { gitIgnored, RUN_FILES, SCHEMA_FILE, SPEC_FILE } from '../plan/files.js';
import type { Plan } from '../plan/types.js';
import type { RandomSource } from '../secrets/random.js';
import type { SecretValues } from '../secrets/resolve.js';
import { clientProfiles, htpasswdLines } from './secretViews.js';
import { specDocument, specJsonSchema } from './specDocument.js';
import { renderTemplate } from './templates.js';

export interface RenderedFile {
  content: string;
  mode: number;
}
export type FileMap = Map<string, RenderedFile>;

export interface RenderInput {
  plan: Plan;
  secrets: SecretValues;
  random: RandomSource;
  /** The spec as the user wrote it, or the preset input. */
  specSource: { text: string } | { input: object };
  /** htpasswd lines already in the stack, kept when they still match. */
  existingHtpasswd?: string[];
}

function secretLocation(plan: Plan, name: string): string {
  const secret = plan.secrets.find((s) => s.name === name)!;
  if ('env' in secret.source) return `your environment variable \`${secret.source.env}\` (not stored)`;
  const user = plan.machineUsers.find((u) => u.secret === name);
  return user ? `\`.env\`; also in \`prefect/profiles.toml\` as the auth string of "${user.name}"` : '`.env`';
}

export function renderStack(input: RenderInput): FileMap {
  const { plan, secrets } = input;
  const stored = plan.secrets.filter((s) => 'generate' in s.source);
  const envEntries = stored.map((s) => ({ name: s.name, purpose: s.purpose, usedBy: s.usedBy.join(', '), value: secrets[s.name]! }));
  const users = plan.machineUsers;
  const workerProfile = plan.clients.find((c) => c.name === 'worker')?.name ?? plan.clients[0]?.name ?? users[0]!.name;
  const ciUser = plan.clients.find((c) => c.name === 'ci')?.user ?? users[0]!.name;

  const contents: Record<string, () => string> = {
    [SPEC_FILE]: () => specDocument(input.specSource),
    [SCHEMA_FILE]: () => specJsonSchema(),
    'docker-compose.yml': () => renderTemplate('docker-compose.yml.hbs', plan),
    '.env': () => renderTemplate('env.hbs', { entries: envEntries }),
    '.env.example': () => renderTemplate('env.example.hbs', { entries: envEntries }),
    '.gitignore': () => renderTemplate('gitignore.hbs', { ignored: [...gitIgnored(plan.files), ...RUN_FILES] }),
    'proxy/nginx.conf': () => renderTemplate('nginx.conf.hbs', plan.nginx),
    'proxy/htpasswd': () =>
      renderTemplate('htpasswd.hbs', { entries: htpasswdLines(plan, secrets, input.random, input.existingHtpasswd) }),
    'oauth2-proxy/oauth2-proxy.cfg': () => renderTemplate('oauth2-proxy.cfg.hbs', plan.oauth2Proxy),
    [plan.realm.file]: () => `${JSON.stringify(plan.realm.json, null, 2)}\n`,
    'prefect/profiles.toml': () =>
      renderTemplate('profiles.toml.hbs', { active: workerProfile, profiles: clientProfiles(plan, secrets) }),
    'prefect/prefect.toml': () => renderTemplate('prefect.toml.hbs', { apiUrl: plan.urls.machineApi, uiUrl: plan.urls.ui, user: ciUser }),
    'prefect/github-actions-deploy.yml': () =>
      renderTemplate('github-actions-deploy.yml.hbs', {
        user: ciUser,
        apiUrl: plan.urls.machineApi,
        runsOn: 'self-hosted',
        reachNote: 'The local stack is reached through localtest.me on this machine: use a self-hosted runner here.',
        python: plan.spec.prefect.python,
        pipRequirement: `prefect==${plan.spec.prefect.version}`,
      }),
    'NEXT_STEPS.md': () =>
      renderTemplate('NEXT_STEPS.md.hbs', {
        project: plan.project,
        bind: plan.spec.hosts.bind,
        port: plan.spec.hosts.port,
        urls: plan.urls,
        demoUser: plan.spec.identityProvider.demoUser,
        realm: plan.realm.name,
        clientId: plan.realm.clientId,
        realmFile: plan.realm.file,
        role: plan.spec.identityProvider.allowedRoles[0],
        machineHost: plan.spec.hosts.machine,
        workerProfile,
        secrets: plan.secrets.map((s) => ({ name: s.name, purpose: s.purpose, where: secretLocation(plan, s.name) })),
        chosenPasswords: users.filter((u) => u.hash === 'bcrypt').map((u) => u.name),
      }),
  };

  const files: FileMap = new Map();
  for (const file of plan.files) {
    const make = contents[file.path];
    if (!make) throw new Error(`internal: no renderer for ${file.path}`);
    files.set(file.path, { content: make(), mode: file.mode });
  }
  return files;
}
