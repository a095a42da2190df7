/**
 * A format-neutral tree of values with lines, so YAML and TOML configuration
 * (Traefik accepts both) are read by the same code. Keys compare case-insensitively,
 * as Traefik's do.
 */
import type { SourcePosition } from '../types.js';
import type { TomlFile } from './toml.js';
import { entriesOf, isMapping, isSequence, itemsOf, posOf, scalarText, type YamlFile } from './yaml.js';

export interface PosNode {
  at: SourcePosition;
  scalar?: string;
  map?: Map<string, { key: string; node: PosNode }>;
  list?: PosNode[];
}

export function fromYaml(yaml: YamlFile, node: unknown): PosNode {
  const at = posOf(yaml, node);
  if (isMapping(yaml, node)) {
    const map = new Map<string, { key: string; node: PosNode }>();
    for (const entry of entriesOf(yaml, node)) {
      const child = fromYaml(yaml, entry.value);
      map.set(entry.key.toLowerCase(), { key: entry.key, node: { ...child, at: posOf(yaml, entry.keyNode) } });
    }
    return { at, map };
  }
  if (isSequence(yaml, node)) return { at, list: itemsOf(yaml, node).map((item) => fromYaml(yaml, item)) };
  const scalar = scalarText(yaml, node);
  return scalar === undefined ? { at } : { at, scalar };
}

export function fromToml(toml: TomlFile): PosNode {
  const build = (value: unknown, table: string, key: string): PosNode => {
    const line = key ? (toml.lineOf(table, key) ?? toml.tableLine(table ? `${table}.${key}` : key)) : undefined;
    const at = { file: toml.file, ...(line ? { line } : {}) };
    if (Array.isArray(value)) return { at, list: value.map((v) => build(v, table, '')).map((n) => ({ ...n, at })) };
    if (value !== null && typeof value === 'object') {
      const inner = table ? (key ? `${table}.${key}` : table) : key;
      const map = new Map<string, { key: string; node: PosNode }>();
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) map.set(k.toLowerCase(), { key: k, node: build(v, inner, k) });
      return { at, map };
    }
    return { at, scalar: String(value) };
  };
  return build(toml.data, '', '');
}

export function child(node: PosNode | undefined, ...path: string[]): PosNode | undefined {
  let current = node;
  for (const part of path) current = current?.map?.get(part.toLowerCase())?.node;
  return current;
}

export function entries(node: PosNode | undefined): { key: string; node: PosNode }[] {
  return node?.map ? [...node.map.values()] : [];
}

export function scalars(node: PosNode | undefined): { value: string; at: SourcePosition }[] {
  if (!node) return [];
  if (node.list) return node.list.filter((n) => n.scalar !== undefined).map((n) => ({ value: n.scalar!, at: n.at }));
  if (node.scalar !== undefined) return node.scalar.split(',').map((value) => ({ value: value.trim(), at: node.at }));
  return [];
}
