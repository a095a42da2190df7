/**
 * Components pinned below the release that fixed a hole in exactly what the
 * stack uses. One row per hole, each with its source; a row applies only
 * when the stack uses the affected feature. A floating tag (`26.7`, `v7`)
 * pulls the newest release of its line, so it passes when that line has the
 * fix. prefect-secure's own pins pass this check (the generator runs it).
 */
import type { Service, StackModel } from '../load/model.js';
import { imageRepo, imageTag, is } from '../load/roles.js';
import { defineCheck } from './check.js';
import { settingBool, settingList } from './util/stack.js';

const ID = 'component-version-fixes';

type Version = [number, number, number | undefined];

export interface Hole {
  component: string;
  matches: (s: Service) => boolean;
  /** The first fixed release of each maintained line, oldest first; every later line is fixed. */
  fixedIn: string[];
  what: string;
  source: string;
  /** Does this stack use the affected feature? A reason to print, or false. */
  uses: (model: StackModel, s: Service) => string | false;
}

export const HOLES: readonly Hole[] = [
  {
    component: 'Keycloak',
    matches: is.keycloak,
    fixedIn: ['26.4.15', '26.6.6', '26.7.2'],
    what: 'CVE-2026-18963: an unauthenticated attacker sets a new password for any account, admins included, through the reset-credentials ("Forgot password?") flow',
    source: 'https://github.com/keycloak/keycloak/issues/51833',
    uses: () => 'it signs everyone in',
  },
  {
    component: 'oauth2-proxy',
    matches: is.oauth2Proxy,
    fixedIn: ['7.15.2'],
    what: 'GHSA-7x63-xv5r-3p2x: with reverse_proxy and skip_auth_routes, a forged X-Forwarded-Uri skips authentication for any path',
    source: 'https://github.com/oauth2-proxy/oauth2-proxy/security/advisories/GHSA-7x63-xv5r-3p2x',
    uses: (model, s) => {
      const instance = model.oauth2Proxies.find((o) => o.service === s.name);
      if (!instance || !settingBool(instance, 'reverse_proxy', false)) return false;
      return settingList(instance, 'skip_auth_routes').length + settingList(instance, 'skip_auth_regex').length > 0 ? 'it runs with reverse_proxy and skip_auth_routes' : false;
    },
  },
  {
    component: 'Caddy',
    matches: is.caddy,
    fixedIn: ['2.11.2'],
    what: "GHSA-7r4p-vjf4-gxv4: forward_auth's copy_headers keeps a header the client sent when the auth answer lacks it, so a client injects identity headers",
    source: 'https://github.com/caddyserver/caddy/security/advisories/GHSA-7r4p-vjf4-gxv4',
    uses: (model, s) => {
      const files = model.caddy.filter((f) => f.services.includes(s.name));
      const walk = (ds: { name: string; block?: { name: string }[] }[]): boolean => ds.some((d) => (d.name === 'forward_auth' && (d.block ?? []).some((b) => b.name === 'copy_headers')) || walk((d.block ?? []) as typeof ds));
      return files.some((f) => f.sites.some((site) => walk(site.directives))) ? 'it passes identity headers with forward_auth copy_headers' : false;
    },
  },
  {
    component: 'Prefect',
    matches: (s) => imageRepo(s).endsWith('prefecthq/prefect'),
    fixedIn: ['3.6.22'],
    what: 'PrefectHQ/prefect#21063: any path ending in health or ready skipped the check of PREFECT_SERVER_API_AUTH_STRING',
    source: 'https://github.com/PrefectHQ/prefect/pull/21063',
    uses: (model, s) => (model.prefect.services.some((p) => p.service === s.name && p.serves && p.environment.get('PREFECT_SERVER_API_AUTH_STRING')?.value) ? 'its API is guarded by PREFECT_SERVER_API_AUTH_STRING' : false),
  },
];

function parseVersion(tag: string | undefined): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:$|[-+_])/.exec(tag ?? '');
  return m ? [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])] : undefined;
}

/** Is this version (or, for a floating `X.Y`, the newest of its line) at or past a fix? */
export function isFixed(version: Version, fixedIn: string[]): boolean {
  const fixes = fixedIn.map((f) => parseVersion(f)!);
  const [major, minor, patch] = version;
  const sameLine = fixes.find((f) => f[0] === major && f[1] === minor);
  if (sameLine) return patch === undefined || patch >= sameLine[2]!;
  const newest = fixes.at(-1)!;
  return major > newest[0] || (major === newest[0] && minor > newest[1]);
}

export const componentVersionFixes = defineCheck(
  {
    id: ID,
    title: 'No component is pinned below a security fix the stack relies on',
    severity: 'error',
    appliesTo: (model) => model.services.some((s) => HOLES.some((h) => h.matches(s))),
  },
  (model, report) => {
    for (const s of model.services) {
      for (const hole of HOLES.filter((h) => h.matches(s))) {
        const version = parseVersion(imageTag(s));
        if (!version || isFixed(version, hole.fixedIn)) continue;
        const reason = hole.uses(model, s);
        if (!reason) continue;
        // Keycloak's hole needs "Forgot password?": imported realms that leave it off make it a warning (one console click turns it on).
        const realms = hole.component === 'Keycloak' ? (model.keycloaks.find((k) => k.service === s.name)?.realms ?? []) : [];
        const dormant = realms.length > 0 && realms.every((r) => !r.resetPasswordAllowed);
        const newest = hole.fixedIn.at(-1)!;
        report.add(dormant ? 'warning' : 'error', s.image?.at ?? s.at, {
          message: `${s.name} runs ${hole.component} ${imageTag(s)}, before the fix of ${hole.what}${dormant ? ' (its imported realms keep "Forgot password?" off, for now)' : ''}`,
          why: `the stack relies on it: ${reason}. Source: ${hole.source}`,
          fix: `image: ${imageRepo(s)}:${imageTag(s)!.replace(/^(v?)\d+\.\d+(\.\d+)?/, `$1${newest}`)}  (or newer${hole.fixedIn.length > 1 ? `; also fixed in ${hole.fixedIn.slice(0, -1).join(', ')}` : ''})`,
        });
      }
    }
  },
);
