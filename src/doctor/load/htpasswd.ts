/** htpasswd files: every file of the folder named like one (`htpasswd`, `.htpasswd`, `users.htpasswd`). */
import type { PasswordFile } from './model.js';
import { readText, type SourceTree } from './tree.js';

const NAME = /(^|[./_-])htpasswd$/i;

export function loadPasswordFiles(tree: SourceTree): PasswordFile[] {
  const out: PasswordFile[] = [];
  for (const path of tree.list()) {
    if (!NAME.test(path.split('/').at(-1) ?? '')) continue;
    const read = readText(tree, path);
    if (!('text' in read)) continue;
    const entries = read.text.split(/\r?\n/).flatMap((line, index) => {
      const colon = line.indexOf(':');
      if (line.trim() === '' || line.startsWith('#') || colon < 1) return [];
      return [{ user: line.slice(0, colon).trim(), hash: line.slice(colon + 1).trim(), at: { file: path, line: index + 1 } }];
    });
    out.push({ file: path, entries });
  }
  return out;
}
