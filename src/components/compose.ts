/** Small builders for the compose parts components contribute. */
import type { ComposeValue, ServicePlan } from '../plan/types.js';

export const literal = (value: string): ComposeValue => ({ literal: value });

/** `${NAME}` from `.env`, with literal text around it (a URL that embeds a password). */
export const secretRef = (name: string, prefix?: string, suffix?: string): ComposeValue => ({
  secret: name,
  ...(prefix ? { prefix } : {}),
  ...(suffix ? { suffix } : {}),
});

export const EDGE_NETWORK = 'edge';
/** Prefect and its database (internal). */
export const BACKEND_NETWORK = 'backend';
/** A bundled identity provider and the proxy, nothing else (internal): it reaches neither Prefect nor the database. */
export const IDENTITY_NETWORK = 'identity';
/** The Prefect server's way out (prefect.egress: internet), shared with nothing else. */
export const EGRESS_NETWORK = 'egress';

/**
 * The addresses the stack's own proxy connects from, trusted to send
 * X-Forwarded-*: Docker gives bridge networks private addresses (10/8,
 * 172.16/12, 192.168/16), and a proxy in the same network namespace uses
 * loopback. Only the proxy shares a network with the services that trust
 * these (the networks are internal or hold only the proxy and them), and
 * the proxy sets X-Forwarded-For itself.
 */
export const PROXY_SOURCE_RANGES = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export function healthcheck(test: string[], startPeriod = '20s'): NonNullable<ServicePlan['healthcheck']> {
  return { test, interval: '10s', timeout: '5s', retries: 10, startPeriod };
}
