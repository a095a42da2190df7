/**
 * The folder's own .gitignore: which files stay out of the repository. A
 * credential in a git-ignored file (the proxy's header file, .env, client
 * profiles) is where it belongs; the same line in a committed file is a leak.
 * Enough of gitignore's patterns for stack folders: `/anchored`, `name`
 * anywhere, `dir/`, `*` and `?` globs, `!` re-includes; no `**` subtleties
 * beyond "any folders".
 */
import { readText, type SourceTree } from './tree.js';

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const body = pattern
    .replace(/^\//, '')
    .replace(/\/$/, '')
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
    .replace(/\[\^\/\]\*\[\^\/\]\*/g, '.*');
  // A folder pattern covers everything under it; a file pattern also matches a folder of that name.
  return new RegExp(`${anchored ? '^' : '(^|/)'}${body}(/.*)?$`);
}

export function gitIgnoredMatcher(tree: SourceTree): (file: string) => boolean {
  const read = readText(tree, '.gitignore');
  if (!('text' in read)) return () => false;
  const rules = read.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (line.startsWith('!') ? { negate: true, re: toRegExp(line.slice(1)) } : { negate: false, re: toRegExp(line) }));
  return (file) => rules.reduce((ignored, rule) => (rule.re.test(file) ? !rule.negate : ignored), false);
}
