import { askFields } from '../ask.js';

/** The public hostnames and port (and, on a server, an internal CA); each answer is checked against the ones before (they must differ). */
export const hosts = askFields('hosts.ui', 'hosts.machine', 'hosts.idp', 'tls.acme.email', 'tls.ca', 'hosts.port');
