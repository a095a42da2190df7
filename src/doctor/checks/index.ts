/** Every static check, in the order they are reported. */
import type { Check } from './check.js';
import { componentVersionFixes } from './componentVersionFixes.js';
import { exposurePrefectOpen } from './exposurePrefectOpen.js';
import { exposurePublishedData } from './exposurePublishedData.js';
import { nginxApiMethods } from './nginxApiMethods.js';
import { nginxApiReadTimeout } from './nginxApiReadTimeout.js';
import { proxyApiBodySize } from './proxyApiBodySize.js';
import { proxyApiSocketCredential } from './proxyApiSocketCredential.js';
import { secretsGuessable } from './secretsGuessable.js';
import { entraMultiTenant } from './entraMultiTenant.js';
import { envQuotedValue } from './envQuotedValue.js';
import { exposureLocalInterfaces } from './exposureLocalInterfaces.js';
import { exposureNetworkInternal } from './exposureNetworkInternal.js';
import { exposurePublishedBackend } from './exposurePublishedBackend.js';
import { forwardedHeadersTrust } from './forwardedHeadersTrust.js';
import { inputComposeIgnored } from './inputComposeIgnored.js';
import { inputComposeReference } from './inputComposeReference.js';
import { inputMissingFile } from './inputMissingFile.js';
import { inputSyntax } from './inputSyntax.js';
import { inputUnreadable } from './inputUnreadable.js';
import { inputVariable } from './inputVariable.js';
import { issuerFormat } from './issuerFormat.js';
import { issuerKeycloakHostname } from './issuerKeycloakHostname.js';
import { issuerSplitBrain } from './issuerSplitBrain.js';
import { keycloakAdminEnv } from './keycloakAdminEnv.js';
import { keycloakDataKept } from './keycloakDataKept.js';
import { keycloakDefaultAdmin } from './keycloakDefaultAdmin.js';
import { keycloakHostname } from './keycloakHostname.js';
import { keycloakProxyOption } from './keycloakProxyOption.js';
import { keycloakStartDev } from './keycloakStartDev.js';
import { nginxApiBuffering } from './nginxApiBuffering.js';
import { nginxApiWebsocket } from './nginxApiWebsocket.js';
import { nginxAuthRequest401 } from './nginxAuthRequest401.js';
import { nginxPrefectKeepalive } from './nginxPrefectKeepalive.js';
import { nginxServerNamesBucket } from './nginxServerNamesBucket.js';
import { oauth2ProxyCookieSecret } from './oauth2ProxyCookieSecret.js';
import { oauth2ProxyDeprecatedProvider } from './oauth2ProxyDeprecatedProvider.js';
import { oauth2ProxyEmailDomain } from './oauth2ProxyEmailDomain.js';
import { oauth2ProxyEnvSingular } from './oauth2ProxyEnvSingular.js';
import { oauth2ProxyGoogleGroups } from './oauth2ProxyGoogleGroups.js';
import { oauth2ProxyOidcGroupsScope } from './oauth2ProxyOidcGroupsScope.js';
import { oauth2ProxyHttpAddress } from './oauth2ProxyHttpAddress.js';
import { oauth2ProxyInsecure } from './oauth2ProxyInsecure.js';
import { prefectApiUrlFormat } from './prefectApiUrlFormat.js';
import { prefectClientCredentials } from './prefectClientCredentials.js';
import { prefectDatabaseSslmode } from './prefectDatabaseSslmode.js';
import { prefectDatabaseTlsNames } from './prefectDatabaseTlsNames.js';
import { prefectDatabaseUrlDeprecated } from './prefectDatabaseUrlDeprecated.js';
import { prefectDbAuthPlugin } from './prefectDbAuthPlugin.js';
import { prefectDbPluginCa } from './prefectDbPluginCa.js';
import { prefectDbPluginPassword } from './prefectDbPluginPassword.js';
import { prefectDatabaseTlsUnverified } from './prefectDatabaseTlsUnverified.js';
import { prefectScaleOutRedis } from './prefectScaleOutRedis.js';
import { prefectServerAuthString } from './prefectServerAuthString.js';
import { prefectServerHost } from './prefectServerHost.js';
import { prefectTomlFlatKeys } from './prefectTomlFlatKeys.js';
import { prefectUiApiUrl } from './prefectUiApiUrl.js';
import { proxyApiOpen } from './proxyApiOpen.js';
import { proxyUiApiAuth } from './proxyUiApiAuth.js';
import { proxyApiSignInRedirect } from './proxyApiSignInRedirect.js';
import { redirectCookieSecure } from './redirectCookieSecure.js';
import { redirectDomains } from './redirectDomains.js';
import { redirectUrlMismatch } from './redirectUrlMismatch.js';
import { redirectUrlMissing } from './redirectUrlMissing.js';
import { secretsInline } from './secretsInline.js';
import { traefikDashboardOpen } from './traefikDashboardOpen.js';
import { traefikLabelDollar } from './traefikLabelDollar.js';
import { traefikV2RuleSyntax } from './traefikV2RuleSyntax.js';

export type { Check } from './check.js';

export const CHECKS: readonly Check[] = [
  // What doctor could not read comes first: everything else depends on it.
  inputUnreadable,
  inputSyntax,
  inputMissingFile,
  inputVariable,
  inputComposeIgnored,
  inputComposeReference,
  // Issuer
  issuerFormat,
  issuerKeycloakHostname,
  issuerSplitBrain,
  // Redirect
  redirectUrlMissing,
  redirectUrlMismatch,
  redirectCookieSecure,
  redirectDomains,
  // oauth2-proxy
  oauth2ProxyCookieSecret,
  oauth2ProxyEnvSingular,
  envQuotedValue,
  oauth2ProxyHttpAddress,
  oauth2ProxyEmailDomain,
  oauth2ProxyGoogleGroups,
  oauth2ProxyOidcGroupsScope,
  entraMultiTenant,
  oauth2ProxyInsecure,
  oauth2ProxyDeprecatedProvider,
  // Prefect
  prefectUiApiUrl,
  prefectServerAuthString,
  prefectClientCredentials,
  prefectApiUrlFormat,
  prefectDatabaseUrlDeprecated,
  prefectDatabaseSslmode,
  prefectDatabaseTlsNames,
  prefectDbAuthPlugin,
  prefectDbPluginCa,
  prefectDbPluginPassword,
  prefectDatabaseTlsUnverified,
  prefectScaleOutRedis,
  prefectTomlFlatKeys,
  prefectServerHost,
  // Exposure
  exposurePrefectOpen,
  exposurePublishedBackend,
  exposurePublishedData,
  exposureNetworkInternal,
  exposureLocalInterfaces,
  // Proxy
  nginxApiWebsocket,
  nginxApiBuffering,
  nginxApiMethods,
  nginxApiReadTimeout,
  nginxAuthRequest401,
  nginxPrefectKeepalive,
  nginxServerNamesBucket,
  proxyUiApiAuth,
  proxyApiSignInRedirect,
  proxyApiOpen,
  proxyApiSocketCredential,
  proxyApiBodySize,
  traefikLabelDollar,
  traefikDashboardOpen,
  traefikV2RuleSyntax,
  forwardedHeadersTrust,
  // Keycloak
  keycloakHostname,
  keycloakAdminEnv,
  keycloakProxyOption,
  keycloakDefaultAdmin,
  keycloakDataKept,
  keycloakStartDev,
  // Secrets
  secretsInline,
  secretsGuessable,
  // Versions
  componentVersionFixes,
];
