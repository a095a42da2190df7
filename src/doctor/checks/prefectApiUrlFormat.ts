/**
 * PREFECT_API_URL must end in /api, the API's base path: anything else sends
 * every request to a path the server does not serve. A trailing "/" after it
 * is only style in Prefect 3: httpx joins the base URL and each path without
 * doubling the slash (httpx/_client.py _merge_url), and the socket URLs strip
 * it (prefect/events/clients.py, prefect/logging/clients.py http_to_ws); other
 * tools that append paths may still build `//` (Prefect 2's issue #9662).
 */
import { defineCheck } from './check.js';
import { hasPrefectSettings, prefectLine, prefectSettings } from './util/prefect.js';
import { maskUrl, parseUrl } from './util/urls.js';

const ID = 'prefect-api-url-format';

export const prefectApiUrlFormat = defineCheck(
  {
    id: ID,
    title: 'PREFECT_API_URL ends in /api without a trailing slash',
    severity: 'error',
    appliesTo: hasPrefectSettings,
  },
  (model, report) => {
    for (const s of prefectSettings(model)) {
      const api = s.get('PREFECT_API_URL');
      const url = parseUrl(api?.value.trim());
      if (!api || !url) continue;
      if (/(^|\.)prefect\.cloud$/.test(url.host)) continue;
      if (s.get('PREFECT_SERVER_API_BASE_PATH')) continue;
      const trimmed = api.value.trim().replace(/\/+$/, '');
      const problem = url.path.endsWith('/') ? 'ends with "/"' : !url.path.endsWith('/api') ? `has path ${url.path || '/'} instead of ending in /api` : undefined;
      if (!problem) continue;
      const fixed = trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
      const style = problem.startsWith('ends');
      report.add(style ? 'warning' : 'error', api.valueAt, {
        message: `PREFECT_API_URL of ${s.label} ${problem}`,
        why: style ? "harmless to Prefect 3's own clients, which drop it, but scripts and older clients that append a path to it request //flows/…, which the server answers with 404" : 'every client request goes to a path the server does not serve (404)',
        fix: prefectLine(s, 'PREFECT_API_URL', maskUrl(fixed)),
      });
    }
  },
);
