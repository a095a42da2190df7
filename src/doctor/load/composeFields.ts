/**
 * The fields of one compose service, read as compose reads them: `${VAR}`
 * interpolated from `.env` (each unset variable reported once), list and
 * mapping forms alike, env_file read with the same dotenv rules.
 */
import type { SourcePosition } from '../types.js';
import { splitWords } from './argv.js';
import { interpolate } from '../../compose/interpolate.js';
import type { EnvVar, Label, Located, PortMapping, ServiceNetwork, Volume } from './model.js';
import { INPUT_IDS, Problems, readTextOrReport } from './problems.js';
import { dirOf, resolveInTree, type SourceTree } from './tree.js';
import { entriesOf, getIn, isMapping, isSequence, itemsOf, posOf, scalarText, type YamlFile } from './yaml.js';
import { parseDotenv } from '../../compose/dotenv.js';

export interface Context {
  tree: SourceTree;
  problems: Problems;
  dotenv: Map<string, Located>;
  /** Unset variables already reported (compose warns once per variable). */
  reportedUnset: Set<string>;
  envFiles: Set<string>;
}

/** Interpolates one scalar of a compose file, reporting what compose would complain about. */
function interp(ctx: Context, text: string, at: SourcePosition, quiet = false): { value: string; refs: string[] } {
  const result = interpolate(text, (name) => ctx.dotenv.get(name)?.value);
  if (!quiet) {
    for (const name of result.missingRequired) {
      ctx.problems.add(
        INPUT_IDS.variable,
        'error',
        at,
        `\${${name}:?…} needs ${name}, which is not set in .env`,
        'docker compose refuses to start the whole stack',
        `add ${name}=… to .env`,
      );
    }
    for (const name of result.unset) {
      if (ctx.reportedUnset.has(name)) continue;
      ctx.reportedUnset.add(name);
      ctx.problems.add(
        INPUT_IDS.variable,
        'warning',
        at,
        `${name} is used here but not set in .env; compose substitutes an empty string`,
        'the service starts with an empty value and fails later, far from this line',
        `add ${name}=… to .env, or write \${${name}:?${name} is required} so compose stops with a clear message`,
      );
    }
    if (result.invalid) {
      ctx.problems.add(
        INPUT_IDS.variable,
        'error',
        at,
        'holds a "$" that compose cannot interpolate ("Invalid template")',
        'docker compose refuses to load the file',
        'write a literal dollar sign as $$',
      );
    }
  }
  return { value: result.value, refs: result.refs };
}

export function scalar(ctx: Context, yaml: YamlFile, node: unknown, quiet = false): Located | undefined {
  const text = scalarText(yaml, node);
  if (text === undefined) return undefined;
  const at = posOf(yaml, node);
  return { value: interp(ctx, text, at, quiet).value, at };
}

export function argvOf(ctx: Context, yaml: YamlFile, node: unknown): Located[] | undefined {
  if (node === undefined) return undefined;
  if (isSequence(yaml, node)) {
    return itemsOf(yaml, node)
      .map((item) => scalar(ctx, yaml, item))
      .filter((item): item is Located => item !== undefined);
  }
  const text = scalar(ctx, yaml, node);
  if (!text) return [];
  return splitWords(text.value).map((value) => ({ value, at: text.at }));
}

/** `${NAME}` or `${NAME:?…}` alone: the value lives in .env at NAME's line. */
export function wholeReference(raw: string): string | undefined {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?:(?::?[-?+])[^}]*)?\}?$/.exec(raw.trim())?.[1];
}

export function envVar(ctx: Context, name: string, raw: string | undefined, at: SourcePosition, listForm: boolean): EnvVar {
  if (raw === undefined) return { name, value: undefined, at, origin: 'environment', raw: '', refs: [], listForm };
  const { value, refs } = interp(ctx, raw, at);
  const whole = wholeReference(raw);
  const valueAt = whole ? ctx.dotenv.get(whole)?.at : undefined;
  return { name, value, at, origin: 'environment', raw, refs, listForm, ...(valueAt ? { valueAt } : {}) };
}

