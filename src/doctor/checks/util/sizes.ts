/** Sizes and times as proxies write them. */

/** An nginx size (`1m`, `512k`, `4M`, `10485760`; `0` = unlimited) in bytes; undefined when it is not one. */
export function nginxBytes(value: string | undefined): number | undefined {
  const m = /^(\d+)([kKmMgG])?$/.exec(value ?? '');
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
}

/** A Caddy size (`4MB`, `10MiB`, `4000000`, `1gb`) in bytes (go-humanize: SI and IEC units). */
export function caddyBytes(value: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value ?? '');
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase().replace(/b$/, '');
  const factor: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3 };
  return factor[unit] === undefined ? undefined : Number(m[1]) * factor[unit]!;
}

/** Bytes for a message: `1 MiB`, `4,000,000 bytes`. */
export function bytesText(bytes: number): string {
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}
