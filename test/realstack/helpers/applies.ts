/**
 * `it` for a test that applies to this stack (this proxy, this option), and
 * nothing for one that does not: a test that cannot apply is not declared,
 * rather than counted as skipped beside tests skipped for a missing component.
 */
import { it } from 'vitest';

export function itWhen(applies: boolean): (name: string, fn: () => Promise<void> | void, timeout?: number) => void {
  return applies ? (name, fn, timeout) => it(name, fn, timeout) : () => undefined;
}
