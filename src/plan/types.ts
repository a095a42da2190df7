/**
 * The plan: every decision about the stack, made once in typed code.
 * Templates only lay it out; validators and tests read it to prove properties.
 */
import type { Spec } from '../config/schema.js';
import type { HashScheme } from '../secrets/htpasswd.js';
import type { RandomSource } from '../secrets/random.js';
import type { Urls } from './urls.js';

/** A value in docker-compose.yml: a literal, or a reference to a variable of the stack's `.env`. */
export type ComposeValue =
  | { literal: string }
  /** `${NAME}` from `.env`, with optional literal text around it (a URL that embeds a password). */
  | { secret: string; prefix?: string; suffix?: string };

export interface ServicePlan {
  name: string;
  /** How NEXT_STEPS names it (`Keycloak`); the service name when absent. */
  title?: string;
  /** How long it takes to become healthy, when a person would wonder (`about a minute`). */
  startsIn?: string;
  /** Why the service is there, written as a comment above it. */
  purpose: string;
  image: string;
  /** Replaces the image's entrypoint (a shell running a script of the stack, where the image's is the program itself). */
  entrypoint?: string[];
  command?: string[];
  /** `uid:gid` to run as, where the image runs as root but the program needs no root. */
  user?: string;
  /** `no`: a one-shot task (migrations) that runs to completion; dependents wait for its success. */
  restart: 'unless-stopped' | 'no';
  environment: { key: string; value: ComposeValue }[];
  ports: { bind: string; published: number; target: number }[];
  volumes: { type: 'bind' | 'volume'; source: string; target: string; readOnly: boolean }[];
  networks: { name: string; aliases: string[] }[];
  dependsOn: { service: string; condition: 'service_healthy' | 'service_started' | 'service_completed_successfully' }[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; startPeriod: string };
  /** Port the service listens on inside its container (none for a companion that only calls out). */
  listensOn?: number;
  /** Built from a Dockerfile of the stack (FROM the pinned image) and tagged `image`. */
  build?: { context: string; dockerfile: string };
}

/** What a database component gives every Prefect server process (API replicas, services, migrations). */
export interface DatabaseCapability {
  /** Prefect's connection settings: URL or parts, TLS, sign-in plugin. */
  environment: ServicePlan['environment'];
  /** Files the connection reads (a CA), mounted read-only. */
  volumes: ServicePlan['volumes'];
  dependsOn: ServicePlan['dependsOn'];
  /** Integrations the Prefect image must contain besides Prefect (a sign-in plugin), as pip requirements. */
  packages: string[];
  /** Outside the stack: Prefect needs a network with a way out to reach it. */
  outside: boolean;
}

/** What Redis gives every Prefect server process. */
export interface MessagingCapability {
  environment: ServicePlan['environment'];
  volumes: ServicePlan['volumes'];
  dependsOn: ServicePlan['dependsOn'];
  outside: boolean;
}

export interface NetworkPlan {
  name: string;
  internal: boolean;
  purpose: string;
}

/**
 * A URL some party calls, and which service answers it. The no-split-brain
 * property: every URL that both the browser and a container use must lead to
 * the same service on the same port from both sides.
 */
export interface Reachability {
  url: string;
  /** `browser`, or the compose service that calls the URL. */
  caller: string;
  service: string;
  port: number;
  how: string;
}

/** A credential the proxy accepts on a public route. */
export interface Gate {
  kind: 'sso' | 'basic' | 'token' | 'jwt';
  /** The service the proxy asks (an oauth2-proxy), when the proxy does not check it itself. */
  by?: string;
  /** Who issues the credential, when it is not the stack's identity provider (GitHub's OIDC issuer). */
  issuer?: string;
}

