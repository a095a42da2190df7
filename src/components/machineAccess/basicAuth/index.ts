/**
 * Machine access by basic auth: one user per worker or CI job, each with a
 * 256-bit random password (or one a person chose, read from the environment).
 * The hash format comes from the proxy: the fastest salted one it verifies
 * natively for generated passwords, the slow one for chosen passwords.
 */
import { machineSecretName } from '../../../config/schema.js';
import type { MachineUserPlan, SecretPlan } from '../../../plan/types.js';
import { MACHINE_PASSWORD_BYTES } from '../../../secrets/htpasswd.js';
import { MIN_CHOSEN_PASSWORD } from '../../../secrets/resolve.js';
import type { Component } from '../../types.js';
import { proxyGroup, readableByGroup } from '../../files.js';
import { PREFECT_AUTH_FILE } from '../../proxy/nginx/prefectAuth.js';

export const basicAuth: Component = {
  id: 'basic',
  concern: 'machineAccess',
  appliesTo: (spec) => spec.machineAccess.type === 'basic',
  plan(ctx) {
    const hashes = ctx.capabilities.passwordHashes;
    const proxy = ctx.capabilities.proxyService;
    const [fast] = hashes;
    const slow = hashes.at(-1)!;
    const secrets: SecretPlan[] = [];
    // machineAccess.serverAuthString: Prefect checks the (one) machine user's credential too.
    const serverChecks = ctx.spec.machineAccess.serverAuthString;
    const machineUsers: MachineUserPlan[] = ctx.spec.machineAccess.users.map((user) => {
      const chosen = user.password !== undefined;
      const name = chosen ? user.password! : machineSecretName(user.name);
      secrets.push({
        name,
        purpose: `Machine password of "${user.name}" on the API host`,
        bytes: MACHINE_PASSWORD_BYTES,
        source: chosen ? { env: name, field: 'machineAccess.users', store: false, minLength: MIN_CHOSEN_PASSWORD, holds: `the password of ${user.name}` } : { generate: true },
        usedBy: serverChecks ? [proxy, 'prefect-server'] : [proxy],
        alias: `machine:${user.name}`,
        afterRotate: serverChecks && ctx.capabilities.proxyGroup
          ? {
              when: 'before',
              text: `Let ${proxy} read the new ${PREFECT_AUTH_FILE} (it sends the credential to Prefect for signed-in people):`,
              command: readableByGroup(PREFECT_AUTH_FILE, proxyGroup(ctx.capabilities)),
              then: `Once the services are recreated, give every worker and CI job that uses "${user.name}" its new PREFECT_API_AUTH_STRING and PREFECT_CLIENT_CUSTOM_HEADERS from prefect/profiles.toml.`,
            }
          : { when: 'after', text: `${serverChecks ? `Once the services are recreated (${proxy} reads the new ${PREFECT_AUTH_FILE} as its container's root), give` : 'Give'} every worker and CI job that uses "${user.name}" its new PREFECT_API_AUTH_STRING and PREFECT_CLIENT_CUSTOM_HEADERS from prefect/profiles.toml.` },
      });
      return { name: user.name, secret: name, hash: chosen ? slow : fast! };
    });
    return {
      secrets,
      machineUsers,
      // A proxy that remembers successful checks (Caddy) pays for bcrypt once per password, not per request.
      warnings: machineUsers
        .filter((user) => user.hash === 'bcrypt' && !ctx.capabilities.passwordCache)
        .map(
          (user) =>
            `machine user "${user.name}" has a password you chose: it is stored as bcrypt, which ${proxy} verifies on every request (tens of ms each, a few hundred requests/s at most); a generated password gets a fast salted hash instead`,
        ),
    };
  },
};
