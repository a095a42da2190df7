/**
 * Variable interpolation as docker compose does it (compose-go template):
 * `$$` is a literal `$`; `$NAME` and `${NAME}` substitute; `${NAME:-default}`
 * and `${NAME-default}` fall back; `${NAME:?message}` and `${NAME?message}`
 * stop compose when the variable is unset; `${NAME:+alt}`/`${NAME+alt}`
 * substitute `alt` when set. Any other `$` is an invalid template, which
 * compose refuses ("Invalid template").
 */

export interface Interpolation {
  value: string;
  /** Variables the text referred to, in order. */
  refs: string[];
  /** Variables used without a default while unset: compose substitutes an empty string. */
  unset: string[];
  /** `${NAME:?…}` whose variable is unset or empty: compose refuses to start. */
  missingRequired: string[];
  /** The text holds a `$` compose cannot parse. */
  invalid: boolean;
}

export type Lookup = (name: string) => string | undefined;

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

function closingBrace(text: string, open: number): number {
  // `open` is the index of `{`; nested `${...}` in defaults are balanced.
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
      continue;
    }
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function interpolate(text: string, lookup: Lookup): Interpolation {
  const result: Interpolation = { value: '', refs: [], unset: [], missingRequired: [], invalid: false };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 1);
      const body = end < 0 ? '' : text.slice(i + 2, end);
      const name = NAME.exec(body)?.[0];
      if (end < 0 || !name) {
        result.invalid = true;
        out += text.slice(i);
        break;
      }
      out += braced(name, body.slice(name.length), lookup, result);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      // `$2y$…`, a trailing `$`, `$(…)`: compose stops with "Invalid template".
      result.invalid = true;
      out += char;
      i++;
      continue;
    }
    result.refs.push(name);
    const value = lookup(name);
    if (value === undefined) result.unset.push(name);
    out += value ?? '';
    i += 1 + name.length;
  }
  result.value = out;
  return result;
}

function braced(name: string, rest: string, lookup: Lookup, result: Interpolation): string {
  result.refs.push(name);
  const value = lookup(name);
  const operator = /^(:?[-?+])/.exec(rest)?.[1];
  if (rest !== '' && !operator) {
    result.invalid = true;
    return '';
  }
  const argument = () => {
    const inner = interpolate(rest.slice(operator!.length), lookup);
    result.refs.push(...inner.refs);
    result.unset.push(...inner.unset);
    result.missingRequired.push(...inner.missingRequired);
    result.invalid ||= inner.invalid;
    return inner.value;
  };
  switch (operator) {
    case undefined:
      if (value === undefined) result.unset.push(name);
      return value ?? '';
    case ':-':
      return value === undefined || value === '' ? argument() : value;
    case '-':
      return value === undefined ? argument() : value;
    case ':?':
      if (value === undefined || value === '') result.missingRequired.push(name);
      return value ?? '';
    case '?':
      if (value === undefined) result.missingRequired.push(name);
      return value ?? '';
    case ':+':
      return value !== undefined && value !== '' ? argument() : '';
    case '+':
      return value !== undefined ? argument() : '';
    default:
      return '';
  }
}