/** What the proxy lets through on one public host, and to whom. */
export interface RoutePlan {
  /** Host and port as clients address it (`prefect.localtest.me:8080`; no port when it is the scheme's). */
  authority: string;
  /** What it serves there, in a few words. */
  serves: string;
  /** Prefect (which must be gated), oauth2-proxy's sign-in, or an identity provider's own pages. */
  kind: 'prefect' | 'sign-in' | 'identity';
  /** The compose services that answer (every API replica). */
  services: string[];
  /** Any one of them lets a request through; none: the route is open (sign-in pages). */
  gates: Gate[];
  /** Prefect checks its own auth string as well (machineAccess.serverAuthString). */
  prefectAuthString?: boolean;
  /** Published on the server's loopback only (reached through an SSH tunnel). */
  loopbackOnly?: boolean;
}

/** A file the stack uses that a person provides, not the generator (a certificate and its key). */
export interface ProvidedFile {
  path: string;
  what: string;
  secret: boolean;
  /** The NEXT_STEPS.md section that says where it comes from. */
  section: string;
}

/** A secret a person supplies as `env:NAME` in the spec field `field`. */
export interface EnvSource {
  env: string;
  field: string;
  /**
   * Kept in `.env` for the services (a client secret the provider issued), so
   * later renders reuse it; or only consumed while rendering (a chosen
   * password becomes a hash) and read from the environment every time.
   */
  store: boolean;
  /** The fewest characters the value may have. */
  minLength: number;
  /** What the variable should hold, for the message when it is not set. */
  holds: string;
  /** What to do when the value holds a character .env cannot carry (default: copy it again from the provider). */
  charsetHint?: string;
  /** Characters the value must not hold (it goes into a URL as it is), and why. */
  forbidden?: { chars: string; why: string };
}

/** A secret the stack needs; its value lives in `.env` (mode 0600), never in the spec or compose file. */
export interface SecretPlan {
  /** Variable name in `.env`. */
  name: string;
  purpose: string;
  /** Random bytes; the value is their URL-safe base64. */
  bytes: number;
  /** Where the value comes from: generated here, or the named environment variable at render time. */
  source: { generate: true } | EnvSource;
  /** Services that must restart when it changes. */
  usedBy: string[];
  /** Short name for `prefect-secure rotate`. */
  alias: string;
  /** What else a rotation needs beyond recreating `usedBy`. */
  afterRotate: FollowUpStep;
}

/**
 * A step a rotated secret or a changed file needs besides recreating the
 * services: said to people, listed in `--json` (followUps), and its command
 * run as printed (in the stack folder) by a test.
 */
export interface FollowUpStep {
  /**
   * `before`: while the services still run with the old values (a system that
   * keeps its own copy of the secret is told the new one by the old); `after`:
   * once they are recreated.
   */
  when: 'before' | 'after';
  text: string;
  /** A shell command, run in the stack folder exactly as printed. */
  command?: string;
  /** What follows the command. */
  then?: string;
  /** Runs after every other step of its kind: it changes the credential the others sign in with. */
  last?: boolean;
}

export interface MachineUserPlan {
  name: string;
  secret: string;
  /** Generated random secrets get a fast salted hash; a chosen password gets bcrypt (see secrets/htpasswd.ts). */
  hash: HashScheme;
}

export interface ClientProfilePlan {
  name: string;
  user: string;
  apiUrl: string;
  /** Links the CLI and workers print ("View at …") open the UI host; Prefect would derive them from the API URL, the machine host, which serves no UI. */
  uiUrl: string;
  /** An internal CA the client must trust (PREFECT_API_SSL_CERT_FILE), relative to the stack folder: Prefect trusts certifi, not the system store. */
  caFile?: string;
}

export type CfgValue = string | boolean | number | string[];

export interface FilePlan {
  path: string;
  mode: 0o600 | 0o644;
  /** Holds secret values: git-ignored and mode 0600. */
  secret: boolean;
  /** Kept out of git: every secret file, and files that must not be shared though they hold no secret value. */
  gitIgnored: boolean;
  purpose: string;
  /** What a running stack needs when the file changed, besides recreating the services that mount it. */
  afterChange?: FollowUpStep;
}

