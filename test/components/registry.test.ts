/**
 * The validate stage is what makes generator and doctor agree: these tests
 * fail when it is switched off. And a new component is a module plus one
 * registration line: the stack it renders passes the same validation.
 */
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/components/index.js';
import type { Component } from '../../src/components/types.js';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import type { Spec } from '../../src/config/schema.js';
import { generateStack } from '../../src/generate.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { file } from '../../src/components/files.js';
import { fakeExternalDatabase, FAKE_DATABASE_TYPE } from './fakeDatabase.js';

const local = validateSpec(PRESETS.local);
/** The schema admits only the components that exist; a test component is chosen past it. */
const withDatabase = (type: string): Spec => ({ ...local, database: { type } as unknown as Spec['database'] });

/** The stack the registry test renders with every component as registered. */
const stack = () => generate(local, COMPONENTS);

function generate(spec: Spec, components: readonly Component[]) {
  return generateStack({ spec, specSource: { input: canonicalSpec(local) }, random: seededRandom('registry'), components });
}

/** The registry with `component` registered in place of the one of its concern the spec would pick. */
const registered = (component: Component) => [...COMPONENTS, component];

describe('components', () => {
  it('a new database module plus one registration line renders a stack that passes validation, doctor included', () => {
    const stack = generate(withDatabase(FAKE_DATABASE_TYPE), registered(fakeExternalDatabase({ urlQuery: '' })));
    const compose = stack.files.get('docker-compose.yml')!.content;
    expect(compose).not.toMatch(/^ {2}postgres:/m);
    expect(compose).toContain('PREFECT_SERVER_DATABASE_CONNECTION_URL: "postgresql+asyncpg://prefect:${EXTERNAL_DB_PASSWORD:?');
    expect(stack.files.get('.env')!.content).toMatch(/^EXTERNAL_DB_PASSWORD=\S{32}$/m);
    expect(stack.files.get('NEXT_STEPS.md')!.content).toMatch(/^## 3\. Create the database$/m);
    expect(stack.plan.components.map((c) => c.id)).toContain(FAKE_DATABASE_TYPE);
  });

  it("the validate stage runs doctor: a component's libpq sslmode on an asyncpg URL fails the render as our bug", () => {
    expect(() => generate(withDatabase(FAKE_DATABASE_TYPE), registered(fakeExternalDatabase({ urlQuery: '?sslmode=require' })))).toThrow(
      /internal: the rendered stack failed its own checks: docker-compose\.yml:\d+: doctor error prefect-database-sslmode/,
    );
  });

  it("the validate stage runs the core validators: a service other than the proxy publishing a port fails the render", () => {
    const leaky: Component = {
      ...COMPONENTS.find((c) => c.id === 'postgres')!,
      id: 'leaky-postgres',
      plan(ctx) {
        const fragment = COMPONENTS.find((c) => c.id === 'postgres')!.plan(ctx);
        return { ...fragment, services: fragment.services!.map((s) => ({ ...s, ports: [{ bind: '127.0.0.1', published: 5432, target: 5432 }] })) };
      },
    };
    const components = COMPONENTS.map((c) => (c.id === 'postgres' ? leaky : c));
    expect(() => generate(local, components)).toThrow(/postgres publishes a port; only nginx may/);
  });

  it("the validate stage runs every component's validators, the parse step and the secret-placement rule", () => {
    // An extra component that breaks each rule once: a file that does not parse, a secret in a file not meant for it,
    // and an oauth2-proxy redirect_url the realm does not list.
    const sloppy: Component = {
      id: 'sloppy',
      concern: 'core',
      appliesTo: () => true,
      plan: () => ({
        files: [
          file('broken.json', 'a file that does not parse', () => '{ "a": '),
          file('leak.txt', 'a file not meant for secrets', ({ secrets }) => `cookie ${secrets.OAUTH2_PROXY_COOKIE_SECRET}\n`),
        ],
      }),
    };
    const oauth2 = COMPONENTS.find((c) => c.id === 'oauth2-proxy')!;
    const wrongRedirect: Component = {
      ...oauth2,
      plan: (ctx) => oauth2.plan({ ...ctx, urls: { ...ctx.urls, redirect: `${ctx.urls.ui}/elsewhere/callback` } }),
    };
    const components = [...COMPONENTS.map((c) => (c.id === 'oauth2-proxy' ? wrongRedirect : c)), sloppy];
    let message = '';
    try {
      generate(local, components);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('broken.json: does not parse');
    expect(message).toContain('leak.txt: contains the value of OAUTH2_PROXY_COOKIE_SECRET');
    expect(message).toContain('keycloak/prefect-realm.json: redirect URI differs from oauth2-proxy redirect_url');
    expect(message).not.toContain(stack().secrets.OAUTH2_PROXY_COOKIE_SECRET);
  });

  it('refuses a spec no component of a concern applies to, or two apply to, as our bug', () => {
    expect(() => generate(withDatabase('nothing'), COMPONENTS)).toThrow(/internal: the spec chooses no database components/);
    const twice = fakeExternalDatabase({ urlQuery: '' });
    expect(() => generate(local, [...COMPONENTS, { ...twice, appliesTo: () => true }])).toThrow(/2 \(postgres, fake-external\) database components/);
  });
});
