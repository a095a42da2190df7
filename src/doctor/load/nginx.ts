/**
 * A small nginx configuration reader: words, quoted strings, comments,
 * `;`-terminated directives and `{}` blocks, each with its line. Enough to
 * find servers, locations and the directives doctor checks; it does not
 * evaluate `include` or variables.
 */
import type { NginxDirective } from './model.js';

interface Token {
  kind: 'word' | '{' | '}' | ';';
  text: string;
  line: number;
}

export class NginxSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ kind: c, text: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new NginxSyntaxError('a quoted string is never closed', start);
      i++;
      tokens.push({ kind: 'word', text: value, line: start });
    } else {
      let value = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
        // `${var}` keeps its braces.
        if (text[i] === '$' && text[i + 1] === '{') {
          const end = text.indexOf('}', i);
          if (end < 0) break;
          value += text.slice(i, end + 1);
          i = end + 1;
          continue;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'word', text: value, line });
    }
  }
  return tokens;
}

export function parseNginx(text: string, file: string): NginxDirective[] {
  const tokens = tokenize(text);
  let index = 0;
  const block = (depth: number, openLine: number): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    let words: Token[] = [];
    while (index < tokens.length) {
      const token = tokens[index++]!;
      if (token.kind === 'word') {
        words.push(token);
      } else if (token.kind === ';') {
        if (words.length === 0) continue;
        directives.push({ name: words[0]!.text, args: words.slice(1).map((w) => w.text), at: { file, line: words[0]!.line } });
        words = [];
      } else if (token.kind === '{') {
        if (words.length === 0) throw new NginxSyntaxError('a block opens without a directive name', token.line);
        const head = words;
        words = [];
        directives.push({
          name: head[0]!.text,
          args: head.slice(1).map((w) => w.text),
          at: { file, line: head[0]!.line },
          block: block(depth + 1, token.line),
        });
      } else {
        if (words.length > 0) throw new NginxSyntaxError(`"${words[0]!.text}" is not terminated by ";"`, words[0]!.line);
        if (depth === 0) throw new NginxSyntaxError('unexpected "}"', token.line);
        return directives;
      }
    }
    if (words.length > 0) throw new NginxSyntaxError(`"${words[0]!.text}" is not terminated by ";"`, words[0]!.line);
    if (depth > 0) throw new NginxSyntaxError('a "{" is never closed', openLine);
    return directives;
  };
  return block(0, 1);
}

/** Does this text look like nginx configuration (and not some other `.conf`)? */
export function looksLikeNginx(text: string): boolean {
  return /(^|\n)\s*(server|http|location|upstream)\s[^\n]*\{/.test(text) || /(^|\n)\s*(proxy_pass|listen|server_name)\s/.test(text);
}

/** Every directive in the tree, depth first, with its ancestors. */
export function walkNginx(directives: NginxDirective[], visit: (d: NginxDirective, parents: NginxDirective[]) => void, parents: NginxDirective[] = []): void {
  for (const directive of directives) {
    visit(directive, parents);
    if (directive.block) walkNginx(directive.block, visit, [...parents, directive]);
  }
}
