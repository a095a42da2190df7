/**
 * The real nginx accepts the proxy config of every spec the property test
 * generates (ports 80 and 443, any host names, chosen passwords), not only
 * the local preset's: `nginx -t` on the rendered file as it is.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { nginxTest } from '../helpers/nginx.js';
import { specs } from '../helpers/specArbitrary.js';
import { fileText, renderLocal } from '../helpers/stack.js';
import { needTools } from '../helpers/tools.js';

const tools = needTools('nginx');

tools.describe('real nginx on generated specs', () => {
  it('nginx -t accepts the rendered nginx.conf of every generated spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-nginx-prop-'));
    fc.assert(
      fc.property(specs, ({ spec, env }) => {
        const conf = join(dir, 'nginx.conf');
        writeFileSync(conf, fileText(renderLocal(spec, 'nginx-t', env), 'proxy/nginx.conf'));
        const result = nginxTest(conf, tools.path('nginx'));
        expect(result.ok, `${JSON.stringify(spec)}\n${result.output}`).toBe(true);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
