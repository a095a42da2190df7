/**
 * Builds the spec draft from its sources, in order: a preset or spec file,
 * then dedicated flags, then --set path=value. Later sources win.
 */
import { load as parseYaml } from 'js-yaml';
import { UserError } from '../errors.js';
import { fieldValue, getPath, setPath, SPEC_FIELDS } from './fields.js';
import { PRESET_NAMES, PRESETS, type PresetName } from './presets.js';
import type { SpecInput } from './schema.js';

export interface DraftFlags {
  preset?: string;
  config?: string;
  set?: string[];
  /** Values of the dedicated flags, keyed by flag name without dashes (commander's camelCase). */
  fields: Record<string, unknown>;
}

export interface Draft {
  input: Partial<SpecInput> & Record<string, unknown>;
  /** The base came from a preset or file: nothing is left to ask. */
  complete: boolean;
  /** The spec file's own text, when it came from a file. */
  configText?: string;
}

function flagKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parseSetValue(raw: string): unknown {
  try {
    return parseYaml(raw);
  } catch {
    return raw;
  }
}

export async function buildDraft(flags: DraftFlags, cwd: string): Promise<Draft> {
  if (flags.preset && flags.config) {
    throw new UserError([{ path: '--preset', message: 'cannot be combined with --config', fix: 'use --config FILE or --preset NAME, not both' }]);
  }
  let input: Record<string, unknown> = {};
  let configText: string | undefined;
  if (flags.config) {
    const file = flags.config.startsWith('/') ? flags.config : `${cwd}/${flags.config}`;
    // The YAML library with source positions loads only for a spec file: its errors name lines.
    const { readSpecInput } = await import('./load.js');
    ({ input, text: configText } = readSpecInput(file, flags.config));
  } else if (flags.preset) {
    if (!(PRESET_NAMES as string[]).includes(flags.preset)) {
      throw new UserError([{ path: '--preset', message: `"${flags.preset}" is not a preset`, fix: `use one of: ${PRESET_NAMES.join(', ')}` }]);
    }
    input = structuredClone(PRESETS[flags.preset as PresetName]) as Record<string, unknown>;
  }
  let changed = false;
  for (const field of SPEC_FIELDS) {
    if (!field.flag) continue;
    const value = flags.fields[flagKey(field.flag)];
    if (value === undefined) continue;
    // The CLI parses flag values already; text from elsewhere goes through the same parser.
    input = setPath(input, field.path, typeof value === 'string' ? fieldValue(field, value) : value);
    changed = true;
  }
  for (const assignment of flags.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new UserError([{ path: '--set', message: `"${assignment}" is not path=value`, fix: 'write e.g. --set hosts.port=9000' }]);
    }
    const path = assignment.slice(0, eq).trim();
    const raw = assignment.slice(eq + 1);
    // YAML, except where the field registry has its own reading: YAML takes 0x1F90 and 8080.0 for numbers.
    const field = SPEC_FIELDS.find((f) => f.path === path);
    input = setPath(input, path, field?.kind === 'port' || field?.kind === 'number' ? fieldValue(field, raw) : parseSetValue(raw));
    changed = true;
  }
  if (input.version === undefined) input = { version: 1, ...input };
  return {
    input: input as Draft['input'],
    complete: Boolean(flags.config || flags.preset),
    ...(configText !== undefined && !changed ? { configText } : {}),
  };
}

/** The decided fields still unset in the draft: what the wizard would ask. */
export function unsetFields(draft: Draft) {
  if (draft.complete) return [];
  return SPEC_FIELDS.filter((field) => getPath(draft.input, field.path) === undefined && (!field.askedWhen || field.askedWhen(draft.input)));
}
