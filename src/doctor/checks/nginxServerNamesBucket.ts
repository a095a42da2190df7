/**
 * nginx keeps server names in a hash whose buckets must each hold one name:
 * with the default server_names_hash_bucket_size (64), a name of about 47
 * characters or more makes nginx refuse to start ("could not build
 * server_names_hash") once several servers share an address. The size needed is computed as the generator sizes it
 * (components/proxy/nginx/facts.ts).
 */
import { DEFAULT_SERVER_NAMES_BUCKET, serverNamesBucket } from '../../components/proxy/nginx/facts.js';
import type { NginxDirective } from '../load/model.js';
import { defineCheck } from './check.js';
import { hasNginxServers } from './util/nginx.js';

const ID = 'nginx-server-names-bucket';

/** Exact and wildcard names (nginx hashes both with the same bucket size); regexes and `_` are not hashed by length. */
function hashedNames(servers: NginxDirective[]): string[] {
  return servers
    .flatMap((server) => (server.block ?? []).filter((d) => d.name === 'server_name').flatMap((d) => d.args))
    .filter((name) => name !== '_' && name !== '' && !name.startsWith('~'))
    .map((name) => name.replace(/^\*?\./, '').replace(/\.\*$/, ''));
}

export const nginxServerNamesBucket = defineCheck(
  {
    id: ID,
    title: 'nginx can hash every server name',
    severity: 'error',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    for (const config of model.nginx) {
      for (const http of config.directives.filter((d) => d.name === 'http')) {
        const servers = (http.block ?? []).filter((d) => d.name === 'server');
        // nginx builds the names hash only where several servers share an address: one server alone is never looked up by name.
        if (servers.length < 2) continue;
        const names = hashedNames(servers);
        if (names.length === 0) continue;
        const set = (http.block ?? []).find((d) => d.name === 'server_names_hash_bucket_size');
        const have = set ? Number(set.args[0]) : DEFAULT_SERVER_NAMES_BUCKET;
        const need = Number(serverNamesBucket(names));
        if (!Number.isFinite(have) || have >= need) continue;
        const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
        report.add('error', set?.at ?? http.at, {
          message: `the server name ${longest} (${longest.length} characters) does not fit server_names_hash_bucket_size ${have}${set ? '' : ' (the default)'}`,
          why: 'nginx refuses to start: "could not build server_names_hash, you should increase server_names_hash_bucket_size"',
          fix: `in the http block: server_names_hash_bucket_size ${need};`,
        });
      }
    }
  },
);
