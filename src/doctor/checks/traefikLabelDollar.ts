/**
 * Compose interpolates `$` in labels too: a basic-auth hash `$apr1$…` loses
 * its `$…` parts (or compose stops on `$2y`), so Traefik gets a broken hash.
 * Every literal `$` in a compose label must be written `$$`.
 */
import { defineCheck } from './check.js';

const ID = 'traefik-label-dollar';

/** A `$` compose would interpolate: not `$$`, not an intended `${VAR}`. */
function singleDollars(raw: string): boolean {
  return /\$(?!\$|\{)/.test(raw.replace(/\$\$/g, ''));
}

export const traefikLabelDollar = defineCheck(
  {
    id: ID,
    title: 'Every $ in Traefik labels is doubled',
    severity: 'error',
    appliesTo: (model) => model.services.some((s) => s.labels.some((l) => l.key.startsWith('traefik.'))),
  },
  (model, report) => {
    for (const s of model.services) {
      for (const label of s.labels) {
        if (!label.key.startsWith('traefik.') || !singleDollars(label.raw)) continue;
        const hash = /users$/i.test(label.key) || /\$(apr1|2[aby]|5|6)\$/.test(label.raw);
        report.error(label.at, {
          message: `label ${label.key} of ${s.name} has a single "$", which compose treats as a variable`,
          why: hash
            ? 'the password hash reaches Traefik with parts cut out (or compose refuses the file), so every login fails'
            : 'the value reaches Traefik changed (or compose refuses the file with "Invalid template")',
          fix: hash ? 'write each $ of the hash as $$, e.g.  user:$$apr1$$…  (htpasswd -nb user pass | sed -e s/\\$/\\$\\$/g)' : 'write each literal $ as $$',
        });
      }
    }
  },
);
