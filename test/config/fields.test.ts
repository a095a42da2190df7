/**
 * The field registry is the one place a spec field is described: the flags,
 * the wizard, the schema and the README read it, and its choices agree with
 * what the schema accepts and which components exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/components/index.js';
import { fieldAt, fieldValue, getPath, SPEC_FIELDS, valueText } from '../../src/config/fields.js';
import { SPEC_VERSION, specSchema } from '../../src/config/schema.js';
import { validateField } from '../../src/config/validateField.js';
import { runCli } from '../helpers/cli.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const defaults = specSchema.parse({ version: SPEC_VERSION });
const defaultText = (path: string) => fieldAt(path).derivedDefault ?? valueText(getPath(defaults, path));
/** The concern whose components a choice field picks. */
/** Fields whose choices exist only for some kinds of their part: a draft of that kind. */
const CHOICE_CONTEXT: Record<string, (value: string) => object> = {
  'database.auth': (value) => ({ database: { type: value === 'iam' ? 'aws' : 'azure' } }),
  'database.tls': () => ({ database: { type: 'external' } }),
};
const CONCERN: Record<string, string> = { target: 'target', 'identityProvider.type': 'identity', 'proxy.type': 'proxy', 'database.type': 'database' };

describe('the field registry', () => {
  it('is what the README flag table says, row for row', () => {
    for (const field of SPEC_FIELDS.filter((f) => f.flag)) {
      const row = `| \`${field.flag} ${field.valueName ?? '<value>'}\` | ${field.help} | ${defaultText(field.path)} |`;
      expect(README, field.path).toContain(row);
    }
  });

  it('describes each field in the JSON Schema with the same words', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'local', 'prefect-secure.schema.json.golden'), 'utf8')) as Record<string, unknown>;
    type Node = Record<string, unknown>;
    // A discriminated union (identityProvider) keeps its properties in its alternatives: every one that has the field describes it alike.
    const nodesAt = (at: Node, key: string): Node[] => {
      const alternatives = (at.oneOf ?? at.anyOf) as Node[] | undefined;
      return (alternatives ?? [at]).map((alt) => (alt.properties as Record<string, Node> | undefined)?.[key]).filter((n): n is Node => n !== undefined);
    };
    for (const field of SPEC_FIELDS.filter((f) => !f.path.endsWith('.type'))) {
      const nodes = field.path.split('.').reduce<Node[]>((at, key) => at.flatMap((node) => nodesAt(node, key)), [schema]);
      expect(nodes.length, field.path).toBeGreaterThan(0);
      for (const node of nodes) expect(node.description, field.path).toBe(field.help);
    }
  });

  it('is where the schema takes its choices and their error words from', () => {
    expect(validateField({}, 'proxy.type', 'caddy')).toBe(true);
    expect(validateField({}, 'proxy.type', 'apache')).toBe('must be one of: nginx, caddy, traefik');
    expect(validateField({}, 'database.version', '13')).toBe('must be one of: 17, 16, 15 (Prefect needs PostgreSQL 14.9 or newer)');
  });

  it('lists as available exactly the choices the schema accepts and a component exists for', () => {
    for (const field of SPEC_FIELDS.filter((f) => f.kind === 'choice')) {
      for (const choice of field.choices!) {
        const accepted = validateField((CHOICE_CONTEXT[field.path]?.(choice.value) ?? {}) as never, field.path, choice.value) === true;
        expect(accepted, `${field.path}=${choice.value}`).toBe(!choice.planned);
        const concern = CONCERN[field.path];
        if (concern) expect(COMPONENTS.some((c) => c.concern === concern && c.id === choice.value), `component for ${field.path}=${choice.value}`).toBe(!choice.planned);
      }
    }
  });

  it('reads typed text one way for flags and answers: digits only for a port, commas for a list', () => {
    const port = fieldAt('hosts.port');
    expect([' 8080 ', '0x1F90', '8080.0', '1e3'].map((text) => fieldValue(port, text))).toEqual([8080, '0x1F90', '8080.0', '1e3']);
    expect(fieldValue(fieldAt('machineAccess.users'), ' ci, ,worker ')).toEqual(['ci', 'worker']);
  });

  it('refuses 0x1F90 as a port from --port and from --set alike, naming the field, the flag and what was typed', async () => {
    for (const args of [['--port', '0x1F90'], ['--set', 'hosts.port=0x1F90']]) {
      const result = await runCli(['init', '--yes', ...args, '--json', '--out', 'never-written'], { cwd: '/tmp' });
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).problems).toEqual([{ path: 'hosts.port', flag: '--port', message: '"0x1F90" must be a port number (1-65535), e.g. 8080' }]);
    }
  });
});
