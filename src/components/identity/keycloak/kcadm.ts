/**
 * Telling a running Keycloak a rotated secret. Keycloak keeps the realm in its
 * data volume and imports the realm file only when the realm does not exist,
 * so a new value in .env reaches Keycloak only through its admin API. These
 * commands do that with the image's own kcadm.sh, inside the container, while
 * it still runs with the old values:
 * - the new value comes from .env on standard input, so no secret is in any
 *   process's arguments (`KC_CLI_PASSWORD` carries the admin's password to
 *   kcadm, a JSON body on standard input carries the new value);
 * - they sign in with the container's own `KC_BOOTSTRAP_ADMIN_PASSWORD`, which
 *   is the admin's password until the admin step (which runs last) changes it;
 * - only bash builtins and kcadm run in the container (the image has no jq,
 *   sed or curl); `--no-config` leaves no token in a file.
 * Generated values are URL-safe base64, so they go into JSON unescaped.
 */
import { KEYCLOAK_ADMIN_USER, KEYCLOAK_PORT } from './facts.js';

const KCADM = '/opt/keycloak/bin/kcadm.sh';

/** A bash script that defines `kc`, kcadm signed in as the bootstrap admin (after reading the new value into NEW, when it takes one). */
function script(body: string[], readsValue: boolean): string {
  return [
    ...(readsValue ? ['read -r NEW'] : []),
    'export KC_CLI_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD"',
    `kc() { ${KCADM} "$@" --no-config --server http://127.0.0.1:${KEYCLOAK_PORT} --realm master --user ${KEYCLOAK_ADMIN_USER}; }`,
    ...body,
  ].join(' && ');
}

function inContainer(body: string[], readsValue: boolean): string {
  const inner = script(body, readsValue);
  if (inner.includes("'")) throw new Error('kcadm script must not contain single quotes');
  return `docker compose exec -T keycloak bash -c '${inner}'`;
}

/** `sed` prints the variable's value from .env; `exec -T` hands it to the script on standard input. */
function command(variable: string, body: string[]): string {
  return `sed -n 's/^${variable}=//p' .env | ${inContainer(body, true)}`;
}

function clientId(realm: string, client: string): string[] {
  return [`ID=$(kc get clients -r ${realm} -q clientId=${client} --fields id --format csv --noquotes)`, '[ -n "$ID" ]'];
}

/** A JSON body for bash's printf inside double quotes (the values are URLs and names: no quote, backslash, $ or %). */
function printfJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (/[\\$%`']/.test(json)) throw new Error(`kcadm body holds a character bash would expand: ${json}`);
  return `printf "%s" "${json.replaceAll('"', '\\"')}"`;
}

/** Body that finds the user's id and sets a new, permanent password from NEW. */
function resetPassword(realm: string, username: string): string[] {
  return [
    `ID=$(kc get users -r ${realm} -q exact=true -q username=${username} --fields id --format csv --noquotes)`,
    '[ -n "$ID" ]',
    `printf "{\\"type\\":\\"password\\",\\"value\\":\\"%s\\",\\"temporary\\":false}" "$NEW" | kc update "users/$ID/reset-password" -r ${realm} -f -`,
  ];
}

export function setClientSecret(variable: string, realm: string, client: string): string {
  return command(variable, [...clientId(realm, client), `printf "{\\"secret\\":\\"%s\\"}" "$NEW" | kc update "clients/$ID" -r ${realm} -f -`]);
}

/** Sets the client's settings that follow the stack's addresses (taken from the realm file), keeping everything else. */
export function setClientSettings(realm: string, client: string, settings: Record<string, unknown>): string {
  return inContainer([...clientId(realm, client), `${printfJson(settings)} | kc update "clients/$ID" -r ${realm} -f -`], false);
}

export function setUserPassword(variable: string, realm: string, username: string): string {
  return command(variable, resetPassword(realm, username));
}
