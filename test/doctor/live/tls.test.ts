/**
 * live-tls against real TLS servers (Node's https with certificates from a
 * throwaway CA made by openssl): a certificate close to its end, one that
 * names another host, one from a CA nobody trusts, and the same CA named by
 * the client profiles (PREFECT_API_SSL_CERT_FILE), which is then fine.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveGateTarget } from '../../../src/doctor/live/index.js';
import { tlsFindings } from '../../../src/doctor/live/tlsPeer.js';
import { testCa } from '../../helpers/tls.js';

const ca = testCa();
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(names: string[], days?: number): Promise<string> {
  const leaf = ca.issue(names, days);
  const server = createServer({ cert: leaf.cert, key: leaf.key }, (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const worker = { label: 'profile "worker"', at: { file: 'prefect/profiles.toml', line: 4 }, restHeaders: {}, socketHeaders: {} };
const target = (origin: string, clientCaFiles: string[] = [], clients = [worker]): LiveGateTarget => ({ origin, host: '127.0.0.1', source: { file: 'proxy/Caddyfile', line: 3 }, clients, clientCaFiles });
const MONTH_AGO = Date.now() - 30 * 86_400_000;
const brief = (findings: Awaited<ReturnType<typeof tlsFindings>>) => (findings === 'skipped' ? 'skipped' : findings.map((f) => `${f.severity} ${f.message.replace(/ \(.*$/, '')}`));

describe('live-tls', () => {
  it('warns about a certificate that ends within 14 days (this one lasts two)', async () => {
    const origin = await serve(['127.0.0.1'], 2);
    const findings = await tlsFindings(target(origin, [ca.caFile]), '.', 2000);
    expect(brief(findings)).toEqual([expect.stringMatching(/^warning the certificate of https:\/\/127\.0\.0\.1:\d+ expires in [01] days?$/)]);
  });

  it('reports a private CA the clients do not name, and passes once their PREFECT_API_SSL_CERT_FILE does', async () => {
    const origin = await serve(['127.0.0.1']);
    const untrusted = await tlsFindings(target(origin), '.', 2000, MONTH_AGO);
    expect(brief(untrusted)).toEqual([expect.stringMatching(/^error the certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted$/)]);
    expect((untrusted as { message: string }[])[0]!.message).toContain('the clients name no PREFECT_API_SSL_CERT_FILE');
    expect(await tlsFindings(target(origin, [ca.caFile]), '.', 2000, MONTH_AGO)).toEqual([]);
  });

  it('leaves the trust of a host no client of the folder calls (the UI, for browsers) to the browsers', async () => {
    const origin = await serve(['127.0.0.1']);
    expect(await tlsFindings(target(origin, [], []), '.', 2000, MONTH_AGO)).toEqual([]);
  });

  it('reports a certificate that does not name the host', async () => {
    const origin = await serve(['prefect.example.com']);
    expect(brief(await tlsFindings(target(origin, [ca.caFile]), '.', 2000, MONTH_AGO))).toEqual([expect.stringMatching(/^error the certificate of https:\/\/127\.0\.0\.1:\d+ does not name 127\.0\.0\.1: /)]);
  });

  it('skips http hosts', async () => {
    expect(await tlsFindings(target('http://127.0.0.1:9'), '.', 500)).toBe('skipped');
  });
});
