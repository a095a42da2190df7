import type { LocalName } from '../components/types.js';

/** The hosts-file line that makes names resolve without DNS (every name of one address). */
export function hostsFileLine(names: readonly LocalName[]): string {
  const address = names[0]!.address;
  return `${address} ${names.filter((n) => n.address === address).map((n) => n.name).join(' ')}`;
}
