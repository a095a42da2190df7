/**
 * The normalized stack every check reads. The loader builds it once from a
 * folder; checks never touch the file system. Every value keeps the file and
 * line it came from, so a finding can point at the line to change.
 */
import type { Finding, SourcePosition } from '../types.js';

/** A value and where it was written. */
export interface Located<T = string> {
  value: T;
  at: SourcePosition;
}

/** One environment variable of a service, after compose's interpolation. */
export interface EnvVar {
  name: string;
  /** The value the container sees; undefined when the service passes an unset variable through. */
  value: string | undefined;
  /** Where the variable is set for this service (compose file or env_file line). */
  at: SourcePosition;
  origin: 'environment' | 'env_file';
  /** The text as written, before interpolation. */
  raw: string;
  /** Variables of `.env` the value was interpolated from, e.g. `${OAUTH2_PROXY_COOKIE_SECRET}`. */
  refs: string[];
  /** Where the value itself is written, when it came whole from one `.env` variable. */
  valueAt?: SourcePosition;
  /** Written as `- KEY=value` in a list (quotes there become part of the value). */
  listForm?: boolean;
}

export interface PortMapping {
  hostIp?: string;
  /** Host port (or range) as written; undefined when only a container port is given (random host port). */
  published?: string;
  /** Container port. */
  target?: number;
  raw: string;
  at: SourcePosition;
}

export interface ServiceNetwork {
  name: string;
  aliases: Located[];
  at: SourcePosition;
}

export interface Volume {
  type: string;
  /** Source as written (host path or volume name). */
  source?: string;
  /** For bind mounts inside the checked folder: the path relative to it. */
  hostPath?: string;
  target: string;
  at: SourcePosition;
}

export interface Label {
  key: string;
  /** Value after compose's interpolation. */
  value: string;
  /** Value as written, before interpolation (a Traefik hash needs every `$` doubled here). */
  raw: string;
  at: SourcePosition;
}

export interface Service {
  name: string;
  at: SourcePosition;
  image?: Located;
  /** argv, one entry per argument (a string command is split like a shell would). */
  command: Located[];
  entrypoint: Located[];
  environment: Map<string, EnvVar>;
  ports: PortMapping[];
  /** Networks the service joins; the project `default` network when none is listed. */
  networks: ServiceNetwork[];
  networkMode?: Located;
  extraHosts: Located[];
  labels: Label[];
  volumes: Volume[];
}

export interface Network {
  name: string;
  internal: boolean;
  external: boolean;
  at?: SourcePosition;
}

/** One directive of an nginx file; blocks carry their children. */
export interface NginxDirective {
  name: string;
  args: string[];
  at: SourcePosition;
  block?: NginxDirective[];
}

export interface NginxConfig {
  file: string;
  /** Compose services that mount this file. */
  services: string[];
  directives: NginxDirective[];
}

export interface TraefikRouter {
  name: string;
  rule?: Located;
  ruleSyntax?: string;
  entryPoints: string[];
  middlewares: string[];
  service?: string;
  /** The service is one of Traefik's own (`api@internal`, `dashboard@internal`). */
  internalService?: boolean;
  tls: boolean;
  /** The compose service whose labels declare it, for label routers. */
  owner?: string;
  at: SourcePosition;
}

export interface TraefikMiddleware {
  name: string;
  /** forwardAuth, basicAuth, … as Traefik spells it. */
  kind: string;
  options: Map<string, Located>;
  owner?: string;
  at: SourcePosition;
}

export interface TraefikEntryPoint {
  name: string;
  address?: Located;
  trustedIPs: Located[];
  at: SourcePosition;
}

export interface TraefikService {
  name: string;
  /** First server URL (`http://host:port`); for label services, built from the owner and its port label. */
  url?: string;
  /** Every server URL, when the load balancer has more than one. */
  urls?: string[];
  owner?: string;
}

export interface TraefikModel {
  /** The compose service running Traefik, if any. */
  service?: string;
  majorVersion?: number;
  defaultRuleSyntax?: Located;
  /** `api.insecure`: the dashboard and API served on the entry point named traefik (port 8080), with no router and no auth. */
  apiInsecure?: Located;
  entryPoints: TraefikEntryPoint[];
  routers: TraefikRouter[];
  middlewares: TraefikMiddleware[];
  services: TraefikService[];
  files: string[];
}

export interface CaddyDirective {
  name: string;
  args: string[];
  at: SourcePosition;
  block?: CaddyDirective[];
}

export interface CaddySite {
  addresses: string[];
  at: SourcePosition;
  directives: CaddyDirective[];
}

