/** Facts about Redis as Prefect's messaging (prefect_redis; settings read in prefect/settings/models/server). */

export const REDIS_IMAGE = 'redis:7.4.11-alpine';
export const REDIS_PORT = 6379;
export const REDIS_SERVICE = 'redis';

/** Where Prefect finds the CA of your Redis. */
export const REDIS_CA_IN_CONTAINER = '/etc/prefect-secure/redis-ca.pem';

/**
 * What moves from each process's memory into Redis: the events broker and
 * cache, causal ordering of events, concurrency leases and the worker
 * channel's cleanup queue (prefect_redis modules), and Docket's task queue
 * (its own database number, as Prefect's self-hosting guide suggests).
 */
export const REDIS_MODULES: readonly { key: string; module: string }[] = [
  { key: 'PREFECT_SERVER_EVENTS_MESSAGING_BROKER', module: 'prefect_redis.messaging' },
  { key: 'PREFECT_SERVER_EVENTS_MESSAGING_CACHE', module: 'prefect_redis.messaging' },
  { key: 'PREFECT_SERVER_EVENTS_CAUSAL_ORDERING', module: 'prefect_redis.ordering' },
  { key: 'PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE', module: 'prefect_redis.lease_storage' },
  { key: 'PREFECT_SERVER_WORKER_CHANNEL_CLEANUP_QUEUE_STORAGE', module: 'prefect_redis.cleanup_queue' },
];

export const MESSAGING_DB = 0;
export const DOCKET_DB = 1;
