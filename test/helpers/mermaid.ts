/**
 * The real Mermaid (npm `mermaid`), two ways: its parser in Node (a DOM from
 * jsdom is all it needs to load), which tells what it read (vertices, edges,
 * subgraphs); and its renderer in Debian's Chromium, which draws the SVG a
 * person sees on GitHub.
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

export interface ParsedFlowchart {
  diagramType: string;
  vertices: { id: string; text: string; classes: string[] }[];
  edges: { start: string; end: string; text: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
}

type Mermaid = typeof import('mermaid').default;
let loaded: Promise<Mermaid> | undefined;

async function load(): Promise<Mermaid> {
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/** Parses a flowchart with Mermaid's own parser; throws its error on any syntax it refuses. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const mermaid = await (loaded ??= load());
  // One parse: building the diagram runs the grammar and throws its error (what mermaid.parse does first).
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const diagramType = diagram.type;
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { id: string; text: string; classes: string[] }>;
    getEdges(): { start: string; end: string; text: string }[];
    getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  };
  return { diagramType, vertices: [...db.getVertices().values()], edges: db.getEdges(), subgraphs: db.getSubGraphs() };
}

export const MERMAID_SCRIPT = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/**
 * Renders each flowchart to SVG in the browser, one page for all; returns the
 * SVG or Mermaid's error for each. `shot`: also saves a PNG of the first one.
 */
export async function renderInBrowser(browser: Browser, texts: string[], shot?: string): Promise<({ svg: string } | { error: string })[]> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.setContent('<!doctype html><html><body style="background:#fff"><div id="out"></div></body></html>');
    await page.addScriptTag({ path: MERMAID_SCRIPT });
    const results = await page.evaluate(async (all: string[]) => {
      const m = (window as unknown as { mermaid: { initialize(o: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const out: ({ svg: string } | { error: string })[] = [];
      for (const [index, text] of all.entries()) {
        try {
          const { svg } = await m.render(`diagram${index}`, text);
          out.push({ svg });
        } catch (error) {
          out.push({ error: String((error as Error).message ?? error) });
        }
      }
      return out;
    }, texts);
    if (shot && texts.length > 0 && 'svg' in results[0]!) {
      await page.evaluate((svg: string) => {
        document.getElementById('out')!.innerHTML = svg;
      }, results[0].svg);
      await page.locator('#out svg').screenshot({ path: shot });
    }
    return results;
  } finally {
    await page.close();
  }
}
