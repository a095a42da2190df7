/** oauth2-proxy listens on 127.0.0.1:4180 by default: inside a container, nothing else can reach that. */
import { defineCheck } from './check.js';
import { instanceName, service, setting, settingLine, settingText, valuePosition } from './util/stack.js';
import { isLoopbackHost, splitAddress } from './util/urls.js';

const ID = 'oauth2-proxy-http-address';

export const oauth2ProxyHttpAddress = defineCheck(
  {
    id: ID,
    title: 'oauth2-proxy listens on all interfaces of its container',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => o.service),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const s = service(model, instance.service);
      if (!s || s.networkMode?.value === 'host') continue;
      const address = settingText(instance, 'http_address');
      const host = address === undefined ? '127.0.0.1' : splitAddress(address.trim()).host;
      const listensEverywhere = host === '' || host === '0.0.0.0' || host === '::';
      if (address === undefined || (!listensEverywhere && isLoopbackHost(host))) {
        const current = setting(instance, 'http_address');
        const port = address ? (splitAddress(address).port ?? 4180) : 4180;
        report.error(current ? valuePosition(current) : (instance.configFile ? { file: instance.configFile } : s.at), {
          message: `${instanceName(instance)} listens on ${address ?? '127.0.0.1:4180 (the default)'}, the container's own loopback`,
          why: 'the reverse proxy and the healthcheck of other containers get "connection refused"',
          fix: settingLine(instance, 'http_address', JSON.stringify(`0.0.0.0:${port}`)),
        });
      }
    }
  },
);
