/**
 * The bundled Keycloak: a development realm with the oauth2-proxy client, the
 * allowed role and a demo user, imported at first start, behind the proxy on
 * its own public name (and a *.localhost name for the admin console). Its
 * data lives in a volume, so people added in the console survive re-creation;
 * a rotated secret reaches it through its admin API (kcadm.ts).
 */
import { origin } from '../../../plan/urls.js';
import { healthcheck, IDENTITY_NETWORK, literal, PROXY_SOURCE_RANGES, secretRef } from '../../compose.js';
import { file } from '../../files.js';
import type { Component, FollowUpStep } from '../../types.js';
import { keycloakAccess } from './access.js';
import { keycloakSpec } from './spec.js';
import { adminHost, KEYCLOAK_ADMIN_PORT, KEYCLOAK_ADMIN_USER, KEYCLOAK_DATA_DIR, KEYCLOAK_DATA_VOLUME, KEYCLOAK_DB, KEYCLOAK_IMAGE, KEYCLOAK_PORT, REALM_IMPORT_DIR } from './facts.js';
import { isProduction, keycloakDatabase, keycloakDatabaseSecret, productionDatabaseEnv } from './production.js';
import { setClientSecret, setClientSettings, setUserPassword } from './kcadm.js';
import { CI_CLIENT_SECRET, realm } from './realm.js';
import { validateRealm } from './validate.js';
import { DEFAULT_POSTGRES_MAJOR } from '../../database/postgres/facts.js';

/** Keycloak keeps its own copy of the value in its data: the running container is told the new one. */
function keptByKeycloak(what: string, command: string, last = false): FollowUpStep {
  return { when: 'before', text: `Keycloak keeps ${what} in its data; give it the new one:`, command, ...(last ? { last } : {}) };
}

