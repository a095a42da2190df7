/**
 * Compiles the templates on disk, for tests and for running from source.
 * Each component keeps its templates in its own folder under
 * src/components; a template's name is its path there without `.hbs`
 * (`proxy/nginx/nginx.conf`), and every template is also a partial by that
 * name. The build replaces this module with precompiled templates and the
 * small handlebars runtime (scripts/build.mjs), so the shipped CLI never
 * loads the template compiler.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, type TemplateSet } from './compileOptions.js';

export function templatesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'components');
}

/** Every `.hbs` file below `root`, as [name, path]. */
export function templateFiles(root: string): [string, string][] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => [relative(root, join(root, file)).split(sep).join('/').replace(/\.hbs$/, ''), join(root, file)]);
}

export function loadTemplateSet(): TemplateSet {
  const engine = Handlebars.create();
  const templates = Object.fromEntries(
    templateFiles(templatesDir()).map(([name, path]) => [name, engine.compile(readFileSync(path, 'utf8'), COMPILE_OPTIONS)]),
  );
  return { engine, templates, partials: templates };
}
