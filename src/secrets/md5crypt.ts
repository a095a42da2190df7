/**
 * MD5-crypt (`$1$`) and Apache's variant (`$apr1$`): the hash `htpasswd`
 * writes by default and Traefik and nginx accept. Used only to test a
 * stack's existing entries against guessable passwords, never to write one.
 */
import { createHash } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function to64(value: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    out += ITOA64[value & 0x3f];
    value >>>= 6;
  }
  return out;
}

const md5 = (...parts: (string | Buffer)[]) => parts.reduce((h, p) => h.update(p), createHash('md5')).digest();

export function md5Crypt(password: string, salt: string, magic: '$1$' | '$apr1$'): string {
  const pw = Buffer.from(password, 'utf8');
  const s = salt.slice(0, 8);
  const alt = md5(pw, s, pw);
  const parts: Buffer[] = [pw, Buffer.from(magic + s)];
  for (let left = pw.length; left > 0; left -= 16) parts.push(alt.subarray(0, Math.min(16, left)));
  for (let i = pw.length; i > 0; i >>= 1) parts.push(i & 1 ? Buffer.from([0]) : pw.subarray(0, 1));
  let digest = md5(...parts);
  for (let i = 0; i < 1000; i++) {
    const round: Buffer[] = [];
    round.push(i & 1 ? pw : digest);
    if (i % 3) round.push(Buffer.from(s));
    if (i % 7) round.push(pw);
    round.push(i & 1 ? digest : pw);
    digest = md5(...round);
  }
  const d = digest;
  const encoded =
    to64((d[0]! << 16) | (d[6]! << 8) | d[12]!, 4) +
    to64((d[1]! << 16) | (d[7]! << 8) | d[13]!, 4) +
    to64((d[2]! << 16) | (d[8]! << 8) | d[14]!, 4) +
    to64((d[3]! << 16) | (d[9]! << 8) | d[15]!, 4) +
    to64((d[4]! << 16) | (d[10]! << 8) | d[5]!, 4) +
    to64(d[11]!, 2);
  return `${magic}${s}$${encoded}`;
}
