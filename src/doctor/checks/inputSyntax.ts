import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** YAML, TOML, JSON, env-file, nginx or Caddyfile syntax errors, with their line. */
export const inputSyntax = inputCheck(INPUT_IDS.syntax, 'Configuration files parse', 'error');
