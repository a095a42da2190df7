/** oauth2-proxy flags that switch off a safety check. */
import type { OAuth2ProxySetting } from '../load/model.js';
import { defineCheck } from './check.js';
import { type FindingText } from './util/finding.js';
import { instanceName, settingBool, settingLine, settingList, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-insecure';

const FLAGS: { key: string; severity: 'error' | 'warning'; text: FindingText }[] = [
  {
    key: 'insecure_oidc_skip_issuer_verification',
    severity: 'error',
    text: { message: 'skips verification of the token issuer', why: 'tokens from another issuer are accepted, and a wrong issuer is hidden instead of fixed' },
  },
  {
    key: 'ssl_insecure_skip_verify',
    severity: 'warning',
    text: { message: "does not verify the identity provider's TLS certificate", why: 'anyone on the path can impersonate the identity provider; use provider_ca_files for a private CA instead' },
  },
  {
    key: 'insecure_oidc_allow_unverified_email',
    severity: 'warning',
    text: { message: 'accepts email addresses the identity provider has not verified', why: 'someone can register an unverified address of your domain and pass an email_domains check' },
  },
  {
    key: 'ssl_upstream_insecure_skip_verify',
    severity: 'warning',
    text: { message: "does not verify upstream TLS certificates", why: 'traffic to the upstream can be intercepted' },
  },
];

const MATCHES_ALL = /^(\^?\/?\.?\*?\$?|\^?\/\.\*\$?|\^\/|\.\*|\/)$/;

export const oauth2ProxyInsecure = defineCheck(
  {
    id: ID,
    title: 'No insecure oauth2-proxy options',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const name = instanceName(instance);
      for (const flag of FLAGS) {
        const s = instance.settings.get(flag.key);
        if (!s || !settingBool(instance, flag.key, false)) continue;
        report.add(flag.severity, valuePosition(s), { ...flag.text, message: `${name} ${flag.text.message} (${s.name})`, fix: settingLine(instance, flag.key, 'false') });
      }
      if (instance.settings.has('cookie_httponly') && !settingBool(instance, 'cookie_httponly', true)) {
        const s = instance.settings.get('cookie_httponly')!;
        report.warning(valuePosition(s), {
          message: `${name} makes the session cookie readable by JavaScript (${s.name} = false)`,
          why: 'any script injected into a page can steal the session',
          fix: settingLine(instance, 'cookie_httponly', 'true'),
        });
      }
      for (const key of ['skip_auth_regex', 'skip_auth_routes']) {
        const s: OAuth2ProxySetting | undefined = instance.settings.get(key);
        const everything = settingList(instance, key).filter((r) => MATCHES_ALL.test(r.replace(/^(GET|POST|PUT|DELETE|PATCH|OPTIONS|HEAD)=/, '')));
        if (s && everything.length > 0) {
          report.error(valuePosition(s), {
            message: `${name} skips authentication for every path (${s.name} ${everything.join(', ')})`,
            why: 'nothing behind oauth2-proxy is protected',
            fix: 'list only the paths that must be public, e.g. ^/api/health$',
          });
        }
      }
      const trusted = instance.settings.get('trusted_ips');
      const open = settingList(instance, 'trusted_ips').filter((ip) => /^(0\.0\.0\.0\/0|::\/0)$/.test(ip));
      if (trusted && open.length > 0) {
        report.error(valuePosition(trusted), {
          message: `${name} lets every address bypass authentication (${trusted.name} ${open.join(', ')})`,
          why: 'trusted_ips skips sign-in for matching client addresses; 0.0.0.0/0 matches everyone',
          fix: `remove ${trusted.name}`,
        });
      }
    }
  },
);
