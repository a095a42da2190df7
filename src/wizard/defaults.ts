/** The schema's own defaults, offered as each question's default: one source, no copies. */
import { getPath, valueText } from '../config/fields.js';
import { providerDefault } from '../config/identityProvider.js';
import { SPEC_VERSION, specSchema, TARGET_DEFAULTS, type Spec } from '../config/schema.js';

let defaults: Spec | undefined;

/** The default of the field at `path`; an identity provider's fields default as the chosen provider's do. */
export function schemaDefault(path: string, draft?: unknown): unknown {
  const type = getPath(draft, 'identityProvider.type');
  if (path.startsWith('identityProvider.') && typeof type === 'string' && type !== 'keycloak') return providerDefault(type, path.slice('identityProvider.'.length));
  // The published port and address follow the target (443 and every interface on a server).
  const target = getPath(draft, 'target');
  if ((path === 'hosts.port' || path === 'hosts.bind') && (target === 'local' || target === 'server')) return TARGET_DEFAULTS[target][path === 'hosts.port' ? 'port' : 'bind'];
  defaults ??= specSchema.parse({ version: SPEC_VERSION });
  return getPath(defaults, path);
}

/** The default as the text an input shows: lists comma-separated. */
export function defaultText(path: string, draft?: unknown): string {
  const value = schemaDefault(path, draft);
  return value === undefined ? '' : valueText(value, ', ');
}
