/**
 * Mermaid's own renderer, in Debian's Chromium, draws the diagram of every
 * rendered combination (each distinct diagram once, on one page) and doctor's
 * diagram of a stack with findings. The default stack's picture is kept as
 * artifacts/diagram/default-stack.png (and .mmd) to be looked at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PRESETS } from '../../src/config/presets.js';
import { stackDiagram } from '../../src/diagram/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { renderInBrowser } from '../helpers/mermaid.js';
import { renderLocal } from '../helpers/stack.js';
import { needTools } from '../helpers/tools.js';
import { COMBINATIONS } from './combinations.js';
import { brokenStackDiagram } from './brokenStack.js';

const tools = needTools('chromium');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'diagram');

tools.describe('the diagrams drawn by the real Mermaid in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: tools.path('chromium'), headless: true, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the default stack: every host, service and gate label is in the SVG; the picture is kept', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const diagram = stackDiagram(renderLocal(PRESETS.local).plan);
    writeFileSync(join(ARTIFACTS, 'default-stack.mmd'), diagram);
    const [result] = await renderInBrowser(browser, [diagram], join(ARTIFACTS, 'default-stack.png'));
    expect(result).toHaveProperty('svg');
    const svg = (result as { svg: string }).svg;
    for (const text of ['prefect.localtest.me:8080', 'prefect-api.localtest.me:8080', 'keycloak.localtest.me:8080', 'prefect-server', 'postgres', 'oauth2-proxy', 'keycloak', 'UI and API · SSO via oauth2-proxy', 'API · basic auth', 'network backend · internal']) {
      expect(svg, text).toContain(text);
    }
  });

  it('draws the diagram of every rendered combination without an error', async () => {
    // The plan alone decides the diagram (planDiagram.test.ts proves NEXT_STEPS.md carries exactly it).
    const diagrams = [...new Set(COMBINATIONS.map(({ spec }) => stackDiagram(buildPlan(spec))))];
    expect(diagrams.length).toBeGreaterThan(100);
    const results = await renderInBrowser(browser, diagrams);
    const failed = results.flatMap((r, i) => ('error' in r ? [`${r.error}\n${diagrams[i]}`] : []));
    expect(failed).toEqual([]);
    for (const result of results) expect((result as { svg: string }).svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  }, 120_000);

  it("draws doctor's diagram of a stack with findings, the marks in the SVG", async () => {
    const diagram = brokenStackDiagram();
    const [result] = await renderInBrowser(browser, [diagram], join(ARTIFACTS, 'ungated-api.png'));
    expect(result).toHaveProperty('svg');
    expect((result as { svg: string }).svg).toContain('⚠ proxy-api-open');
  });
});
