/** Facts about Prefect's API that the proxy must honour (see FIELD-NOTES). */

/** WebSocket endpoints: the proxy must pass Upgrade/Connection and must not buffer them. */
export const PREFECT_SOCKET_PATHS = [
  '/api/events/in',
  '/api/events/out',
  '/api/logs/out',
  '/api/task_runs/subscriptions/scheduled',
  '/api/work_pools/{name}/workers/connect',
];

/**
 * Clients send log batches of up to PREFECT_LOGGING_TO_API_BATCH_SIZE
 * (4,000,000 bytes by default); nginx's 1m default would answer 413 and the
 * client would silently drop the batch.
 */
export const API_BODY_LIMIT = '16m';

/** PREFECT_LOGGING_TO_API_BATCH_SIZE's default: the largest body a client sends (src/prefect/settings/models/logging.py). */
export const PREFECT_LOG_BATCH_BYTES = 4_000_000;

/** Long-lived sockets and long polls: an hour before the proxy gives up on a quiet connection. */
export const STREAM_TIMEOUT = '3600s';

export const PREFECT_PORT = 4200;

/** Prefect's own health endpoint: the server answers it without its auth string, so probes need no credential. */
export const PREFECT_HEALTH_PATH = '/api/health';

/**
 * `prefect server start` closes a connection idle for this long
 * (PREFECT_SERVER_API_KEEPALIVE_TIMEOUT, uvicorn's timeout_keep_alive; default 5).
 * A proxy that keeps connections to it must drop them sooner, or it reuses one
 * the server is closing and answers a request with 502.
 */
export const PREFECT_KEEPALIVE_SECONDS = 5;

export const prefectImage = (image: string, version: string, python: string) => `${image}:${version}-python${python}`;

/** The tag compose gives the image it builds from prefect/Dockerfile (the pinned image plus an integration). */
export const builtPrefectImage = (project: string, version: string, python: string) => `${project}-prefect:${version}-python${python}`;

/**
 * The integrations a stack installs into its Prefect image, pinned: each the
 * first release with what the stack uses or later, resolved together with
 * Prefect 3.8.3 (scripts/install-components.sh installs the same set).
 * prefect-azure 0.4.12: the managed-identity sign-in plugin (PrefectHQ/prefect#22420);
 * prefect-aws ≥ 0.7.2: the RDS IAM plugin (#19580). prefect-redis comes with the
 * image (prefect[redis], Prefect's Dockerfile PREFECT_EXTRAS).
 */
export const PREFECT_INTEGRATIONS = { azure: 'prefect-azure==0.4.12', aws: 'prefect-aws==0.7.11' } as const;

/**
 * The image runs as root; the server needs no root. It runs as this user
 * instead, with its home and the UI files it rewrites at start (by default
 * inside site-packages, prefect/server/api/server.py create_ui_app) in /tmp,
 * the one place the image lets any user write. HOME too: some defaults
 * (the memo store) are taken from ~/.prefect, not PREFECT_HOME. Prefect
 * creates PREFECT_HOME without its parents (prefect/context.py,
 * `home.mkdir(exist_ok=True)`), so it sits right in /tmp: under a folder
 * that does not exist it is never created, and SQLite's file with it (the
 * real Prefect said so: "unable to open database file").
 */
export const PREFECT_USER = '10001:10001';
export const PREFECT_WRITABLE = { home: '/tmp', prefectHome: '/tmp/.prefect', uiStatic: '/tmp/prefect-ui' } as const;
