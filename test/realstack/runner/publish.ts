/**
 * Published ports: what docker-proxy does for `ports:` — listens on the host
 * address and port and pipes each connection to the service's address and
 * container port. Only what compose publishes is reachable this way.
 */
import { createServer, connect, type Server } from 'node:net';

export interface Published {
  hostIp: string;
  published: number;
  close(): Promise<void>;
}

export async function publishPort(hostIp: string, published: number, toAddress: string, toPort: number): Promise<Published> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(toPort, toAddress);
    sockets.add(inbound);
    sockets.add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const done = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('error', done).on('close', done);
    outbound.on('error', done).on('close', done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot publish ${hostIp}:${published}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`)),
    );
    server.listen(published, hostIp === '0.0.0.0' ? '127.0.0.1' : hostIp, resolve);
  });
  return {
    hostIp,
    published,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