/** A mapping, or a list of `KEY=value` items (environment, labels): each key, its raw value and where it is. */
function keyValues(yaml: YamlFile, node: unknown): { key: string; raw: string | undefined; at: SourcePosition; listForm: boolean }[] {
  if (isMapping(yaml, node)) {
    return entriesOf(yaml, node).map((entry) => ({ key: entry.key, raw: scalarText(yaml, entry.value), at: posOf(yaml, entry.keyNode), listForm: false }));
  }
  return itemsOf(yaml, node).flatMap((item) => {
    const text = scalarText(yaml, item);
    if (text === undefined) return [];
    const eq = text.indexOf('=');
    return [{ key: eq < 0 ? text : text.slice(0, eq), raw: eq < 0 ? undefined : text.slice(eq + 1), at: posOf(yaml, item), listForm: true }];
  });
}

export function readEnvironment(ctx: Context, yaml: YamlFile, node: unknown): Map<string, EnvVar> {
  const env = new Map<string, EnvVar>();
  for (const { key, raw, at, listForm } of keyValues(yaml, node)) env.set(key, envVar(ctx, key, raw, at, listForm));
  return env;
}

export function readEnvFiles(ctx: Context, yaml: YamlFile, node: unknown): Map<string, EnvVar> {
  const env = new Map<string, EnvVar>();
  const refs: { path: string; at: SourcePosition; required: boolean; raw: boolean }[] = [];
  const add = (item: unknown) => {
    if (isMapping(yaml, item)) {
      const path = scalar(ctx, yaml, getIn(yaml, item, 'path')?.value);
      if (!path) return;
      const required = scalarText(yaml, getIn(yaml, item, 'required')?.value) !== 'false';
      const format = scalarText(yaml, getIn(yaml, item, 'format')?.value);
      refs.push({ path: path.value, at: path.at, required, raw: format === 'raw' });
    } else {
      const path = scalar(ctx, yaml, item);
      if (path) refs.push({ path: path.value, at: path.at, required: true, raw: false });
    }
  };
  if (isSequence(yaml, node)) itemsOf(yaml, node).forEach(add);
  else if (node !== undefined) add(node);

  for (const ref of refs) {
    const path = resolveInTree(dirOf(yaml.file), ref.path);
    if (path === undefined) continue; // outside the folder: nothing to read
    const text = readTextOrReport(ctx.tree, path, ctx.problems, { at: ref.at, what: 'env_file', required: ref.required });
    if (text === undefined) continue;
    ctx.envFiles.add(path);
    if (ref.raw) {
      // format: raw keeps every character after `=`, quotes included.
      text.split('\n').forEach((line, index) => {
        const match = /^\s*([^#=\s][^=]*)=(.*)$/.exec(line.replace(/\r$/, ''));
        if (!match) return;
        const at = { file: path, line: index + 1 };
        env.set(match[1]!.trim(), { name: match[1]!.trim(), value: match[2]!, at, origin: 'env_file', raw: match[2]!, refs: [], valueAt: at });
      });
      continue;
    }
    const parsed = parseDotenv(text, (name) => ctx.dotenv.get(name)?.value);
    if (parsed.error) {
      ctx.problems.syntax({ file: path, line: parsed.error.line }, 'env-file syntax', parsed.error.message, 'write one KEY=value per line; quote values that hold spaces');
    }
    for (const entry of parsed.entries) {
      const at = { file: path, line: entry.line };
      env.set(entry.name, { name: entry.name, value: entry.value, at, origin: 'env_file', raw: entry.value, refs: entry.refs, valueAt: at });
    }
  }
  return env;
}

export function readPorts(ctx: Context, yaml: YamlFile, node: unknown): PortMapping[] {
  const ports: PortMapping[] = [];
  for (const item of itemsOf(yaml, node)) {
    const at = posOf(yaml, item);
    if (isMapping(yaml, item)) {
      const target = Number(scalar(ctx, yaml, getIn(yaml, item, 'target')?.value)?.value);
      const published = scalar(ctx, yaml, getIn(yaml, item, 'published')?.value)?.value;
      const hostIp = scalar(ctx, yaml, getIn(yaml, item, 'host_ip')?.value)?.value;
      ports.push({
        ...(Number.isFinite(target) ? { target } : {}),
        ...(published ? { published } : {}),
        ...(hostIp ? { hostIp } : {}),
        raw: `${hostIp ? `${hostIp}:` : ''}${published ?? ''}:${Number.isFinite(target) ? target : ''}`,
        at,
      });
      continue;
    }
    const text = scalar(ctx, yaml, item)?.value;
    if (!text) continue;
    const withoutProto = text.replace(/\/(tcp|udp|sctp)$/, '');
    // [host_ip:][published:]target, where host_ip may be [::1].
    const match = /^(?:(\[[^\]]+\]|[^:]+):)??(?:([\d-]*):)?([\d-]+)$/.exec(withoutProto);
    if (!match) {
      ports.push({ raw: text, at });
      continue;
    }
    const [, hostIp, published, target] = match;
    const targetPort = Number(target?.split('-')[0]);
    ports.push({
      ...(hostIp ? { hostIp: hostIp.replace(/^\[|\]$/g, '') } : {}),
      ...(published ? { published } : {}),
      ...(Number.isFinite(targetPort) ? { target: targetPort } : {}),
      raw: text,
      at,
    });
  }
  return ports;
}

export function readNetworks(ctx: Context, yaml: YamlFile, node: unknown): ServiceNetwork[] | undefined {
  if (node === undefined) return undefined;
  if (isSequence(yaml, node)) {
    return itemsOf(yaml, node)
      .map((item) => scalar(ctx, yaml, item))
      .filter((n): n is Located => n !== undefined)
      .map((n) => ({ name: n.value, aliases: [], at: n.at }));
  }
  return entriesOf(yaml, node).map((entry) => ({
    name: entry.key,
    at: posOf(yaml, entry.keyNode),
    aliases: itemsOf(yaml, getIn(yaml, entry.value, 'aliases')?.value)
      .map((alias) => scalar(ctx, yaml, alias))
      .filter((a): a is Located => a !== undefined),
  }));
}

export function readExtraHosts(ctx: Context, yaml: YamlFile, node: unknown): Located[] {
  if (isMapping(yaml, node)) {
    return entriesOf(yaml, node).map((entry) => ({ value: `${entry.key}:${scalarText(yaml, entry.value) ?? ''}`, at: posOf(yaml, entry.keyNode) }));
  }
  return itemsOf(yaml, node)
    .map((item) => scalar(ctx, yaml, item))
    .filter((h): h is Located => h !== undefined)
    .map((h) => ({ ...h, value: h.value.replace('=', ':') }));
}

export function readLabels(ctx: Context, yaml: YamlFile, node: unknown): Label[] {
  // Traefik labels are checked for `$` by their own check, which explains the `$$` rule.
  const quietFor = (key: string) => key.startsWith('traefik.');
  return keyValues(yaml, node).map(({ key, raw = '', at }) => ({ key, raw, value: interp(ctx, raw, at, quietFor(key)).value, at }));
}

export function readVolumes(ctx: Context, yaml: YamlFile, node: unknown): Volume[] {
  const volumes: Volume[] = [];
  const base = dirOf(yaml.file);
  const withHostPath = (volume: Volume): Volume => {
    if (volume.type !== 'bind' || !volume.source) return volume;
    const hostPath = resolveInTree(base, volume.source);
    return hostPath === undefined ? volume : { ...volume, hostPath };
  };
  for (const item of itemsOf(yaml, node)) {
    const at = posOf(yaml, item);
    if (isMapping(yaml, item)) {
      const type = scalar(ctx, yaml, getIn(yaml, item, 'type')?.value)?.value ?? 'volume';
      const source = scalar(ctx, yaml, getIn(yaml, item, 'source')?.value)?.value;
      const target = scalar(ctx, yaml, getIn(yaml, item, 'target')?.value)?.value;
      if (target) volumes.push(withHostPath({ type, ...(source ? { source } : {}), target, at }));
      continue;
    }
    const text = scalar(ctx, yaml, item)?.value;
    if (!text) continue;
    const parts = text.split(':');
    if (parts.length === 1) {
      volumes.push({ type: 'volume', target: parts[0]!, at });
      continue;
    }
    const [source, target] = parts as [string, string];
    const isPath = /^(\.|\/|~)/.test(source);
    volumes.push(withHostPath({ type: isPath ? 'bind' : 'volume', source, target, at }));
  }
  return volumes;
}