export interface Plan {
  spec: Spec;
  project: string;
  urls: Urls;
  /** The components in use, in registry order. */
  components: { id: string; concern: Concern }[];
  capabilities: Capabilities;
  services: ServicePlan[];
  networks: NetworkPlan[];
  volumes: string[];
  secrets: SecretPlan[];
  machineUsers: MachineUserPlan[];
  clients: ClientProfilePlan[];
  reachability: Reachability[];
  /** What the proxy serves on each public host, behind which gate. */
  routes: RoutePlan[];
  /** The identity provider people sign in with: its name, and its compose service when the stack brings it. */
  identity: { displayName: string; issuer?: string; service?: string };
  files: PlannedFile[];
  /** NEXT_STEPS.md's sections, numbered, each with its computed view. */
  nextSteps: { number: number; title: string; template: string; view: object }[];
  /** What `init` prints about signing in for the first time. */
  firstSignIn: string[];
  /** Commands to run in the stack folder before the first `docker compose up` (init prints them first). */
  beforeStart: string[];
  /** Choices that are allowed but cost something; init prints them. */
  warnings: string[];
  /** doctor checks that report a choice a warning already named: the self-check lets them pass. */
  acknowledgedChecks: string[];
  /** Files a person puts into the stack folder (TLS certificates); `secret` ones are git-ignored. */
  provided: ProvidedFile[];
  /** Public names that must resolve to an address on this computer (the local target's *.localtest.me). */
  localNames: { name: string; address: string }[];
}

/** The value of each secret, by its `.env` name. */
export type SecretValues = Record<string, string>;

export type Concern = 'core' | 'target' | 'proxy' | 'sso' | 'identity' | 'database' | 'messaging' | 'machineAccess' | 'machineTokens' | 'certificates' | 'prefect';

/** What a component can do, where another component's decision depends on it. */
export interface Capabilities {
  /**
   * Password-hash formats the proxy verifies natively, fastest first: a
   * generated machine password gets the first, a chosen one the slowest
   * salted format in the list (see secrets/htpasswd.ts).
   */
  passwordHashes: HashScheme[];
  /** URL scheme the target serves the public hosts on. */
  scheme: 'http' | 'https';
  /** Where a CI job must run to reach the machine host. */
  /** The group the proxy process runs as: it reads the TLS key through it. None when the proxy runs as its container's root. */
  proxyGroup?: string;
  /** The proxy remembers a successful password check (Caddy), so a slow hash costs once, not per request. */
  passwordCache?: boolean;
  /** The proxy obtains its own certificates by ACME (Caddy, Traefik); otherwise a lego companion does. */
  ownAcme?: boolean;
  ci: { runsOn: string; reachNote: string; /** Ends NEXT_STEPS' "A runner must reach <machine host>: …" */ runnerNote: string };
  /** The database every Prefect server process connects to. */
  database: DatabaseCapability;
  /** Redis for Prefect's messaging (scale.redis): present, Prefect runs split into API replicas, one services process and migrations. */
  messaging?: MessagingCapability;
  /** The compose service that publishes the stack's port and answers every public name. */
  proxyService: string;
}

/** What render gives a file that holds secret values or keeps bytes the stack already has. */
export interface FileRenderInput {
  plan: Plan;
  secrets: SecretValues;
  random: RandomSource;
  /** The spec as the user wrote it, or the preset input. */
  specSource: { text: string } | { input: object };
  /** A file as the stack holds it now (before this render), for files that keep what still matches (salts). */
  existing(path: string): string | undefined;
}

export interface PlannedFile extends FilePlan {
  /** Listed after every other file (NEXT_STEPS.md, which describes them all). */
  last?: boolean;
  /** Lays the file out: a template with the view the component computed, or a serialiser. */
  render(input: FileRenderInput): string;
}
