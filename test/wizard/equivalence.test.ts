/**
 * The wizard and a spec file are two ways to give the same answers: the
 * wizard's result and the file must make the same spec, and the same stack.
 */
import { describe, expect, it } from 'vitest';
import { generateStack } from '../../src/generate.js';
import { canonicalSpec } from '../../src/config/canonical.js';
import { parseSpec, validateSpec } from '../../src/config/load.js';
import type { Spec } from '../../src/config/schema.js';
import { runWizard } from '../../src/wizard/index.js';
import { questions as q } from '../../src/wizard/messages.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { memoryIo } from './helpers/memoryIo.js';
import { DEFAULT, mockPrompt, type Script } from './helpers/mockPrompt.js';
import { ALL_DEFAULTS, CUSTOM_ANSWERS, withAnswers, withChosenPasswords } from './helpers/script.js';

const ENV = { DEPLOY_PASSWORD: 'a-password-the-test-chose' };

const CASES: { name: string; script: Script; yaml: string }[] = [
  {
    name: 'every default',
    script: ALL_DEFAULTS,
    yaml: 'version: 1\n',
  },
  {
    name: 'custom hosts, port, realm, roles, users with a chosen password, versions and profiles',
    script: withChosenPasswords(
      { deploy: 'env:DEPLOY_PASSWORD', etl: DEFAULT },
      withAnswers({ ...CUSTOM_ANSWERS, [q.databaseVersion]: '16', [q.prefectVersion]: '3.7.0', [q.profiles]: ['deploy', 'etl'] }),
    ),
    yaml: `version: 1
name: data-team
target: local
hosts:
  ui: flows.localtest.me
  machine: flows-api.localtest.me
  idp: sso.localtest.me
  port: 9443
identityProvider:
  type: keycloak
  realm: data
  allowedRoles: [analysts, ops]
proxy:
  type: nginx
machineAccess:
  users:
    - name: deploy
      password: env:DEPLOY_PASSWORD
    - etl
database:
  type: postgres
  version: "16"
prefect:
  version: "3.7.0"
clients:
  profiles: [deploy, etl]
`,
  },
];

function render(spec: Spec) {
  return generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom('wizard-equivalence'), env: ENV }).files;
}

describe('wizard answers and a spec file with the same answers', () => {
  it.each(CASES)('$name: the same spec, and byte-identical files', async ({ script, yaml }) => {
    const prompt = mockPrompt(script);
    const answered = await runWizard({ draft: {}, prompt, io: memoryIo({ env: ENV }) }, () => 'summary');
    expect(prompt.unused()).toEqual([]);
    const fromWizard = validateSpec(answered, 'the wizard');
    const fromFile = parseSpec(yaml);
    expect(fromWizard).toEqual(fromFile);

    const wizardFiles = render(fromWizard);
    const fileFiles = render(fromFile);
    expect([...wizardFiles.keys()].sort()).toEqual([...fileFiles.keys()].sort());
    for (const [path, file] of wizardFiles) {
      expect(file.content, path).toEqual(fileFiles.get(path)!.content);
      expect(file.mode, path).toBe(fileFiles.get(path)!.mode);
    }
    // The chosen password came from the environment and is nowhere in the spec the stack keeps.
    expect(String(wizardFiles.get('prefect-secure.yaml')!.content)).not.toContain(ENV.DEPLOY_PASSWORD);
  });
});
