import { createHash } from 'node:crypto';
import type { RandomSource } from '../../src/secrets/random.js';

/** A deterministic byte stream (SHA-256 in counter mode), so golden files stay stable. Tests only. */
export function seededRandom(seed = 'prefect-secure-golden'): RandomSource {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (bytes) => {
    while (pool.length < bytes) {
      pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    }
    const out = pool.subarray(0, bytes);
    pool = pool.subarray(bytes);
    return Buffer.from(out);
  };
}
