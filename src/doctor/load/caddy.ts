/**
 * Caddyfile reader: enough to find site addresses and the directives doctor
 * cares about (forward_auth, basicauth / basic_auth, reverse_proxy, handle).
 * Directives end at a newline; `{ … }` opens a block; `#` starts a comment.
 */
import type { CaddyDirective, CaddySite } from './model.js';
import { NginxSyntaxError } from './nginx.js';

interface Line {
  words: string[];
  line: number;
  block?: Line[];
}

function tokenizeLines(text: string): { words: string[]; line: number; opens: boolean; closes: boolean }[] {
  const out: { words: string[]; line: number; opens: boolean; closes: boolean }[] = [];
  text.split('\n').forEach((raw, index) => {
    const words: string[] = [];
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (/\s/.test(c)) {
        i++;
      } else if (c === '#' ) {
        break;
      } else if (c === '"' || c === '`') {
        const end = raw.indexOf(c, i + 1);
        words.push(raw.slice(i + 1, end < 0 ? raw.length : end));
        i = end < 0 ? raw.length : end + 1;
      } else {
        let j = i;
        while (j < raw.length && !/\s/.test(raw[j]!)) j++;
        words.push(raw.slice(i, j));
        i = j;
      }
    }
    if (words.length === 0) return;
    const closes = words[0] === '}';
    if (closes) words.shift();
    const opens = words.at(-1) === '{';
    if (opens) words.pop();
    out.push({ words, line: index + 1, opens, closes });
  });
  return out;
}

function nest(text: string): Line[] {
  const stack: Line[][] = [[]];
  for (const token of tokenizeLines(text)) {
    if (token.closes) {
      if (stack.length === 1) throw new NginxSyntaxError('unexpected "}"', token.line);
      stack.pop();
    }
    if (token.words.length === 0 && !token.opens) continue;
    const line: Line = { words: token.words, line: token.line };
    stack.at(-1)!.push(line);
    if (token.opens) {
      line.block = [];
      stack.push(line.block);
    }
  }
  if (stack.length > 1) throw new NginxSyntaxError('a "{" is never closed', 1);
  return stack[0]!;
}

function toDirectives(lines: Line[], file: string): CaddyDirective[] {
  return lines.map((l) => ({
    name: l.words[0] ?? '',
    args: l.words.slice(1),
    at: { file, line: l.line },
    ...(l.block ? { block: toDirectives(l.block, file) } : {}),
  }));
}

/**
 * `import NAME` of a snippet `(NAME) { … }` defined in the same file, replaced
 * by the snippet's lines wherever it appears (snippets may import snippets; a
 * cycle stops at a depth Caddy itself would refuse). An `import` of a file is
 * left as it is.
 */
function at(line: Line, where: number): Line {
  return { ...line, line: where, ...(line.block ? { block: line.block.map((inner) => at(inner, where)) } : {}) };
}

function expandSnippets(lines: Line[]): Line[] {
  const snippets = new Map(lines.filter((l) => l.block && /^\(.+\)$/.test(l.words[0] ?? '')).map((l) => [l.words[0]!.slice(1, -1), l.block!]));
  const expand = (block: Line[], depth: number): Line[] =>
    block.flatMap((l) => {
      const snippet = l.words[0] === 'import' && l.words.length === 2 ? snippets.get(l.words[1]!) : undefined;
      // A finding in a snippet is reported where the site imports it: that is the route it concerns.
      if (snippet && depth < 10) return expand(snippet, depth + 1).map((inner) => at(inner, l.line));
      return [l.block ? { ...l, block: expand(l.block, depth) } : l];
    });
  return expand(lines, 0);
}

export function parseCaddyfile(text: string, file: string): CaddySite[] {
  const lines = expandSnippets(nest(text));
  const sites: CaddySite[] = [];
  const addresses = (words: string[]) => words.join(' ').split(/[\s,]+/).filter(Boolean);
  const blocks = lines.filter((l) => l.block);
  if (blocks.length === 0 && lines.length > 0) {
    // A single site without braces: the first line is its address.
    const [first, ...rest] = lines;
    return [{ addresses: addresses(first!.words), at: { file, line: first!.line }, directives: toDirectives(rest, file) }];
  }
  for (const line of lines) {
    if (!line.block || line.words.length === 0) continue; // global options
    if (/^\(.*\)$/.test(line.words[0]!)) continue; // snippet
    sites.push({ addresses: addresses(line.words), at: { file, line: line.line }, directives: toDirectives(line.block, file) });
  }
  return sites;
}
