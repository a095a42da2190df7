/**
 * A picture of a stack: who calls which public host, through which gate, to
 * which service, on which network. Built from the plan (init) or from the
 * files doctor read (doctor --diagram), laid out by one renderer (mermaid.ts),
 * so both draw a stack the same way.
 */

export interface Mark {
  /** A doctor check's id. */
  id: string;
  severity: 'error' | 'warning';
}

export type NodeShape = 'actor' | 'host' | 'service' | 'database' | 'outside' | 'note';

export interface PictureNode {
  /** Stable key: `actor:browser`, `host:<authority>`, `service:<name>`, `outside:<host>`. */
  key: string;
  /** Lines of the label; the first is the name. */
  lines: string[];
  shape: NodeShape;
  /** The group it is drawn in. */
  group?: string;
  marks: Mark[];
}

export interface PictureGroup {
  /** `proxy:<service>` or `network:<name>`. */
  key: string;
  title: string;
  /** An internal network (no way out): drawn dashed. */
  internal?: boolean;
  marks: Mark[];
}

export interface PictureLink {
  from: string;
  to: string;
  /** The gate on the path, or what the call is for. */
  label?: string;
  /** A call made on a request's behalf (an auth check), or a way out: drawn dotted. */
  dotted?: boolean;
  /** A path that lets requests through with no credential. */
  open?: boolean;
  marks: Mark[];
}

export interface Picture {
  groups: PictureGroup[];
  nodes: PictureNode[];
  links: PictureLink[];
}

/** Builds a picture: nodes and groups are added once by key, links once per (from, to, label). */
export class PictureBuilder {
  private readonly groups = new Map<string, PictureGroup>();
  private readonly nodes = new Map<string, PictureNode>();
  private readonly links: PictureLink[] = [];

  group(key: string, title: string, internal?: boolean): string {
    if (!this.groups.has(key)) this.groups.set(key, { key, title, ...(internal ? { internal } : {}), marks: [] });
    return key;
  }

  node(key: string, lines: string[], shape: NodeShape, group?: string): string {
    const existing = this.nodes.get(key);
    if (existing) {
      for (const line of lines.slice(1)) if (!existing.lines.includes(line)) existing.lines.push(line);
    } else {
      this.nodes.set(key, { key, lines: [...lines], shape, ...(group ? { group } : {}), marks: [] });
    }
    return key;
  }

  has(key: string): boolean {
    return this.nodes.has(key);
  }

  link(from: string, to: string, options: { label?: string; dotted?: boolean; open?: boolean } = {}): PictureLink {
    const same = this.links.find((l) => l.from === from && l.to === to && l.label === options.label);
    if (same) return same;
    const link: PictureLink = { from, to, ...options, marks: [] };
    this.links.push(link);
    return link;
  }

  build(): Picture {
    return { groups: [...this.groups.values()], nodes: [...this.nodes.values()], links: [...this.links] };
  }
}

export const nodeKey = {
  actor: (name: string) => `actor:${name}`,
  host: (authority: string) => `host:${authority.toLowerCase()}`,
  service: (name: string) => `service:${name}`,
  outside: (host: string) => `outside:${host.toLowerCase()}`,
};

export const groupKey = {
  proxy: (service: string) => `proxy:${service}`,
  network: (name: string) => `network:${name}`,
};
