/**
 * `.env` and `env_file` parsing as docker compose does it (compose-go dotenv):
 * `KEY=value`, `export KEY=value`, `KEY: value`; `#` comments; an unquoted
 * value ends at the line end or at ` #`, trailing space trimmed; single
 * quotes are literal; double quotes allow `\n` escapes and interpolation; a
 * quoted value may span lines. The quotes themselves are not part of the value.
 */
import { interpolate, type Lookup } from './interpolate.js';

export interface DotenvEntry {
  name: string;
  value: string;
  /** 1-based line of the key. */
  line: number;
  quote?: '"' | "'";
  /** Variables interpolated into the value. */
  refs: string[];
}

export interface DotenvResult {
  entries: DotenvEntry[];
  error?: { line: number; message: string };
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';
const isKeyChar = (c: string) => /[\p{L}\p{N}_.\-[\]]/u.test(c);

export function parseDotenv(text: string, outer: Lookup = () => undefined): DotenvResult {
  const entries: DotenvEntry[] = [];
  const seen = new Map<string, string>();
  const lookup: Lookup = (name) => seen.get(name) ?? outer(name);
  let pos = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (text[i] === '\n') line++;
    pos = to;
  };

  while (pos < text.length) {
    // Skip blank space and comment lines.
    if (/\s/.test(text[pos]!)) {
      advance(pos + 1);
      continue;
    }
    if (text[pos] === '#') {
      const end = text.indexOf('\n', pos);
      advance(end < 0 ? text.length : end);
      continue;
    }
    if (text.startsWith('export', pos) && isSpace(text[pos + 6])) {
      let i = pos + 6;
      while (isSpace(text[i])) i++;
      advance(i);
    }
    const keyLine = line;
    let i = pos;
    let separator: string | undefined;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (isSpace(c)) continue;
      if (c === '=' || c === ':' || c === '\n') {
        separator = c;
        break;
      }
      if (!isKeyChar(c)) {
        return { entries, error: { line: keyLine, message: `unexpected character "${c}" in variable name` } };
      }
    }
    const name = text.slice(pos, i).trimEnd();
    if (/\s/.test(name)) return { entries, error: { line: keyLine, message: 'a variable name cannot contain a space' } };
    if (separator === undefined || separator === '\n') {
      // `KEY` alone inherits from the shell; doctor does not read the shell environment.
      advance(i);
      continue;
    }
    i++;
    while (isSpace(text[i])) i++;
    advance(i);
    const quote = text[pos] === '"' || text[pos] === "'" ? (text[pos] as '"' | "'") : undefined;
    if (!quote) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      let raw = text.slice(pos, end);
      const comment = raw.indexOf(' #');
      if (comment >= 0) raw = raw.slice(0, comment);
      const expanded = interpolate(raw.trimEnd(), lookup);
      entries.push({ name, value: expanded.value, line: keyLine, refs: expanded.refs });
      seen.set(name, expanded.value);
      advance(end);
      continue;
    }
    let close = -1;
    for (let j = pos + 1; j < text.length; j++) {
      if (text[j] === quote && text[j - 1] !== '\\') {
        close = j;
        break;
      }
    }
    if (close < 0) return { entries, error: { line: keyLine, message: 'a quoted value is never closed' } };
    let value = text.slice(pos + 1, close);
    let refs: string[] = [];
    if (quote === '"') {
      value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\([^$])/g, '$1');
      const expanded = interpolate(value, lookup);
      value = expanded.value;
      refs = expanded.refs;
    }
    entries.push({ name, value, line: keyLine, quote, refs });
    seen.set(name, value);
    advance(close + 1);
    // The rest of the line may hold only a comment.
    let k = pos;
    while (isSpace(text[k])) k++;
    if (k < text.length && text[k] !== '\n' && text[k] !== '#') {
      return { entries, error: { line, message: 'unexpected text after the closing quote' } };
    }
  }
  return { entries };
}
