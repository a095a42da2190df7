/**
 * Loads and compiles the handlebars templates shipped in `templates/`.
 * Compiled with noEscape (no HTML here), strict (a missing value throws) and
 * knownHelpersOnly (only the helpers in helpers.ts exist).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { formatHelpers, quotingHelpers } from './helpers.js';

function findTemplatesDir(): string {
  // dist/cli.js and src/render/templates.ts sit at different depths below the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'docker-compose.yml.hbs'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('prefect-secure: templates/ not found next to the program; reinstall it');
    dir = parent;
  }
}

let engine: typeof Handlebars | undefined;
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function getEngine(): typeof Handlebars {
  if (engine) return engine;
  engine = Handlebars.create();
  const helpers = { ...formatHelpers, ...quotingHelpers };
  for (const [name, helper] of Object.entries(helpers)) {
    // Handlebars passes its options object last; the helpers take one value.
    engine.registerHelper(name, (value: unknown) => helper(value));
  }
  const partials = join(findTemplatesDir(), 'partials');
  for (const file of readdirSync(partials)) {
    engine.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partials, file), 'utf8'));
  }
  return engine;
}

export const KNOWN_HELPERS = Object.fromEntries(
  [...Object.keys(formatHelpers), ...Object.keys(quotingHelpers)].map((name) => [name, true]),
);

export function templateSource(name: string): string {
  return readFileSync(join(findTemplatesDir(), name), 'utf8');
}

export function templateNames(): string[] {
  return readdirSync(findTemplatesDir()).filter((file) => file.endsWith('.hbs'));
}

export function renderTemplate(name: string, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = getEngine().compile(templateSource(name), {
      noEscape: true,
      strict: true,
      knownHelpers: KNOWN_HELPERS,
      knownHelpersOnly: true,
    });
    compiled.set(name, template);
  }
  return template(view);
}
