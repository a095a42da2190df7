import { askFields } from '../ask.js';

/** The public hostnames and port; each answer is checked against the ones before (they must differ). */
export const hosts = askFields('hosts.ui', 'hosts.machine', 'hosts.idp', 'hosts.port');