export const keycloak: Component = {
  id: 'keycloak',
  concern: 'identity',
  appliesTo: (spec) => spec.identityProvider.type === 'keycloak' && spec.identityProvider.bundled,
  identity(spec, scheme) {
    const { realm, clientId, allowedRoles } = keycloakSpec(spec);
    const production = isProduction(spec);
    const idp = origin(scheme, spec.hosts.idp, spec.hosts.port);
    // Keycloak's admin console needs the browser's Web Crypto API, which exists only
    // in a secure context: https, or a *.localhost name. Local: the same proxy, a
    // .localhost name. Server: a port of the proxy on the server's loopback only.
    const admin = production ? `http://localhost:${KEYCLOAK_ADMIN_PORT}` : origin(scheme, adminHost(spec.hosts.idp), spec.hosts.port);
    const issuer = `${idp}/realms/${realm}`;
    return {
      urls: {
        issuer,
        logout: `${issuer}/protocol/openid-connect/logout?id_token_hint={id_token}`,
        idp,
        adminOrigin: admin,
        admin: `${admin}/admin/`,
      },
      provider: 'keycloak-oidc',
      displayName: 'Keycloak',
      clientId,
      clientSecret: { generate: true },
      settings: keycloakAccess(allowedRoles),
      ...(spec.machineAccess.tokens?.scope ? { tokenParams: [`scope=${spec.machineAccess.tokens.scope}`] } : {}),
      service: 'keycloak',
      bundled: {
        port: KEYCLOAK_PORT,
        host: spec.hosts.idp,
        adminHost: production ? 'localhost' : adminHost(spec.hosts.idp),
        headerBuffersNote: "Keycloak's response headers outgrow nginx's default buffers.",
        ...(production ? { adminPort: KEYCLOAK_ADMIN_PORT } : {}),
      },
      clientSecretRotation: keptByKeycloak('the client secret', setClientSecret('OAUTH2_PROXY_CLIENT_SECRET', realm, clientId)),
    };
  },
  plan(ctx) {
    const { spec, urls } = ctx;
    const idp = keycloakSpec(spec);
    const imported = realm(spec, urls);
    const ci = spec.machineAccess.tokens;
    const production = isProduction(spec);
    const proxy = ctx.capabilities.proxyService;
    return {
      networks: [
        { name: IDENTITY_NETWORK, internal: true, purpose: `internal: Keycloak and ${proxy} only; Keycloak reaches neither Prefect nor its database` },
      ],
      services: [
        {
          name: 'keycloak',
          title: 'Keycloak',
          purpose: production
            ? `Identity provider in production mode, its data in ${KEYCLOAK_DB.service}; the "${idp.realm}" realm imported from ./keycloak at first start.`
            : `Development identity provider with the "${idp.realm}" realm imported from ./keycloak into its empty data volume.`,
          image: KEYCLOAK_IMAGE,
          command: [production ? 'start' : 'start-dev', '--import-realm'],
          restart: 'unless-stopped',
          environment: [
            // A fixed URL makes the issuer the same for the browser and for oauth2-proxy.
            { key: 'KC_HOSTNAME', value: literal(urls.idp!) },
            // The admin console, on a *.localhost name the browser treats as a secure context.
            { key: 'KC_HOSTNAME_ADMIN', value: literal(urls.adminOrigin!) },
            { key: 'KC_HTTP_ENABLED', value: literal('true') },
            // Every interface of its container: the proxy reaches it on the identity network.
            { key: 'KC_HTTP_HOST', value: literal('0.0.0.0') },
            { key: 'KC_PROXY_HEADERS', value: literal('xforwarded') },
            // X-Forwarded-* only from the proxy's addresses; the proxy sets X-Forwarded-For to the client's address.
            { key: 'KC_PROXY_TRUSTED_ADDRESSES', value: literal(PROXY_SOURCE_RANGES.join(',')) },
            { key: 'KC_HEALTH_ENABLED', value: literal('true') },
            { key: 'KC_BOOTSTRAP_ADMIN_USERNAME', value: literal(KEYCLOAK_ADMIN_USER) },
            { key: 'KC_BOOTSTRAP_ADMIN_PASSWORD', value: secretRef('KEYCLOAK_ADMIN_PASSWORD') },
            // Read by the realm import's ${...} placeholders, so the realm file holds no secret.
            { key: 'OAUTH2_PROXY_CLIENT_SECRET', value: secretRef('OAUTH2_PROXY_CLIENT_SECRET') },
            ...(production ? productionDatabaseEnv() : [{ key: 'KEYCLOAK_DEMO_PASSWORD', value: secretRef('KEYCLOAK_DEMO_PASSWORD') }]),
            ...(ci ? [{ key: CI_CLIENT_SECRET, value: secretRef(CI_CLIENT_SECRET) }] : []),
          ],
          ports: [],
          volumes: [
            ...(production ? [] : [{ type: 'volume' as const, source: KEYCLOAK_DATA_VOLUME, target: KEYCLOAK_DATA_DIR, readOnly: false }]),
            { type: 'bind', source: './keycloak', target: REALM_IMPORT_DIR, readOnly: true },
          ],
          networks: [{ name: IDENTITY_NETWORK, aliases: [] }],
          dependsOn: production ? [{ service: KEYCLOAK_DB.service, condition: 'service_healthy' }] : [],
          // The image has bash but no HTTP client; health is served on the management port 9000.
          healthcheck: healthcheck(
            ['CMD', 'bash', '-c', "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"],
            '60s',
          ),
          startsIn: production ? 'a minute or two (at its first start it builds itself for PostgreSQL)' : 'about a minute',
          listensOn: KEYCLOAK_PORT,
        },
        ...(production ? [keycloakDatabase(spec.database.type === 'postgres' ? spec.database.version : DEFAULT_POSTGRES_MAJOR)] : []),
      ],
      volumes: [production ? KEYCLOAK_DB.volume : KEYCLOAK_DATA_VOLUME],
      secrets: [
        {
          name: 'KEYCLOAK_ADMIN_PASSWORD',
          alias: 'keycloak-admin',
          purpose: 'Password of the Keycloak bootstrap admin',
          bytes: 24,
          source: { generate: true },
          usedBy: ['keycloak'],
          afterRotate: keptByKeycloak("the admin's password", setUserPassword('KEYCLOAK_ADMIN_PASSWORD', 'master', KEYCLOAK_ADMIN_USER), true),
        },
        ...(production
          ? [keycloakDatabaseSecret()]
          : [
              {
                name: 'KEYCLOAK_DEMO_PASSWORD',
                alias: 'demo-password',
                purpose: `Password of the demo user "${idp.demoUser}"`,
                bytes: 18,
                source: { generate: true as const },
                usedBy: ['keycloak'],
                afterRotate: keptByKeycloak(`the password of "${idp.demoUser}"`, setUserPassword('KEYCLOAK_DEMO_PASSWORD', idp.realm, idp.demoUser)),
              },
            ]),
        ...(ci
          ? [
              {
                name: CI_CLIENT_SECRET,
                alias: 'ci-client-secret',
                purpose: `Client secret of "${ci.clientId}", the client CI gets access tokens as (client credentials)`,
                bytes: 32,
                source: { generate: true as const },
                usedBy: ['keycloak'],
                afterRotate: keptByKeycloak(`the secret of "${ci.clientId}"`, setClientSecret(CI_CLIENT_SECRET, idp.realm, ci.clientId)),
              },
            ]
          : []),
      ],
      files: [
        file(imported.file, production ? 'the realm, client and role Keycloak imports at its first start' : 'the development realm, client and demo user Keycloak imports', () => `${JSON.stringify(imported.json, null, 2)}\n`, {
          afterChange: {
            when: 'after',
            text: `Keycloak imports ${imported.file} only while the realm does not exist and keeps its own copy since. Give its client the addresses from the file:`,
            command: setClientSettings(imported.name, imported.clientId, imported.addresses),
            then: `roles and people in the file are not imported again: add them in the admin console (${urls.admin}).`,
          },
        }),
      ],
      firstSignIn: production
        ? [`nobody can sign in yet: add people in Keycloak's admin console first (NEXT_STEPS.md, "Add people")`, 'nothing to register at the IdP: Keycloak imports the realm at first start']
        : [`sign in as "${idp.demoUser}"; the password is KEYCLOAK_DEMO_PASSWORD in .env`, 'nothing to register at the IdP: Keycloak imports the realm at first start'],
      nextSteps: [
        { order: 20, title: 'Sign in', template: 'identity/keycloak/steps/sign-in', view: { urls, demoUser: production ? undefined : idp.demoUser, proxy } },
        {
          order: 40,
          title: 'What is registered at the identity provider',
          template: 'identity/keycloak/steps/registered',
          view: { realmFile: imported.file, realm: imported.name, clientId: imported.clientId, urls, role: idp.allowedRoles[0] },
        },
        {
          order: 50,
          title: 'Add people',
          template: 'identity/keycloak/steps/add-people',
          view: { realm: imported.name, role: idp.allowedRoles[0], urls, volume: production ? KEYCLOAK_DB.volume : KEYCLOAK_DATA_VOLUME, tunnelPort: production ? KEYCLOAK_ADMIN_PORT : undefined },
        },
      ],
    };
  },
  validate: validateRealm,
};

