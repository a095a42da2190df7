/**
 * A component is one choice of the spec (a proxy, an identity provider, a
 * database, machine access, a target) or a part every stack has (the core,
 * Prefect). It says when it applies, declares what it can do (capabilities
 * other components decide by), and contributes its fragment of the plan:
 * services, files with the view each is laid out from, secrets, URLs and who
 * answers them, NEXT_STEPS sections, warnings, and validators of its own
 * rendered files. The plan folds the fragments of the components in use;
 * render walks the planned files; validate runs every component's validators.
 */
import type { Spec } from '../config/schema.js';
import type {
  CfgValue,
  Capabilities,
  ClientProfilePlan,
  Concern,
  MachineUserPlan,
  NetworkPlan,
  Plan,
  PlannedFile,
  ProvidedFile,
  Reachability,
  RoutePlan,
  FollowUpStep,
  SecretPlan,
  ServicePlan,
} from '../plan/types.js';

export type { Capabilities, Concern, FileRenderInput, PlannedFile, FollowUpStep } from '../plan/types.js';
import type { IdentityUrls, Urls } from '../plan/urls.js';





export interface NextStepsSection {
  /** Sections are numbered in this order. */
  order: number;
  title: string;
  /** The template (a partial of NEXT_STEPS.md) that lays the section out. */
  template: string;
  /** The view, or how to compute it from the whole plan once every component has contributed. */
  view: object | ((plan: Plan) => object);
}

export interface Fragment {
  services?: ServicePlan[];
  networks?: NetworkPlan[];
  volumes?: string[];
  files?: PlannedFile[];
  secrets?: SecretPlan[];
  machineUsers?: MachineUserPlan[];
  clients?: ClientProfilePlan[];
  reachability?: Reachability[];
  routes?: RoutePlan[];
  nextSteps?: NextStepsSection[];
  /** What `init` prints about signing in for the first time, after "open <UI URL>". */
  firstSignIn?: string[];
  /** Commands to run in the stack folder before the first `docker compose up`; init prints them first. */
  beforeStart?: string[];
  /** Choices that are allowed but cost something; init prints them. */
  warnings?: string[];
  /** doctor checks that report what one of those warnings already said (the rendered stack's self-check lets them pass; a user's doctor still reports them). */
  acknowledgedChecks?: string[];
  /** Files a person puts into the stack folder (TLS certificates); `secret` ones are git-ignored. */
  provided?: ProvidedFile[];
  /** Public names that must resolve to this address on the computer running the stack; init checks them. */
  localNames?: LocalName[];
}

export interface LocalName {
  name: string;
  address: string;
}

/** What oauth2-proxy and the rest of the stack need to know about the identity provider. */
export interface IdentityFacts {
  urls: IdentityUrls;
  /** oauth2-proxy's `provider` and the name on its sign-in button. */
  provider: string;
  displayName: string;
  /** The OIDC/OAuth client oauth2-proxy signs in with, and where its secret comes from. */
  clientId: string;
  clientSecret: SecretPlan['source'];
  /**
   * The provider's own oauth2-proxy settings: who may sign in (roles, groups,
   * org, domains) and the claims and scopes that carry it.
   */
  settings: ProviderSetting[];
  /** Warnings of choices that are allowed but cost something (a plain-http issuer). */
  warnings?: string[];
  /** The form parameters of a client-credentials token request besides grant_type (machineAccess.tokens). */
  tokenParams?: string[];
  /** What to register for CI's client (machineAccess.tokens), when the stack does not bring it. */
  tokenRegistration?: string[];
  /** The compose service of a bundled provider, which shares the OIDC client secret. */
  service?: string;
  /** A bundled provider behind the proxy: the port it listens on and the public names the proxy answers for it. */
  bundled?: {
    port: number;
    host: string;
    adminHost: string;
    headerBuffersNote: string;
    /** The admin console on a port of its own, published on the host's loopback only (the server target), instead of on `adminHost` at the main port. */
    adminPort?: number;
  };
  /** What else rotating the shared client secret needs. */
  clientSecretRotation?: FollowUpStep;
}

export interface ProviderSetting {
  key: string;
  value: CfgValue;
  why?: string;
}

export interface PlanContext {
  spec: Spec;
  urls: Urls;
  identity: IdentityFacts;
  capabilities: Capabilities;
  /** The components in use, by concern (core and prefect are always there). */
  chosen: Partial<Record<Concern, string>>;
}

/** A finding of a component's own check of the rendered files: our bug, never the user's. */
export interface RenderFinding {
  file: string;
  message: string;
}

/** The rendered stack as validators see it: each file's text, and its parsed form where it has one. */
export interface RenderedView {
  plan: Plan;
  text(path: string): string | undefined;
  parsed(path: string): unknown;
}

export interface Component {
  id: string;
  concern: Concern;
  /** Does the spec choose this component? Core and Prefect components always apply. */
  appliesTo(spec: Spec): boolean;
  capabilities?: Partial<Capabilities> | ((spec: Spec) => Partial<Capabilities>);
  /** An identity provider's issuer, URLs and how oauth2-proxy talks to it (identity components only). */
  identity?(spec: Spec, scheme: Capabilities['scheme']): IdentityFacts;
  plan(ctx: PlanContext): Fragment;
  validate?(rendered: RenderedView): RenderFinding[];
}
