/** YAML with positions: small helpers over the `yaml` AST. */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { SourcePosition } from '../types.js';
import type { Problems } from './problems.js';

export interface YamlFile {
  file: string;
  doc: Document;
  counter: LineCounter;
}

export interface YamlEntry {
  key: string;
  keyNode: Node | undefined;
  value: Node | undefined;
}

export function parseYaml(file: string, text: string, problems?: Problems): YamlFile | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false, merge: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 3)) {
      const line = error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line;
      problems?.syntax(
        { file, ...(line ? { line } : {}) },
        'YAML',
        error.message.split('\n')[0] ?? 'parse error',
        'fix the YAML at that line (indentation, a missing ":" or an unclosed quote)',
      );
    }
    return undefined;
  }
  return { file, doc, counter };
}

export function lineOf(yaml: YamlFile, node: unknown): number | undefined {
  if (isNode(node) && node.range) return yaml.counter.linePos(node.range[0]).line;
  return undefined;
}

export function posOf(yaml: YamlFile, node: unknown, fallback?: SourcePosition): SourcePosition {
  const line = lineOf(yaml, node);
  return line ? { file: yaml.file, line } : (fallback ?? { file: yaml.file });
}

/**
 * Every alias's target, found in one walk of the document: an alias names the
 * last anchor of that name before it. (yaml's own `Alias.resolve` walks the
 * document again for each alias, which a thousand `<<: *base` make quadratic.)
 */
const aliasTargets = new WeakMap<Document, Map<unknown, Node | undefined>>();

function targetsOf(doc: Document): Map<unknown, Node | undefined> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchors = new Map<string, Node>();
  const found = targets;
  visit(doc, {
    Alias(_, alias) {
      found.set(alias, anchors.get(alias.source));
    },
    Node(_, node) {
      if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  aliasTargets.set(doc, targets);
  return targets;
}

/** The node an alias (or a node) stands for: every alias of one anchor resolves to the same node. */
export function resolve(yaml: YamlFile, node: unknown): Node | undefined {
  // An alias of an alias ends after a bounded number of steps (a cycle is not followed).
  for (let steps = 0; isAlias(node) && steps < 100; steps++) node = targetsOf(yaml.doc).get(node);
  return isNode(node) && !isAlias(node) ? node : undefined;
}

/** Entries of a mapping in order; `<<: *anchor` merges are expanded (explicit keys win; a map merged into itself adds nothing). */
export function entriesOf(yaml: YamlFile, node: unknown, merging: Set<Node> = new Set()): YamlEntry[] {
  const map = resolve(yaml, node);
  if (!isMap(map) || merging.has(map)) return [];
  const explicit: YamlEntry[] = [];
  const merged: YamlEntry[] = [];
  for (const pair of map.items) {
    const keyNode = resolve(yaml, pair.key);
    // With `merge: true` the parser gives `<<` keys a symbol value.
    const key = isScalar(keyNode) ? (typeof keyNode.value === 'symbol' ? '<<' : String(keyNode.value)) : undefined;
    if (key === undefined) continue;
    if (key === '<<') {
      const sources = isSeq(resolve(yaml, pair.value)) ? (resolve(yaml, pair.value) as { items: unknown[] }).items : [pair.value];
      const inner = new Set(merging).add(map);
      for (const source of sources) merged.push(...entriesOf(yaml, source, inner));
      continue;
    }
    explicit.push({ key, keyNode, value: resolve(yaml, pair.value) });
  }
  const keys = new Set(explicit.map((e) => e.key));
  return [...merged.filter((e) => !keys.has(e.key)), ...explicit];
}

export function getIn(yaml: YamlFile, node: unknown, key: string): YamlEntry | undefined {
  const entries = entriesOf(yaml, node);
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === key) return entries[i];
  return undefined;
}

export function itemsOf(yaml: YamlFile, node: unknown): Node[] {
  const seq = resolve(yaml, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => resolve(yaml, item)).filter((item): item is Node => item !== undefined);
}

/** A scalar as text (numbers and booleans as written); undefined for null, maps and lists. */
export function scalarText(yaml: YamlFile, node: unknown): string | undefined {
  const scalar = resolve(yaml, node);
  if (!isScalar(scalar) || scalar.value === null || scalar.value === undefined) return undefined;
  if (typeof scalar.value === 'string') return scalar.value;
  const source = (scalar as { source?: string }).source;
  return typeof source === 'string' ? source : String(scalar.value);
}

export function isMapping(yaml: YamlFile, node: unknown): boolean {
  return isMap(resolve(yaml, node));
}

export function isSequence(yaml: YamlFile, node: unknown): boolean {
  return isSeq(resolve(yaml, node));
}

export function rootOf(yaml: YamlFile): Node | undefined {
  return resolve(yaml, yaml.doc.contents);
}
