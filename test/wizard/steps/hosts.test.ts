import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { hosts } from '../../../src/wizard/steps/hosts.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const HOST_QUESTIONS = [q.uiHost, q.machineHost, q.idpHost, q.port];
const allDefaults = HOST_QUESTIONS.map((message) => [message, DEFAULT] as [string, unknown]);

describe('hosts step', () => {
  it('asks ui, machine, idp and port in that order, with the schema defaults', async () => {
    const { ctx, prompt, log } = await runStep(hosts, { target: 'local' }, allDefaults);
    expect(prompt.messages()).toEqual(['UI hostname (people, SSO)', 'API hostname (workers, CI)', 'Identity provider hostname', 'Port']);
    expect(prompt.asked.map((a) => a.default)).toEqual(['prefect.localtest.me', 'prefect-api.localtest.me', 'keycloak.localtest.me', '8080']);
    expect(ctx.draft.hosts).toEqual({ ui: 'prefect.localtest.me', machine: 'prefect-api.localtest.me', idp: 'keycloak.localtest.me', port: 8080 });
    expect(log).toEqual([
      '  Hostname people open in the browser (UI and sign-in).',
      '? UI hostname (people, SSO)',
      '  Hostname workers and CI use for the API.',
      '? API hostname (workers, CI)',
      '  Hostname of the bundled identity provider.',
      '? Identity provider hostname',
      '  Port the proxy is published on (the same inside Docker).',
      '? Port',
    ]);
  });

  it('takes custom hosts and port; the port is stored as a number', async () => {
    const { ctx } = await runStep(hosts, { target: 'local' }, [
      [q.uiHost, 'flows.localtest.me'],
      [q.machineHost, 'flows-api.localtest.me'],
      [q.idpHost, 'sso.localtest.me'],
      [q.port, ' 9443 '],
    ]);
    expect(ctx.draft.hosts).toEqual({ ui: 'flows.localtest.me', machine: 'flows-api.localtest.me', idp: 'sso.localtest.me', port: 9443 });
  });

  it("shows the schema's messages for a URL, a port in the host, a foreign domain", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'local' }, [
      [q.uiHost, probe(['https://prefect.localtest.me', 'prefect.localtest.me:8080', 'prefect.example.com', 'bad_host!'], verdicts)],
      [q.machineHost, DEFAULT],
      [q.idpHost, DEFAULT],
      [q.port, DEFAULT],
    ]);
    expect(verdicts.get('https://prefect.localtest.me')).toBe(
      'must be a bare hostname, not a URL: drop the scheme, port and path (the port goes in hosts.port)',
    );
    expect(verdicts.get('prefect.localtest.me:8080')).toBe('must not carry a port: write the bare hostname and set hosts.port');
    expect(verdicts.get('prefect.example.com')).toMatch(/^"prefect\.example\.com" does not resolve to this machine: the local target needs a name under localtest\.me/);
    expect(verdicts.get('bad_host!')).toBe('is not a valid hostname: use letters, digits, hyphens and dots, e.g. prefect.example.com');
  });

  it('checks each host against the ones answered before it', async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'local' }, [
      [q.uiHost, DEFAULT],
      [q.machineHost, probe(['prefect.localtest.me'], verdicts)],
      [q.idpHost, DEFAULT],
      [q.port, DEFAULT],
    ]);
    expect(verdicts.get('prefect.localtest.me')).toBe(
      'must differ from hosts.ui ("prefect.localtest.me"): the UI host uses SSO and the machine host uses machine credentials',
    );
  });

  it("shows the schema's messages for port 70000, a fraction, hex and text, as the --port flag does", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'local' }, [
      [q.uiHost, DEFAULT],
      [q.machineHost, DEFAULT],
      [q.idpHost, DEFAULT],
      [q.port, probe(['70000', '0', '80.5', '0x1F90', 'http', '443'], verdicts)],
    ]);
    expect(verdicts.get('70000')).toBe('must be between 1 and 65535');
    expect(verdicts.get('0')).toBe('must be between 1 and 65535');
    // Digits only, the one parser of flags and answers (src/config/fields.ts): 0x1F90 is not 8080.
    expect(verdicts.get('80.5')).toBe('must be a port number (1-65535), e.g. 8080');
    expect(verdicts.get('0x1F90')).toBe('must be a port number (1-65535), e.g. 8080');
    expect(verdicts.get('http')).toBe('must be a port number (1-65535), e.g. 8080');
    expect(verdicts.get('443')).toBe(true);
  });

  it('asks only for the hosts the draft lacks (--ui-host, --port given)', async () => {
    const { ctx, prompt } = await runStep(hosts, { target: 'local', hosts: { ui: 'flows.localtest.me', port: 9000 } }, [
      [q.machineHost, DEFAULT],
      [q.idpHost, DEFAULT],
    ]);
    expect(prompt.messages()).toEqual([q.machineHost, q.idpHost]);
    expect(ctx.draft.hosts).toEqual({ ui: 'flows.localtest.me', machine: 'prefect-api.localtest.me', idp: 'keycloak.localtest.me', port: 9000 });
  });

  it('reports an answer that breaks a host a flag set, at that flag', async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'local', hosts: { machine: 'api.localtest.me' } }, [
      [q.uiHost, probe(['api.localtest.me'], verdicts)],
      [q.idpHost, DEFAULT],
      [q.port, DEFAULT],
    ]);
    expect(verdicts.get('api.localtest.me')).toBe(
      'clashes with hosts.machine (already set), which must differ from hosts.ui ("api.localtest.me"): the UI host uses SSO and the machine host uses machine credentials',
    );
  });

  it('asks nothing when every host and the port are set', async () => {
    const draft = { hosts: { ui: 'a.localtest.me', machine: 'b.localtest.me', idp: 'c.localtest.me', port: 8081 } };
    const { ctx, prompt } = await runStep(hosts, draft, []);
    expect(prompt.asked).toEqual([]);
    expect(ctx.draft).toEqual(draft);
  });

  it('on a server: the default port is 443, ACME and an internal CA are asked (empty: certificate files from a public CA, left out of the spec)', async () => {
    const answers: [string, unknown][] = [[q.uiHost, 'prefect.example.com'], [q.machineHost, 'prefect-api.example.com'], [q.idpHost, 'keycloak.example.com'], [q.acmeEmail, ''], [q.tlsCa, ''], [q.port, DEFAULT]];
    const publicCa = await runStep(hosts, { target: 'server' }, answers);
    expect(publicCa.prompt.asked.find((a) => a.message === q.port)!.default).toBe('443');
    expect(publicCa.ctx.draft).toEqual({ target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com', port: 443 } });
    const internal = await runStep(hosts, { target: 'server' }, answers.map(([m, a]) => [m, m === q.tlsCa ? 'tls/ca.pem' : a]));
    expect(internal.ctx.draft.tls).toEqual({ ca: 'tls/ca.pem' });
    const refused = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'server' }, answers.map(([m, a]) => [m, m === q.tlsCa ? probe(['../ca.pem'], refused, '') : a]));
    expect(refused.get('../ca.pem')).toMatch(/^must be a relative path inside the stack folder/);
    const acme = await runStep(hosts, { target: 'server' }, answers.map(([m, a]) => [m, m === q.acmeEmail ? 'ops@example.com' : a]));
    expect(acme.ctx.draft.tls).toEqual({ acme: { email: 'ops@example.com' } });
    const badEmail = new Map<unknown, true | string>();
    await runStep(hosts, { target: 'server' }, answers.map(([m, a]) => [m, m === q.acmeEmail ? probe(['ops'], badEmail, '') : a]));
    expect(badEmail.get('ops')).toMatch(/^must be an email address/);
  });
});
