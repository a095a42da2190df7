/**
 * Keycloak's admin REST API, reached where NEXT_STEPS sends people for the
 * admin console (the *.localhost admin host, through the published port).
 */
import { expect } from 'vitest';
import { hostRequest } from './host.js';

const ADMIN = 'http://keycloak.localhost:8080';

function passwordGrant(password: string) {
  return hostRequest(`${ADMIN}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password }).toString(),
  });
}

/** Whether Keycloak takes this password for the admin: `ok`, or the OAuth error it answers with (`invalid_grant`). */
export async function adminSignIn(password: string): Promise<string> {
  const res = await passwordGrant(password);
  return res.status === 200 ? 'ok' : String((JSON.parse(res.body) as { error?: string }).error ?? res.status);
}

export async function adminToken(password: string): Promise<string> {
  const res = await passwordGrant(password);
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

/** Adds a person to the realm, as "Add user" in the console does, with a password and no roles. */
export async function addUser(token: string, realm: string, username: string, password: string): Promise<void> {
  const res = await hostRequest(`${ADMIN}/admin/realms/${realm}/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      enabled: true,
      email: `${username}@prefect.localtest.me`,
      emailVerified: true,
      firstName: 'No',
      lastName: 'Role',
      credentials: [{ type: 'password', value: password, temporary: false }],
    }),
  });
  expect(res.status, res.body).toBe(201);
}

async function adminCall(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await hostRequest(`${ADMIN}/admin/realms/${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  expect(res.status, `${init.method ?? 'GET'} ${path}: ${res.body}`).toBeLessThan(300);
  return res.body ? JSON.parse(res.body) : undefined;
}

/** The realm role mapping of a user, given or taken away, as the console's "Role mapping" tab does. */
export async function setRealmRole(token: string, realm: string, username: string, role: string, granted: boolean): Promise<void> {
  const [user] = (await adminCall(token, `${realm}/users?exact=true&username=${encodeURIComponent(username)}`)) as { id: string }[];
  expect(user, `user ${username}`).toBeDefined();
  const representation = await adminCall(token, `${realm}/roles/${encodeURIComponent(role)}`);
  await adminCall(token, `${realm}/users/${user!.id}/role-mappings/realm`, { method: granted ? 'POST' : 'DELETE', body: [representation] });
}

/** Whether a user exists in the realm. */
export async function userExists(token: string, realm: string, username: string): Promise<boolean> {
  const users = (await adminCall(token, `${realm}/users?exact=true&username=${encodeURIComponent(username)}`)) as unknown[];
  return users.length > 0;
}

export interface ClientRepresentation {
  id: string;
  secret?: string;
  redirectUris: string[];
  webOrigins: string[];
  attributes: Record<string, string>;
}

/** The realm's client with this clientId, as the console's client page reads it. */
export async function getClient(token: string, realm: string, clientId: string): Promise<ClientRepresentation> {
  const [client] = (await adminCall(token, `${realm}/clients?clientId=${encodeURIComponent(clientId)}`)) as ClientRepresentation[];
  expect(client, `client ${clientId}`).toBeDefined();
  return client!;
}

/** Changes some of a client's settings, as saving the console's client page does. */
export async function updateClient(token: string, realm: string, client: ClientRepresentation, change: Partial<ClientRepresentation>): Promise<void> {
  await adminCall(token, `${realm}/clients/${client.id}`, { method: 'PUT', body: { ...client, ...change } });
}
