// Types for nginx-rewrite.mjs (used from the TypeScript test helpers).

export declare const RENDERED_UPSTREAMS: Readonly<{ prefect: string; oauth2Proxy: string; idp: string }>;
export declare const RENDERED_HTPASSWD: string;

export declare function replaceChecked(
  text: string,
  pattern: string | RegExp,
  replacement: string | ((...match: string[]) => string),
  what: string,
): { text: string; count: number };

export interface RewriteOptions {
  /** Free loopback port every server moves to. */
  port: number;
  /** The port the plan renders; checked against the config when given. */
  listenPort?: number;
  /** Replacement base URLs (http://127.0.0.1:PORT) for the rendered upstreams. */
  upstreams: { prefect?: string; oauth2Proxy?: string; idp?: string };
  /** The rendered proxy/htpasswd file. */
  htpasswdPath: string;
  /** Run folder: logs, temp paths, pid. */
  dir: string;
  workerProcesses?: number;
}

export declare function rewriteNginxConf(
  text: string,
  options: RewriteOptions,
): { text: string; counts: Record<string, number> };

export declare function nginxArgs(dir: string, conf: string): string[];
