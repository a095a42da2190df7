/**
 * doctor on hostile folders: anchors that merge into themselves, 50,000
 * nested blocks, `${A:-` nested 5,000 deep, an exponential `.env`, a
 * thousand services sharing one merge, an alias bomb in a Traefik file, a
 * sparse 3 GB file, a FIFO. Never a crash (exit 0, 1 or 2), quickly, within
 * memory, and what cannot be read is a finding.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/commands/doctor.js';
import { memoryIo } from '../helpers/io.js';

const repeat = (text: string, n: number) => Array(n).fill(text).join('');

const folders: Record<string, Record<string, string>> = {
  'a self-merging compose anchor': { 'docker-compose.yml': 'services:\n  x: &a\n    image: nginx\n    <<: *a\n' },
  '50,000 nested nginx blocks': {
    'docker-compose.yml': 'services:\n  x:\n    image: nginx\n',
    'nginx.conf': `http {${repeat('server {', 50_000)}${repeat('}', 50_000)}}\n`,
  },
  '`${A:-` nested 5,000 deep': { 'docker-compose.yml': `services:\n  x:\n    image: "${repeat('${A:-', 5000)}x${repeat('}', 5000)}"\n` },
  'a .env that expands exponentially': {
    '.env': ['A0=xxxxxxxxxx', ...Array.from({ length: 29 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}`)].join('\n'),
    'docker-compose.yml': 'services:\n  x:\n    image: nginx\n    environment:\n      B: ${A29}\n',
  },
  'a thousand services sharing one merge': {
    'docker-compose.yml': `x-base: &a\n  image: nginx\n  environment: {A: 1}\nservices:\n${Array.from({ length: 1000 }, (_, i) => `  s${i}:\n    <<: *a\n`).join('')}`,
  },
  'an alias bomb in a Traefik file': {
    'docker-compose.yml': 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - ./dynamic.yml:/etc/traefik/dynamic.yml\n',
    'dynamic.yml': [
      'http:',
      '  routers:',
      '    a: &a {rule: "Host(`x`)", service: s, middlewares: [m, m, m, m, m, m, m, m, m]}',
      ...'bcdefgh'.split('').map((c, i) => `    ${c}: &${c} {x: [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]}`),
    ].join('\n'),
  },
};

async function doctor(dir: string) {
  const io = memoryIo(dir);
  const code = await runDoctor('.', { json: true }, io.io);
  return { code, report: JSON.parse(io.stdout()) as { findings: { id: string; message: string }[] } };
}

describe('doctor on hostile folders', () => {
  it.each(Object.keys(folders))('%s: a report, no crash', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-doctor-hostile-'));
    for (const [file, text] of Object.entries(folders[name]!)) writeFileSync(join(dir, file), text);
    // The test's own timeout is the hang guard (before the bounds, these ran for minutes or crashed).
    const { code, report } = await doctor(dir);
    expect([0, 1]).toContain(code);
    expect(Array.isArray(report.findings)).toBe(true);
  }, 30_000);

  it('an input that expands too far is named as a finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-doctor-hostile-'));
    for (const [file, text] of Object.entries(folders['an alias bomb in a Traefik file']!)) writeFileSync(join(dir, file), text);
    const { report } = await doctor(dir);
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'input-unreadable', message: expect.stringContaining('once its aliases are expanded') }));
  });

  it('a sparse 3 GB compose file is refused by size without being read whole; a FIFO is skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-doctor-big-'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services: {}\n');
    truncateSync(join(dir, 'docker-compose.yml'), 3 * 1024 ** 3);
    mkdirSync(join(dir, 'conf'));
    execFileSync('mkfifo', [join(dir, 'conf', 'nginx.conf')]);
    const before = process.memoryUsage().rss;
    const { code, report } = await doctor(dir);
    expect([0, 1]).toContain(code);
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'input-unreadable', message: expect.stringContaining('too large') }));
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 ** 2);
  });
});
