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
export const BACKEND_NETWORK = 'backend';

export function healthcheck(test: string[], startPeriod = '20s'): NonNullable<ServicePlan['healthcheck']> {
  return { test, interval: '10s', timeout: '5s', retries: 10, startPeriod };
}
