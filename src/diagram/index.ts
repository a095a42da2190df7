/** The rendered stack's diagram: what NEXT_STEPS.md shows and `init --json` carries. */
import type { Plan } from '../plan/types.js';
import { planPicture } from './fromPlan.js';
import { toMermaid } from './mermaid.js';

export function stackDiagram(plan: Plan): string {
  return toMermaid(planPicture(plan));
}
