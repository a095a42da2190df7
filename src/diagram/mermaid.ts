/**
 * Lays a picture out as a Mermaid flowchart, which GitHub, GitLab and most
 * editors draw. Ids are opaque (n0, g0) so no name can collide with Mermaid's
 * keywords; labels are quoted with Mermaid's entity codes for the characters
 * its grammar reserves. Findings are marked in red (errors) or orange
 * (warnings) on the node, group or link they concern, with the check's id.
 */
import type { Mark, NodeShape, Picture, PictureLink, PictureNode } from './picture.js';

const SHAPES: Record<NodeShape, [string, string]> = {
  actor: ['([', '])'],
  host: ['(', ')'],
  service: ['[', ']'],
  database: ['[(', ')]'],
  outside: ['{{', '}}'],
  note: ['>', ']'],
};

const COLOURS = { error: '#c62828', warning: '#ef6c00' } as const;
const SIGNS = { error: '✖', warning: '⚠' } as const;

/** Text inside a quoted Mermaid label: the grammar's own characters as entity codes. */
export function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/[\r\n]+/g, ' ');
}

const worst = (marks: Mark[]): Mark['severity'] | undefined => (marks.length === 0 ? undefined : marks.some((m) => m.severity === 'error') ? 'error' : 'warning');
/** Errors before warnings, each once. */
const markLines = (marks: Mark[]) => [...new Set([...marks.filter((m) => m.severity === 'error'), ...marks.filter((m) => m.severity === 'warning')].map((m) => `${SIGNS[m.severity]} ${m.id}`))];
const label = (lines: string[]) => `"${lines.map(mermaidText).join('<br/>')}"`;

export function toMermaid(picture: Picture): string {
  const nodeIds = new Map(picture.nodes.map((n, i) => [n.key, `n${i}`]));
  const groupIds = new Map(picture.groups.map((g, i) => [g.key, `g${i}`]));
  const out = ['flowchart LR'];
  const nodeLine = (node: PictureNode, indent: string) => {
    const [open, close] = SHAPES[node.shape];
    const severity = worst(node.marks);
    return `${indent}${nodeIds.get(node.key)}${open}${label([...node.lines, ...markLines(node.marks)])}${close}${severity ? `:::${severity}` : ''}`;
  };
  for (const group of picture.groups) {
    out.push(`  subgraph ${groupIds.get(group.key)}[${label([group.title, ...markLines(group.marks)])}]`);
    for (const node of picture.nodes.filter((n) => n.group === group.key)) out.push(nodeLine(node, '    '));
    out.push('  end');
  }
  for (const node of picture.nodes.filter((n) => n.group === undefined || !groupIds.has(n.group))) out.push(nodeLine(node, '  '));
  const linkStyles: string[] = [];
  picture.links.forEach((link: PictureLink, index) => {
    // Either end may be a group (a proxy drawn as the group of its hosts): Mermaid links subgraphs too.
    const from = nodeIds.get(link.from) ?? groupIds.get(link.from);
    const to = nodeIds.get(link.to) ?? groupIds.get(link.to);
    if (!from || !to) throw new Error(`internal: the picture links ${link.from} to ${link.to}, but does not draw both`);
    const text = [link.label, ...markLines(link.marks)].filter((t): t is string => t !== undefined && t !== '');
    const arrow = link.dotted ? '-.->' : link.open ? '==>' : '-->';
    out.push(`  ${from} ${arrow}${text.length > 0 ? `|${label([text.join(' ')])}|` : ''} ${to}`);
    const severity = worst(link.marks);
    if (severity) linkStyles.push(`  linkStyle ${index} stroke:${COLOURS[severity]},stroke-width:3px,color:${COLOURS[severity]}`);
  });
  out.push(...linkStyles);
  for (const group of picture.groups) {
    const severity = worst(group.marks);
    const styles = [...(group.internal ? ['stroke-dasharray:5 5'] : []), ...(severity ? [`stroke:${COLOURS[severity]}`, 'stroke-width:3px'] : [])];
    if (styles.length > 0) out.push(`  style ${groupIds.get(group.key)} ${styles.join(',')}`);
  }
  for (const severity of ['error', 'warning'] as const) {
    if (picture.nodes.some((n) => worst(n.marks) === severity)) out.push(`  classDef ${severity} stroke:${COLOURS[severity]},stroke-width:3px,color:${COLOURS[severity]}`);
  }
  return `${out.join('\n')}\n`;
}
