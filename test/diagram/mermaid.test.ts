/** The Mermaid layout: names that are Mermaid's own words or characters come through the real parser as written. */
import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { PictureBuilder } from '../../src/diagram/picture.js';
import { parseFlowchart } from '../helpers/mermaid.js';

describe('toMermaid', () => {
  it('keeps every label as written, whatever characters and words it holds', async () => {
    const b = new PictureBuilder();
    const names = ['end', 'subgraph', 'graph', 'style', 'a "quoted" name', 'C# & <b>bold</b>', 'x --> y', 'pipe | bar', 'semi; colon: 100%'];
    const group = b.group('network:end', 'network end · internal', true);
    names.forEach((name, i) => b.node(`service:${i}`, [name], 'service', i % 2 === 0 ? group : undefined));
    b.link('service:0', 'service:1', { label: 'a "gate" | <here> #1' });
    const parsed = await parseFlowchart(toMermaid(b.build()));
    // Mermaid keeps entity codes in its own placeholder form (ﬂ° for &, ﬂ°° for &#, ¶ß for ;) and decodes them when it draws.
    const decode = (text: string) =>
      text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#35;/g, '#').replace(/&amp;/g, '&');
    const byId = (id: string) => decode(parsed.vertices.find((v) => v.id === id)!.text);
    expect(names.map((_, i) => byId(`n${i}`))).toEqual(names);
    expect(decode(parsed.edges[0]!.text)).toBe('a "gate" | <here> #1');
    expect(parsed.subgraphs.map((g) => g.title)).toEqual(['network end · internal']);
  });

  it('the parser used here refuses what Mermaid refuses (the tests above can fail)', async () => {
    await expect(parseFlowchart('flowchart LR\n  n0["a"] -->\n')).rejects.toThrow(/Parse error/);
    await expect(parseFlowchart('flowchart LR\n  n0["a "quoted" b"]\n')).rejects.toThrow();
  });

  it('refuses a link to a node it does not draw (a bug of the picture, never silently dropped)', () => {
    const b = new PictureBuilder();
    b.node('service:a', ['a'], 'service');
    b.link('service:a', 'service:missing');
    expect(() => toMermaid(b.build())).toThrow(/links service:a to service:missing, but does not draw both/);
  });

  it('colours marked links by their index and marked nodes by class', async () => {
    const b = new PictureBuilder();
    b.node('service:a', ['a'], 'service');
    b.node('service:b', ['b'], 'database');
    b.link('service:a', 'service:b', { label: 'first' });
    b.link('service:b', 'service:a', { label: 'second' }).marks.push({ id: 'some-check', severity: 'error' });
    const picture = b.build();
    picture.nodes[1]!.marks.push({ id: 'other-check', severity: 'warning' });
    const text = toMermaid(picture);
    expect(text).toContain('linkStyle 1 stroke:#c62828');
    expect(text).not.toContain('linkStyle 0');
    const parsed = await parseFlowchart(text);
    expect(parsed.vertices.find((v) => v.id === 'n1')?.classes).toEqual(['warning']);
    expect(parsed.edges[1]!.text).toBe('second ✖ some-check');
  });
});
