/** Renders a template by file name with the quoting and format helpers. */
import { formatHelpers, quotingHelpers } from './helpers.js';
import { loadTemplateSet } from './templateSource.js';
import type { TemplateSet } from './compileOptions.js';

let set: TemplateSet | undefined;

function templateSet(): TemplateSet {
  if (set) return set;
  set = loadTemplateSet();
  for (const [name, helper] of Object.entries({ ...formatHelpers, ...quotingHelpers })) {
    // Handlebars passes its options object last; every helper takes exactly one value.
    set.engine.registerHelper(name, (value: unknown) => (helper as (v: unknown) => string)(value));
  }
  return set;
}

export function renderTemplate(name: string, view: object): string {
  const { templates, partials } = templateSet();
  const template = templates[name.replace(/\.hbs$/, '')];
  if (!template) throw new Error(`internal: no template ${name}`);
  return template(view, { partials });
}
