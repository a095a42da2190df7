/**
 * Facts of GitHub Actions OIDC tokens (docs.github.com, "OpenID Connect
 * reference"): the issuer, without a trailing slash; `sub` names the
 * repository and the branch, tag or environment of the job; `aud` is what the
 * job asks for; a token lives 5 minutes and cannot be made to live longer.
 * Any repository on GitHub can get a token for any audience, so only the
 * exact subjects listed get in.
 */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** A second oauth2-proxy: GitHub's tokens carry no groups or roles, so the sign-in instance's rules would refuse them. */
export const GITHUB_PROXY_SERVICE = 'oauth2-proxy-github';
export const GITHUB_PROXY_CONFIG_FILE = 'oauth2-proxy/github-actions.cfg';
export const GITHUB_PROXY_CONFIG = '/etc/oauth2-proxy/github-actions.cfg';
export const GITHUB_SUBJECTS_FILE = 'oauth2-proxy/github-subjects.txt';
export const GITHUB_SUBJECTS = '/etc/oauth2-proxy/github-subjects.txt';
/** Where nginx asks it about a machine-host request. */
export const GITHUB_AUTH_PATH = '/oauth2-github/auth';