export interface CaddyFile {
  file: string;
  services: string[];
  sites: CaddySite[];
}

/** An oauth2-proxy setting after merging flags, environment and the config file (in that precedence). */
export interface OAuth2ProxySetting {
  /** Config-file key, e.g. `oidc_issuer_url`. */
  key: string;
  value: string | string[] | boolean;
  at: SourcePosition;
  via: 'flag' | 'env' | 'cfg';
  /** The name as written: `--oidc-issuer-url`, `OAUTH2_PROXY_OIDC_ISSUER_URL` or `oidc_issuer_url`. */
  name: string;
  /** `.env` variables the value came from. */
  refs: string[];
  valueAt?: SourcePosition;
}

export interface OAuth2ProxyInstance {
  /** The compose service, or undefined for a config file no service mounts. */
  service?: string;
  at: SourcePosition;
  configFile?: string;
  settings: Map<string, OAuth2ProxySetting>;
  /** Every line of the config file, including ones the environment or flags override. */
  fileSettings: OAuth2ProxySetting[];
}

/** A Keycloak option from `--name=value` in the command or `KC_NAME` in the environment. */
export interface KeycloakOption {
  name: string;
  value: string;
  at: SourcePosition;
  via: 'flag' | 'env';
  written: string;
}

export interface RealmImport {
  file: string;
  realm?: string;
  clients: { clientId: string; redirectUris: Located[] }[];
  /** "Forgot password?" on the sign-in page (the realm's resetPasswordAllowed). */
  resetPasswordAllowed?: boolean;
}

export interface KeycloakInstance {
  service: string;
  at: SourcePosition;
  image?: Located;
  /** Major version from the image tag; undefined for `latest` or no tag. */
  majorVersion?: number;
  /** The official image (quay.io/keycloak/keycloak or keycloak/keycloak); vendor images use their own variables. */
  official: boolean;
  /** `start-dev`, `start`, … with its position. */
  mode?: Located;
  options: Map<string, KeycloakOption>;
  environment: Map<string, EnvVar>;
  realms: RealmImport[];
}

export type PrefectRole = 'server' | 'client';

export interface PrefectService {
  service: string;
  role: PrefectRole;
  /** A server process that answers the API (`prefect server start`), not `server services start` or `server database upgrade`. */
  serves: boolean;
  at: SourcePosition;
  /** Runs the API without the UI/services split, or `server start` with flags. */
  command: Located[];
  environment: Map<string, EnvVar>;
}

/** A PREFECT_* setting read from profiles.toml, prefect.toml or pyproject.toml. */
export interface PrefectFileSetting {
  name: string;
  value: string;
  at: SourcePosition;
}

export interface PrefectProfile {
  file: string;
  name: string;
  at: SourcePosition;
  settings: Map<string, PrefectFileSetting>;
}

export interface PrefectTomlFile {
  file: string;
  /** Nested settings mapped to their environment names, e.g. `[api] url` -> PREFECT_API_URL. */
  settings: Map<string, PrefectFileSetting>;
  /** Flat `PREFECT_*` keys, which Prefect ignores in these files. */
  flatKeys: PrefectFileSetting[];
}

/** One `user:hash` line of an htpasswd file. */
export interface PasswordEntry {
  user: string;
  hash: string;
  at: SourcePosition;
}

export interface PasswordFile {
  file: string;
  entries: PasswordEntry[];
}

export interface StackModel {
  /** The folder as the user named it. */
  root: string;
  /** Every file the loader read, relative to the root. */
  files: string[];
  composeFiles: string[];
  /** Variables of the project `.env`. */
  dotenv: Map<string, Located>;
  services: Service[];
  networks: Map<string, Network>;
  nginx: NginxConfig[];
  traefik: TraefikModel;
  caddy: CaddyFile[];
  oauth2Proxies: OAuth2ProxyInstance[];
  keycloaks: KeycloakInstance[];
  prefect: { services: PrefectService[]; profiles: PrefectProfile[]; tomlFiles: PrefectTomlFile[] };
  /** htpasswd files of the folder (nginx auth_basic_user_file, Traefik usersFile, oauth2-proxy htpasswd_file). */
  passwordFiles: PasswordFile[];
  /** Files of the folder its .gitignore keeps out of the repository (where credentials belong). */
  gitIgnored: string[];
  /** `target` of a prefect-secure.yaml in the folder, when there is one. */
  specTarget?: string;
  /** Broken input found while loading; the `input-*` checks report them. */
  problems: Finding[];
}
