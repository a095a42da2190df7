import { test } from 'vitest';
import { upStack } from './runner/stack.js';

test('up', async () => {
  const run = await upStack('/tmp/s', { runDir: '/tmp/run1' });
  console.log('UP', [...run.services.values()].map((s) => `${s.name}=${s.address}`).join(' '));
  await new Promise((r) => setTimeout(r, Number(process.env.HOLD ?? 0)));
  await run.down();
}, 600_000);
