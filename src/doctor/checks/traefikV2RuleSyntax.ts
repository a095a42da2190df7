/**
 * Traefik v3 rules take one value per matcher (`Host(`a`) || Host(`b`)`);
 * `Host(`a`,`b`)`, `Headers(…)` and `{name:regex}` placeholders are v2
 * syntax, accepted only with core.defaultRuleSyntax / ruleSyntax = v2.
 */
import { defineCheck } from './check.js';

const ID = 'traefik-v2-rule-syntax';
const SINGLE_VALUE = ['Host', 'HostSNI', 'HostRegexp', 'Path', 'PathPrefix', 'PathRegexp', 'Method', 'ClientIP'];

export function v2Constructs(rule: string): string[] {
  const found: string[] = [];
  for (const matcher of SINGLE_VALUE) {
    for (const match of rule.matchAll(new RegExp(`\\b${matcher}\\(([^)]*)\\)`, 'g'))) {
      const values = [...match[1]!.matchAll(/`[^`]*`|"[^"]*"/g)];
      if (values.length > 1) found.push(`${matcher}(…) with ${values.length} values`);
      if (/\{[A-Za-z_][\w-]*:/.test(match[1]!)) found.push(`a {name:regex} placeholder in ${matcher}(…)`);
    }
  }
  if (/\bHeaders(Regexp)?\(/.test(rule)) found.push('Headers(…) (v3: Header(…))');
  return found;
}

export const traefikV2RuleSyntax = defineCheck(
  {
    id: ID,
    title: 'Traefik rules use v3 syntax',
    severity: 'error',
    appliesTo: (model) => model.traefik.routers.length > 0,
  },
  (model, report) => {
    const traefik = model.traefik;
    if (traefik.majorVersion !== undefined && traefik.majorVersion < 3) return [];
    if (traefik.defaultRuleSyntax?.value.toLowerCase() === 'v2') return [];
    for (const router of traefik.routers) {
      if (!router.rule || router.ruleSyntax?.toLowerCase() === 'v2') continue;
      const constructs = v2Constructs(router.rule.value);
      if (constructs.length === 0) continue;
      report.add(traefik.majorVersion === undefined ? 'warning' : 'error', router.rule.at, {
        message: `router ${router.name} uses Traefik v2 rule syntax: ${constructs.join(', ')}`,
        why: `Traefik ${traefik.majorVersion ?? 'v3'} rejects the rule and the router is never created, so its host answers 404`,
        fix: 'one value per matcher, joined with ||, e.g.  Host(`a.example.com`) || Host(`b.example.com`); plain Go regexps in *Regexp matchers',
      });
    }
  },
);
