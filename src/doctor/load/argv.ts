/**
 * Splits a command written as one string the way compose does (shell-like
 * words: quotes group, backslashes escape), and reads `--flag=value` /
 * `--flag value` pairs out of an argv.
 */
import type { Located } from './model.js';

export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i];
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

export interface Flag {
  /** Without leading dashes, e.g. `oidc-issuer-url`. */
  name: string;
  /** undefined for a bare boolean flag. */
  value: string | undefined;
  at: Located['at'];
  written: string;
}

/**
 * Reads flags from an argv. `isBoolean` says which flags never take a
 * separate value (`--cookie-secure false` is not how Go flags work).
 */
export function readFlags(argv: Located[], isBoolean: (name: string) => boolean = () => false): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--?([A-Za-z][A-Za-z0-9._-]*)(?:=([\s\S]*))?$/.exec(arg.value);
    if (!match) continue;
    const name = match[1]!;
    let value = match[2];
    if (value === undefined && !isBoolean(name)) {
      const next = argv[i + 1];
      if (next && !next.value.startsWith('-')) {
        value = next.value;
        i++;
      }
    }
    flags.push({ name, value, at: arg.at, written: `--${name}` });
  }
  return flags;
}
