import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { generateStack } from '../generate.js';
import type { Io } from '../io.js';
import { initSummary } from '../messages.js';
import { cryptoRandom, type RandomSource } from '../secrets/random.js';
import { parseSpec, readSpecFile, validateSpec } from '../spec/load.js';
import { PRESET_NAMES, PRESETS, type PresetName } from '../spec/presets.js';
import { writeStackAtomic, assertWritableTarget } from '../write/atomic.js';

export interface InitOptions {
  preset?: string;
  config?: string;
  out: string;
}

function loadSpec(options: InitOptions, io: Io) {
  if (options.preset && options.config) {
    throw new UserError([
      { path: '--preset', message: 'cannot be combined with --config', fix: 'use --config FILE or --preset NAME, not both' },
    ]);
  }
  if (options.config) {
    const file = resolve(io.cwd, options.config);
    const spec = readSpecFile(file);
    return { spec, specSource: { text: readFileSync(file, 'utf8') } };
  }
  if (options.preset) {
    if (!(PRESET_NAMES as string[]).includes(options.preset)) {
      throw new UserError([
        { path: '--preset', message: `"${options.preset}" is not a preset`, fix: `use one of: ${PRESET_NAMES.join(', ')}` },
      ]);
    }
    const input = PRESETS[options.preset as PresetName];
    return { spec: validateSpec(input, `preset ${options.preset}`), specSource: { input } };
  }
  throw new UserError([
    {
      path: '',
      message: 'nothing to render: no spec was given',
      fix: 'run `prefect-secure init --preset local` for the local stack, or `prefect-secure init --config prefect-secure.yaml`',
    },
  ]);
}

export function runInit(options: InitOptions, io: Io, random: RandomSource = cryptoRandom): number {
  const outDir = resolve(io.cwd, options.out);
  // Fail on the target before doing any work, so the error comes first.
  assertWritableTarget(outDir);
  const { spec, specSource } = loadSpec(options, io);
  const generated = generateStack({ spec, specSource, random, env: io.env });
  writeStackAtomic(outDir, generated.files);
  io.out(initSummary(io, outDir, generated));
  return 0;
}

export { parseSpec };
