/** The dedicated flags of `init`, one per decided spec field (src/config/fields.ts). */
import type { Command } from 'commander';
import { SPEC_FIELDS } from '../config/fields.js';
import type { InitOptions } from './init.js';

const VALUE_NAMES: Record<string, string> = {
  '--port': '<port>',
  '--machine-users': '<names>',
  '--profiles': '<names>',
};

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePort(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value; // a non-number reaches the schema and gets its message
}

export function addFieldOptions(command: Command): Command {
  for (const field of SPEC_FIELDS) {
    if (!field.flag) continue;
    const value = VALUE_NAMES[field.flag] ?? '<value>';
    const description = `${field.help} (spec: ${field.path})`;
    if (field.flag === '--port') command.option(`${field.flag} ${value}`, description, parsePort);
    else command.option(`${field.flag} ${value}`, description);
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
