/**
 * oauth2-proxy option names (pkg/apis/options: legacy_options.go, options.go,
 * legacy_cookie.go). A flag is the config key with `-` for `_`, except list
 * options, whose flag is singular (`--email-domain`) while the config key and
 * the environment variable are plural (`email_domains`, OAUTH2_PROXY_EMAIL_DOMAINS).
 */

/** Flag name -> config key, where they differ beyond `-`/`_`. */
export const FLAG_TO_KEY: Record<string, string> = {
  'email-domain': 'email_domains',
  'whitelist-domain': 'whitelist_domains',
  'cookie-domain': 'cookie_domains',
  'allowed-group': 'allowed_groups',
  'allowed-role': 'allowed_roles',
  upstream: 'upstreams',
  'skip-auth-route': 'skip_auth_routes',
  'api-route': 'api_routes',
  'trusted-ip': 'trusted_ips',
  'trusted-proxy-ip': 'trusted_proxy_ips',
  'github-user': 'github_users',
  'gitlab-group': 'gitlab_groups',
  'gitlab-project': 'gitlab_projects',
  'keycloak-group': 'keycloak_groups',
  'google-group': 'google_groups',
  'entra-id-allowed-tenant': 'entra_id_allowed_tenants',
  'oidc-extra-audience': 'oidc_extra_audiences',
  'oidc-audience-claim': 'oidc_audience_claims',
  'provider-ca-file': 'provider_ca_files',
  'tls-cipher-suite': 'tls_cipher_suites',
  'htpasswd-user-group': 'htpasswd_user_groups',
};

export const LIST_KEYS = new Set([
  ...Object.values(FLAG_TO_KEY),
  'skip_auth_regex',
  'extra_jwt_issuers',
]);

export const BOOLEAN_KEYS = new Set([
  'cookie_secure', 'cookie_httponly', 'cookie_csrf_per_request', 'reverse_proxy', 'skip_provider_button',
  'ssl_insecure_skip_verify', 'ssl_upstream_insecure_skip_verify', 'insecure_oidc_allow_unverified_email',
  'insecure_oidc_skip_issuer_verification', 'insecure_oidc_skip_nonce', 'skip_oidc_discovery', 'skip_jwt_bearer_tokens',
  'set_xauthrequest', 'set_authorization_header', 'set_basic_auth', 'pass_authorization_header', 'pass_access_token',
  'pass_basic_auth', 'pass_user_headers', 'pass_host_header', 'proxy_websockets', 'skip_auth_preflight', 'force_https',
  'silence_ping_logging', 'request_logging', 'auth_logging', 'standard_logging', 'use_system_trust_store',
  'skip_claims_from_profile_url', 'relative_redirect_url', 'force_json_errors', 'encode_state', 'allow_query_semicolons',
  'gcp_healthchecks', 'session_cookie_minimal', 'redis_use_sentinel', 'redis_use_cluster', 'redis_insecure_skip_tls_verify',
  'display_htpasswd_form', 'show_debug_on_error', 'skip_auth_strip_headers', 'prefer_email_to_user',
  'entra_id_federated_token_auth', 'skip_auth_preflight',
]);

export function keyOfFlag(flag: string): string {
  return FLAG_TO_KEY[flag] ?? flag.replace(/-/g, '_');
}

export function envOfKey(key: string): string {
  return `OAUTH2_PROXY_${key.toUpperCase()}`;
}

/**
 * Environment names people write that oauth2-proxy never reads, with the
 * name it does read. Singular list names are silently ignored.
 */
export const IGNORED_ENV_NAMES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(FLAG_TO_KEY)
      .filter(([flag, key]) => flag.replace(/-/g, '_') !== key)
      .map(([flag, key]) => [`OAUTH2_PROXY_${flag.replace(/-/g, '_').toUpperCase()}`, envOfKey(key)]),
  ),
  OAUTH2_PROXY_EXTRA_JWT_ISSUER: 'OAUTH2_PROXY_EXTRA_JWT_ISSUERS',
  OAUTH2_PROXY_SKIP_AUTH_REGEXES: 'OAUTH2_PROXY_SKIP_AUTH_REGEX',
  OAUTH2_PROXY_SKIP_AUTH_REGEXS: 'OAUTH2_PROXY_SKIP_AUTH_REGEX',
};
// The Google group variable is deprecated but still read (legacy_options.go logs a warning).
delete IGNORED_ENV_NAMES.OAUTH2_PROXY_GOOGLE_GROUP;
