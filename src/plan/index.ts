import type { Spec } from '../spec/schema.js';
import { planFiles } from './files.js';
import { IMAGES } from './images.js';
import { planOAuth2Proxy } from './oauth2Proxy.js';
import { planNginx } from './proxy.js';
import { planReachability } from './reachability.js';
import { planRealm } from './realm.js';
import { planSecrets } from './secrets.js';
import { planNetworks, planServices } from './services.js';
import type { Plan } from './types.js';
import { planUrls } from './urls.js';

export type { Plan } from './types.js';

/** Derives every decision about the stack from the spec. Pure: same spec, same plan. */
export function buildPlan(spec: Spec): Plan {
  const urls = planUrls(spec);
  const services = planServices(spec, urls);
  const realm = planRealm(spec, urls);
  const { secrets, machineUsers } = planSecrets(spec);
  const image = (name: string) => services.find((s) => s.name === name)!.image;
  return {
    spec,
    project: spec.name,
    urls,
    images: {
      nginx: IMAGES.nginx,
      oauth2Proxy: IMAGES.oauth2Proxy,
      keycloak: IMAGES.keycloak,
      postgres: image('postgres'),
      prefect: image('prefect-server'),
    },
    services,
    networks: planNetworks(),
    volumes: ['postgres-data'],
    nginx: planNginx(spec, urls),
    oauth2Proxy: planOAuth2Proxy(spec, urls),
    realm,
    secrets,
    machineUsers,
    clients: spec.clients.profiles.map((name) => ({ name, user: name, apiUrl: urls.machineApi, uiUrl: urls.ui })),
    reachability: planReachability(spec, urls),
    files: planFiles(realm.file),
    warnings: machineUsers
      .filter((user) => user.hash === 'bcrypt')
      .map(
        (user) =>
          `machine user "${user.name}" has a password you chose: it is stored as bcrypt, which nginx verifies on every request (tens of ms each, a few hundred requests/s at most); a generated password gets a fast salted hash instead`,
      ),
  };
}
