/**
 * Every component, one registration line each. The order is the order of
 * their parts in the stack: services in docker-compose.yml, secrets in .env,
 * files, warnings. A component is used when it applies to the spec; each
 * concern but core and prefect has exactly one in use.
 */
import { acme } from './certificates/acme/index.js';
import { core } from './core/index.js';
import { postgres } from './database/postgres/index.js';
import { awsDatabase, azureDatabase, externalDatabase } from './database/remote/index.js';
import { sqlite } from './database/sqlite/index.js';
import { redis } from './scale/redis/index.js';
import { auth0 } from './identity/auth0/index.js';
import { entra } from './identity/entra/index.js';
import { github } from './identity/github/index.js';
import { gitlab } from './identity/gitlab/index.js';
import { google } from './identity/google/index.js';
import { keycloak } from './identity/keycloak/index.js';
import { keycloakExternal } from './identity/keycloakExternal/index.js';
import { oidc } from './identity/oidc/index.js';
import { okta } from './identity/okta/index.js';
import { basicAuth } from './machineAccess/basicAuth/index.js';
import { githubActions } from './machineAccess/githubActions/index.js';
import { noMachineAccess } from './machineAccess/none/index.js';
import { machineTokens } from './machineAccess/tokens/index.js';
import { prefect } from './prefect/index.js';
import { caddy } from './proxy/caddy/index.js';
import { nginx } from './proxy/nginx/index.js';
import { traefik } from './proxy/traefik/index.js';
import { oauth2Proxy } from './sso/oauth2Proxy/index.js';
import { localTarget } from './target/local/index.js';
import { serverTarget } from './target/server/index.js';
import type { Component } from './types.js';

export const COMPONENTS: readonly Component[] = [
  core,
  localTarget,
  serverTarget,
  acme,
  postgres,
  externalDatabase,
  azureDatabase,
  awsDatabase,
  sqlite,
  redis,
  nginx,
  caddy,
  traefik,
  oauth2Proxy,
  keycloak,
  keycloakExternal,
  entra,
  okta,
  auth0,
  google,
  github,
  gitlab,
  oidc,
  basicAuth,
  noMachineAccess,
  machineTokens,
  githubActions,
  prefect,
];
