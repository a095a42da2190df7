/** Facts about nginx that the generator and doctor share. */

/** nginx's server_names_hash_bucket_size when none is set: a 64-byte cache line. */
export const DEFAULT_SERVER_NAMES_BUCKET = 64;

/**
 * nginx stores each server name as a pointer, a length and the name, aligned
 * to the pointer size, and a bucket ends with a null pointer
 * (NGX_HASH_ELT_SIZE in ngx_hash.h); the bucket size is a power of two.
 */
export function serverNamesBucket(names: string[]): string {
  const longest = Math.max(...names.map((name) => name.length));
  const need = Math.ceil((8 + longest + 2) / 8) * 8 + 8;
  let size = DEFAULT_SERVER_NAMES_BUCKET;
  while (size < need) size *= 2;
  return String(size);
}
