/**
 * Names that mean "this machine" wherever they are resolved: in the browser
 * the person's computer, inside a container the container itself. The spec
 * refuses them for an identity provider outside the stack, and doctor reports
 * them (issuer-split-brain): the same facts.
 */
/** The name means "this machine" wherever it is resolved: inside a container, the container itself. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1' || h === '0.0.0.0';
}

/** Public DNS names that resolve to 127.0.0.1 everywhere (the browser's machine, or inside a container the container). */
export function resolvesToLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'localtest.me' ||
    h.endsWith('.localtest.me') ||
    h === 'lvh.me' ||
    h.endsWith('.lvh.me') ||
    /(^|\.)127(-|\.)0(-|\.)0(-|\.)1\.(nip\.io|sslip\.io)$/.test(h)
  );
}

