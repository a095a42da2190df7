/** The input-* checks report what the loader found broken; they share this shape. */
import type { Severity } from '../../types.js';
import type { StackModel } from '../../load/model.js';
import type { Check } from '../check.js';

/** `compose`: the check is about compose files, so without one it has nothing to check (not applicable, never a ✔). */
export function inputCheck(id: string, title: string, severity: Severity, scope: 'any' | 'compose' = 'any'): Check {
  return {
    id,
    title,
    severity,
    ...(scope === 'compose' ? { appliesTo: (model: StackModel) => model.composeFiles.length > 0 || model.problems.some((p) => p.id === id) } : {}),
    run: (model) => model.problems.filter((p) => p.id === id),
  };
}
