/**
 * Facts of certificates by ACME: a lego companion container obtains one
 * certificate per public name by HTTP-01 (the challenge files served by the
 * proxy on port 80) and renews them; the proxy reads them at the handshake.
 *
 * Why lego and not nginx's own ACME module: the module (nginx/nginx-acme) ships
 * only in nginx.org's packages and official images, is written in Rust and
 * cannot be built or run here, so nothing would prove it; lego is one static
 * binary with an official image and the same HTTP-01 flow, and the real-stack
 * tests run it against Pebble.
 */

/** lego's image, pinned to the release the real-stack tests run (Debian's lego 4.35.2 build, test/realstack/components.ts). */
export const LEGO_IMAGE = 'goacme/lego:v4.35.2';
/** The binary in that image (its ENTRYPOINT). */
export const LEGO_BINARY = '/lego';

/** lego's data (accounts, certificates) in its container: a named volume. */
export const ACME_DATA = '/var/lib/lego';
export const ACME_VOLUME = 'acme-certificates';
/** The HTTP-01 challenge files: lego writes them, the proxy serves them (a named volume in both). */
export const ACME_WEBROOT = '/var/www/acme';
export const ACME_WEBROOT_VOLUME = 'acme-challenges';
/** The renewal loop in the stack folder, and where lego's container runs it from. */
export const RENEW_SCRIPT = 'acme/renew.sh';
export const RENEW_SCRIPT_IN_CONTAINER = '/etc/prefect-secure/acme-renew.sh';
/** Where a container finds the internal CA that signs the ACME server's own certificate (tls.ca). */
export const ACME_CA_IN_CONTAINER = '/etc/prefect-secure/ca.pem';

/**
 * lego renews with a third of a certificate's lifetime left (`--dynamic`, half
 * for short-lived ones), or sooner when the CA says so (ARI): right for 90-day
 * certificates and for the shorter ones CAs are moving to. It looks twice a
 * day; after a failure it tries again in 20 minutes — three attempts an hour
 * stay under Let's Encrypt's limit of five failed validations per name an hour.
 */
export const CHECK_EVERY_SECONDS = 12 * 3600;
export const RETRY_SECONDS = 20 * 60;

/** lego's file names for a name's certificate chain and key, under its data folder. */
export function legoFiles(name: string, root = ACME_DATA): { certificate: string; key: string } {
  return { certificate: `${root}/certificates/${name}.crt`, key: `${root}/certificates/${name}.key` };
}
