/**
 * Google through oauth2-proxy's google provider: fixed endpoints, no issuer to
 * configure; who may sign in is the Workspace domains (oauth2-proxy does not
 * check the hd claim, so the domain list is the gate).
 */
import { externalProvider } from '../external.js';

export const google = externalProvider({
  type: 'google',
  displayName: 'Google',
  provider: 'google',
  settings: (idp) => [
    { key: 'email_domains', value: idp.emailDomains, why: 'only verified addresses of these domains may sign in' },
  ],
  registration: (idp, urls, secret) => ({
    console: 'the Google Cloud console, under Google Auth Platform',
    steps: [
      'Audience: Internal (only accounts of your Workspace organisation), where you can',
      `Clients, Create client: Web application; Authorized redirect URIs (not JavaScript origins): exactly ${urls.redirect}`,
      `The client ID must be ${idp.clientId}; copy the client secret into ${secret} before rendering`,
    ],
    errors: [
      { looks: 'Error 400: redirect_uri_mismatch', means: `add ${urls.redirect} exactly to Authorized redirect URIs` },
      { looks: 'HTTP 403 after signing in', means: `the account's address is not in ${idp.emailDomains.join(', ')}` },
    ],
    whoGetsIn: `Google accounts of ${idp.emailDomains.join(', ')} get in`,
  }),
});
