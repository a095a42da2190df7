import type Handlebars from 'handlebars';
import { HELPER_NAMES } from './helpers.js';

export type TemplateFn = (view: object, options?: Handlebars.RuntimeOptions) => string;

/** Templates by name (file name without .hbs), partials likewise, and the engine they run in. */
export interface TemplateSet {
  engine: { registerHelper(name: string, fn: (...args: unknown[]) => unknown): void };
  templates: Record<string, TemplateFn>;
  partials: Record<string, TemplateFn>;
}

/**
 * noEscape: nothing here is HTML. strict: a missing value throws instead of
 * rendering empty. knownHelpersOnly: only the helpers of helpers.ts exist.
 */
export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])),
  knownHelpersOnly: true,
} as const;
