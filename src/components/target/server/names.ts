/** The public names a server answers: each needs DNS and a certificate. */
import type { PlanContext } from '../../types.js';

export function publicNames(ctx: Pick<PlanContext, 'spec' | 'identity'>): string[] {
  return [ctx.spec.hosts.ui, ctx.spec.hosts.machine, ...(ctx.identity.bundled ? [ctx.identity.bundled.host] : [])];
}
