/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP): answers A queries for
 * the names it is given, NXDOMAIN for the rest. Lets a test play Docker's
 * embedded DNS, including a service that comes back with a new address.
 */
import { createSocket } from 'node:dgram';

export interface TestDns {
  port: number;
  /** Name -> IPv4 address; change it to "restart" a service elsewhere. */
  records: Map<string, string>;
  queries: string[];
  close(): Promise<void>;
}

function readName(packet: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (packet[at]! > 0) {
    const length = packet[at]!;
    labels.push(packet.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

export async function startTestDns(records: Record<string, string>): Promise<TestDns> {
  const socket = createSocket('udp4');
  const table = new Map(Object.entries(records));
  const queries: string[] = [];
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    const { name, end } = readName(query, 12);
    const qtype = query.readUInt16BE(end);
    const question = query.subarray(12, end + 4);
    queries.push(name);
    const address = qtype === 1 ? table.get(name) : undefined;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(address ? 0x8580 : table.has(name) ? 0x8580 : 0x8583, 2); // response, authoritative; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(address ? 1 : 0, 6);
    const answer = address
      ? Buffer.concat([
          Buffer.from([0xc0, 0x0c]), // pointer to the question's name
          Buffer.from([0, 1, 0, 1]), // A, IN
          Buffer.from([0, 0, 0, 1]), // TTL 1 s
          Buffer.from([0, 4]),
          Buffer.from(address.split('.').map(Number)),
        ])
      : Buffer.alloc(0);
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    records: table,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
