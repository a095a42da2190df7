/**
 * CI against a server with an internal CA: prefect.toml (copied into the flow
 * repository) names the CA for the client, as the profiles do, and NEXT_STEPS
 * says to copy it along; with a public CA neither says anything.
 */
import { parse as parseToml } from 'smol-toml';
import { expect, it } from 'vitest';
import { fileText, renderLocal } from '../helpers/stack.js';

const server = { version: 1, target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' } } as const;

it('names tls.ca as [api] ssl_cert_file in prefect.toml, and NEXT_STEPS says to copy it to the same path', () => {
  const stack = renderLocal({ ...server, tls: { ca: 'tls/ca.pem' } });
  expect((parseToml(fileText(stack, 'prefect/prefect.toml')) as { api: Record<string, string> }).api).toEqual({ url: 'https://prefect-api.example.com/api', ssl_cert_file: 'tls/ca.pem' });
  expect(fileText(stack, 'NEXT_STEPS.md').replace(/\s+/g, ' ')).toContain('with `tls/ca.pem` at the same path');
});

it('says nothing of a CA with a public one', () => {
  const stack = renderLocal(server);
  expect((parseToml(fileText(stack, 'prefect/prefect.toml')) as { api: Record<string, string> }).api).toEqual({ url: 'https://prefect-api.example.com/api' });
  expect(fileText(stack, 'NEXT_STEPS.md')).not.toContain('at the same path');
});
