/** Prefect settings from every place they are written, behind one shape. */
import type { StackModel } from '../../load/model.js';
import type { SourcePosition } from '../../types.js';

export interface PrefectValue {
  name: string;
  value: string;
  at: SourcePosition;
  /** Where the value itself is written (the .env line for `${VAR}`). */
  valueAt: SourcePosition;
}

export interface PrefectSettings {
  /** `service prefect-server`, `profile "ci" in prefect/profiles.toml`, … */
  label: string;
  kind: 'server' | 'client' | 'profile' | 'toml';
  at: SourcePosition;
  get(name: string): PrefectValue | undefined;
  names(): string[];
}

export function prefectSettings(model: StackModel): PrefectSettings[] {
  const out: PrefectSettings[] = [];
  for (const s of model.prefect.services) {
    out.push({
      label: `service ${s.service}`,
      kind: s.role,
      at: s.at,
      get: (name) => {
        const v = s.environment.get(name);
        return v && v.value !== undefined ? { name, value: v.value, at: v.at, valueAt: v.valueAt ?? v.at } : undefined;
      },
      names: () => [...s.environment.keys()],
    });
  }
  for (const p of model.prefect.profiles) {
    out.push({
      label: `profile "${p.name}" in ${p.file}`,
      kind: 'profile',
      at: p.at,
      get: (name) => {
        const v = p.settings.get(name);
        return v ? { name, value: v.value, at: v.at, valueAt: v.at } : undefined;
      },
      names: () => [...p.settings.keys()],
    });
  }
  for (const t of model.prefect.tomlFiles) {
    out.push({
      label: t.file,
      kind: 'toml',
      at: { file: t.file },
      get: (name) => {
        const v = t.settings.get(name) ?? t.settings.get(name.replace(/^PREFECT_SERVER_UI_/, 'PREFECT_UI_'));
        return v ? { name: v.name, value: v.value, at: v.at, valueAt: v.at } : undefined;
      },
      names: () => [...t.settings.keys()],
    });
  }
  return out;
}

/** How to write a setting in the place the others are: an env line, a profile key or a nested TOML table. */
export function prefectLine(settings: PrefectSettings, name: string, value: string): string {
  if (settings.kind === 'toml') {
    const parts = name.replace(/^PREFECT_/, '').toLowerCase();
    const known: Record<string, string> = {
      api_url: '[api] url',
      api_key: '[api] key',
      api_auth_string: '[api] auth_string',
      server_api_auth_string: '[server.api] auth_string',
      server_api_host: '[server.api] host',
      ui_api_url: '[server.ui] api_url',
      server_ui_api_url: '[server.ui] api_url',
      server_database_connection_url: '[server.database] connection_url',
    };
    const where = known[parts];
    return where ? `${where} = ${JSON.stringify(value)}` : `${name} (as a nested table key)`;
  }
  if (settings.kind === 'profile') return `${name} = ${JSON.stringify(value)}`;
  return `${name}: "${value}"`;
}

/**
 * PREFECT_CLIENT_CUSTOM_HEADERS as the client sends them (header names
 * lower-cased): {} when unset, undefined when the value is not a JSON object.
 */
export function customHeaders(settings: PrefectSettings): Record<string, string> | undefined {
  const value = settings.get('PREFECT_CLIENT_CUSTOM_HEADERS')?.value;
  if (!value) return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), String(v)]));
  } catch {
    return undefined;
  }
}

/** The stack has Prefect settings anywhere: a service, a profile or a prefect.toml. */
export const hasPrefectSettings = (model: StackModel): boolean => model.prefect.services.length + model.prefect.profiles.length + model.prefect.tomlFiles.length > 0;

/** The stack has settings a Prefect server reads: a service or a prefect.toml. */
export const hasServerSettings = (model: StackModel): boolean => model.prefect.services.length + model.prefect.tomlFiles.length > 0;
