import type { CfgValue } from '../../../plan/types.js';
import { hostPort } from '../../../plan/urls.js';
import type { PlanContext } from '../../types.js';
import { PROXY_SOURCE_RANGES } from '../../compose.js';
import { OAUTH2_PROXY_CONFIG, OAUTH2_PROXY_PORT, SESSION_RECHECK } from './facts.js';
import { CA_IN_CONTAINER } from '../../target/server/facts.js';

export interface OAuth2ProxySettings {
  configPath: string;
  settings: { key: string; value: CfgValue; why?: string }[];
}

/**
 * oauth2-proxy's settings, written to its config file. The client secret and
 * cookie secret are not here: they reach the container as environment
 * variables from `.env`.
 */
export function oauth2ProxySettings(ctx: Pick<PlanContext, 'spec' | 'urls' | 'identity' | 'capabilities'>): OAuth2ProxySettings {
  const { spec, urls, identity, capabilities } = ctx;
  const proxy = capabilities.proxyService;
  const https = capabilities.scheme === 'https';
  return {
    configPath: OAUTH2_PROXY_CONFIG,
    settings: [
      { key: 'provider', value: identity.provider },
      { key: 'provider_display_name', value: identity.displayName },
      ...(urls.issuer ? [{ key: 'oidc_issuer_url', value: urls.issuer, why: `compared exactly with the issuer ${identity.displayName} advertises` }] : []),
      { key: 'client_id', value: identity.clientId },
      { key: 'redirect_url', value: urls.redirect, why: `registered as the only redirect URI of the client at ${identity.displayName}` },
      { key: 'code_challenge_method', value: 'S256', why: 'PKCE' },
      { key: 'http_address', value: `0.0.0.0:${OAUTH2_PROXY_PORT}`, why: `the default 127.0.0.1 is unreachable from ${proxy}` },
      { key: 'reverse_proxy', value: true, why: `X-Forwarded-* from ${proxy} name the client and the public URL` },
      { key: 'trusted_proxy_ips', value: PROXY_SOURCE_RANGES, why: `and only from ${proxy}'s addresses (without this, from anyone)` },
      { key: 'upstreams', value: ['static://202'], why: `${proxy} proxies; oauth2-proxy only answers auth_request` },
      ...identity.settings,
      ...(spec.machineAccess.tokens
        ? [
            { key: 'skip_jwt_bearer_tokens', value: true, why: `an access token of ${identity.displayName} (CI, machineAccess.tokens) is a session too: its issuer, audience, expiry and the rules above are checked` },
            { key: 'bearer_token_login_fallback', value: false, why: 'a token that fails those checks is refused (403), not sent to sign in' },
            ...(spec.machineAccess.tokens.audience ? [{ key: 'oidc_extra_audiences', value: [spec.machineAccess.tokens.audience], why: 'the audience of CI tokens' }] : []),
          ]
        : []),
      ...(spec.tls?.ca
        ? [
            { key: 'provider_ca_files', value: [CA_IN_CONTAINER], why: 'the internal CA (tls.ca): the identity provider may present a certificate it signed' },
            { key: 'use_system_trust_store', value: true, why: 'and the public CAs as well' },
          ]
        : []),
      { key: 'cookie_name', value: '_prefect_oauth2' },
      https
        ? { key: 'cookie_secure', value: true }
        : { key: 'cookie_secure', value: false, why: 'the local stack serves plain http; true would drop the cookie' },
      { key: 'cookie_samesite', value: 'lax' },
      {
        key: 'cookie_refresh',
        value: SESSION_RECHECK,
        why: 'each session is checked with the identity provider again after this long (a refresh-token grant): a removed role or a disabled account is refused from then on, not only when the cookie expires (7 days)',
      },
      // No cookie_domains: a host-only cookie reaches nothing but the UI host. oauth2-proxy would compare the
      // entries with the request host including its port (prefect.localtest.me:8080), match none, and log a
      // warning for every cookie it sets (pkg/cookies/cookies.go, GetCookieDomain).
      // The Host header carries no port when it is the scheme's default, so neither does this entry.
      { key: 'whitelist_domains', value: [hostPort(capabilities.scheme, spec.hosts.ui, spec.hosts.port)] },
      { key: 'skip_provider_button', value: true },
      ...(urls.logout
        ? [
            {
              key: 'backend_logout_url',
              value: urls.logout,
              why: `sign-out (/oauth2/sign_out) also ends the ${identity.displayName} session; without it the next page signs the person straight back in`,
            },
          ]
        : []),
      { key: 'set_xauthrequest', value: true, why: `${proxy} passes the signed-in user to Prefect` },
      { key: 'silence_ping_logging', value: true },
    ],
  };
}
