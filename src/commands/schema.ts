import type { Io } from '../io.js';
import { specJsonSchema } from '../render/specDocument.js';

export function runSchema(io: Io): number {
  io.out(specJsonSchema());
  return 0;
}
