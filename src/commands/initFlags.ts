/** The dedicated flags of `init`, one per decided spec field (src/config/fields.ts). */
import type { Command } from 'commander';
import { fieldValue, SPEC_FIELDS } from '../config/fields.js';
import type { InitOptions } from './init.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addFieldOptions(command: Command): Command {
  for (const field of SPEC_FIELDS) {
    if (!field.flag) continue;
    // The registry's parser, as the wizard uses it: a value it cannot read reaches the schema, which says why.
    command.option(`${field.flag} ${field.valueName ?? '<value>'}`, `${field.help} (spec: ${field.path})`, (text: string) => fieldValue(field, text));
  }
  return command;
}

/** Commander's parsed options -> InitOptions, with the field flags gathered under `fields`. */
export function initOptions(options: Record<string, unknown>): InitOptions {
  const { preset, config, set, out, yes, json, check, dryRun, force, ...fields } = options;
  return {
    out: out as string,
    ...(preset !== undefined ? { preset: preset as string } : {}),
    ...(config !== undefined ? { config: config as string } : {}),
    set: (set as string[] | undefined) ?? [],
    yes: Boolean(yes),
    json: Boolean(json),
    check: Boolean(check),
    dryRun: Boolean(dryRun),
    force: Boolean(force),
    fields,
  };
}

export const INIT_EXAMPLES = `
Examples:
  prefect-secure init                                   # asks, in a terminal
  prefect-secure init --preset local                    # the local stack, no questions
  prefect-secure init --config prefect-secure.yaml --out ./stack
  prefect-secure init --yes --port 9000 --realm team    # defaults plus a few flags
  prefect-secure init --preset local --set hosts.bind=0.0.0.0 --json
  prefect-secure init --config prefect-stack/prefect-secure.yaml --out prefect-stack --check
`;
