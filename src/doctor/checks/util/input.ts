/** The input-* checks report what the loader found broken; they share this shape. */
import type { Severity } from '../../types.js';
import type { Check } from '../check.js';

export function inputCheck(id: string, title: string, severity: Severity): Check {
  return {
    id,
    title,
    severity,
    run: (model) => model.problems.filter((p) => p.id === id),
  };
}
