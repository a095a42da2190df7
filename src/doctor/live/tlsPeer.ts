/**
 * The certificate each https host presents: expired or expiring within 14
 * days, not naming the host, or — on a host the folder's clients call — from
 * a CA they do not trust (neither the system's, nor NODE_EXTRA_CA_CERTS, nor a
 * PREFECT_API_SSL_CERT_FILE the client profiles name, read relative to the
 * stack folder).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate } from 'node:tls';
import type { Finding } from '../types.js';
import type { LiveGateTarget } from './probeTargets.js';
import { finding } from './result.js';

export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

interface Peer {
  cert: PeerCertificate;
  authorized: boolean;
  error?: string;
}

function handshake(host: string, port: number, ca: string[] | undefined, timeoutMs: number): Promise<Peer | { failure: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, servername: host, rejectUnauthorized: false, ...(ca ? { ca } : {}) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ failure: `no TLS handshake within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer: Peer = { cert: socket.getPeerCertificate(), authorized: socket.authorized, ...(socket.authorizationError ? { error: String(socket.authorizationError) } : {}) };
      socket.destroy();
      resolve(peer);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ failure: error.message });
    });
  });
}

export async function tlsFindings(target: LiveGateTarget, stackDir: string, timeoutMs: number, now = Date.now()): Promise<Finding[] | 'skipped'> {
  const url = new URL(target.origin);
  if (url.protocol !== 'https:') return 'skipped';
  const port = Number(url.port || 443);
  const peer = await handshake(url.hostname, port, undefined, timeoutMs);
  if ('failure' in peer) return 'skipped'; // live-gate reports an unreachable host
  const findings: Finding[] = [];
  const validTo = Date.parse(peer.cert.valid_to);
  const days = Math.floor((validTo - now) / DAY_MS);
  if (Number.isFinite(validTo) && validTo < now) {
    findings.push(finding('live-tls', 'error', target.source, { message: `the certificate of ${target.origin} expired on ${peer.cert.valid_to}`, why: 'every browser and client refuses the host', fix: 'renew it (with ACME, check why renewal failed in the proxy\'s log) and reload the proxy' }));
  } else if (Number.isFinite(validTo) && days < EXPIRY_WARNING_DAYS) {
    findings.push(finding('live-tls', 'warning', target.source, { message: `the certificate of ${target.origin} expires in ${days} day${days === 1 ? '' : 's'} (${peer.cert.valid_to})`, why: 'ACME renews 30 days ahead; this close to the end, renewal is failing or the certificate is managed by hand', fix: 'renew it now and find why it was not renewed (the proxy\'s log names the ACME error)' }));
  }
  const mismatch = checkServerIdentity(url.hostname, peer.cert);
  if (mismatch) {
    findings.push(finding('live-tls', 'error', target.source, { message: `the certificate of ${target.origin} does not name ${url.hostname}: ${mismatch.message}`, why: 'browsers and Prefect clients refuse it (a name mismatch), whatever CA issued it', fix: `a certificate whose subject alternative names include ${url.hostname}` }));
  }
  // A name mismatch or an expiry is said above; here only the chain (which CA signed it).
  const chainOnly = (p: Peer) => p.authorized || /EXPIRED|ALTNAME/i.test(p.error ?? '');
  // Trust is judged for the clients the folder configures for this host; a host only browsers use (the UI) is
  // trusted or not by their machines' stores, which doctor cannot see.
  const hasClients = target.clients.length > 0 || target.clientCaFiles.length > 0;
  if (hasClients && !chainOnly(peer)) {
    // Not trusted by this machine's CAs: do the clients carry the CA that signed it?
    const trusted = await Promise.all(
      target.clientCaFiles.map(async (file) => {
        try {
          const pem = readFileSync(isAbsolute(file) ? file : join(stackDir, file), 'utf8');
          const again = await handshake(url.hostname, port, [...rootCertificates, pem], timeoutMs);
          return !('failure' in again) && chainOnly(again);
        } catch {
          return undefined;
        }
      }),
    );
    if (!trusted.some((t) => t !== false)) {
      findings.push(
        finding('live-tls', 'error', target.source, {
          message: `the certificate of ${target.origin} is not trusted (${peer.error ?? 'unknown CA'})${target.clientCaFiles.length > 0 ? `, not even with the clients' PREFECT_API_SSL_CERT_FILE (${target.clientCaFiles.join(', ')})` : ' and the clients name no PREFECT_API_SSL_CERT_FILE'}`,
          why: 'Prefect clients and workers fail with CERTIFICATE_VERIFY_FAILED; browsers show a warning',
          fix: 'a certificate from a public CA (ACME), or give every client the private CA: PREFECT_API_SSL_CERT_FILE=<ca.pem> in its profile',
        }),
      );
    }
  }
  return findings;
}
