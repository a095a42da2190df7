/**
 * A format-neutral tree of values with lines, so YAML and TOML configuration
 * (Traefik accepts both) are read by the same code. Keys compare case-insensitively,
 * as Traefik's do.
 */
import type { SourcePosition } from '../types.js';
import type { TomlFile } from './toml.js';
import { entriesOf, isMapping, isSequence, itemsOf, posOf, resolve, scalarText, type YamlFile } from './yaml.js';

export interface PosNode {
  at: SourcePosition;
  scalar?: string;
  map?: Map<string, { key: string; node: PosNode }>;
  list?: PosNode[];
}

/** More values than any configuration holds: an alias bomb, refused (the loader's guard reports it) rather than expanded. */
const MAX_TREE_NODES = 100_000;

/**
 * The tree of a YAML node. A node an alias names again is built once and
 * shared, so aliases cost nothing to build; the count of values a reader
 * would see (aliases expanded) is bounded all the same.
 */
export function fromYaml(yaml: YamlFile, node: unknown): PosNode {
  return build(yaml, node, new Map(), { left: MAX_TREE_NODES }).tree;
}

function build(yaml: YamlFile, node: unknown, built: Map<unknown, { tree: PosNode; size: number }>, budget: { left: number }): { tree: PosNode; size: number } {
  const key = resolve(yaml, node);
  const known = key !== undefined ? built.get(key) : undefined;
  const spend = (size: number) => {
    budget.left -= size;
    if (budget.left < 0) throw new RangeError(`more than ${MAX_TREE_NODES} values once its aliases are expanded`);
  };
  if (known) {
    spend(known.size);
    return known;
  }
  const at = posOf(yaml, node);
  let result: { tree: PosNode; size: number };
  if (isMapping(yaml, node)) {
    const map = new Map<string, { key: string; node: PosNode }>();
    let size = 1;
    for (const entry of entriesOf(yaml, node)) {
      const child = build(yaml, entry.value, built, budget);
      size += child.size;
      map.set(entry.key.toLowerCase(), { key: entry.key, node: { ...child.tree, at: posOf(yaml, entry.keyNode) } });
    }
    result = { tree: { at, map }, size };
  } else if (isSequence(yaml, node)) {
    const children = itemsOf(yaml, node).map((item) => build(yaml, item, built, budget));
    result = { tree: { at, list: children.map((c) => c.tree) }, size: 1 + children.reduce((sum, c) => sum + c.size, 0) };
  } else {
    const scalar = scalarText(yaml, node);
    result = { tree: scalar === undefined ? { at } : { at, scalar }, size: 1 };
    spend(1);
  }
  if (key !== undefined) built.set(key, result);
  return result;
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
