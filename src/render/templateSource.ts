/**
 * Compiles the templates from `templates/` on disk, for tests and for running
 * from source. The build replaces this module with precompiled templates and
 * the small handlebars runtime (scripts/build.mjs), so the shipped CLI never
 * loads the template compiler.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, type TemplateSet } from './compileOptions.js';

export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'docker-compose.yml.hbs'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('templates/ not found above the program');
    dir = parent;
  }
}

export function loadTemplateSet(): TemplateSet {
  const root = templatesDir();
  const engine = Handlebars.create();
  const read = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((file) => file.endsWith('.hbs'))
        .map((file) => [file.replace(/\.hbs$/, ''), engine.compile(readFileSync(join(dir, file), 'utf8'), COMPILE_OPTIONS)]),
    );
  return { engine, templates: read(root), partials: read(join(root, 'partials')) };
}
