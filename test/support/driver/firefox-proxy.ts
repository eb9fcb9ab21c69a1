// Real URLs on loopback for Firefox, which has no --host-resolver-rules with a port (../shared/FIREFOX.md): Firefox is
// told to use this local proxy for every request; each HTTPS request arrives as CONNECT host:443, is answered 200,
// and its socket is joined to the HTTPS fixture server, which then sees the TLS handshake (SNI) and the Host header
// exactly as a real server would. Plain-HTTP requests get a 502, as they do in Chromium (whose host rules send them
// to the same HTTPS-only server).
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface LoopbackProxy {
  port: number;
  /** Hosts asked for through CONNECT, in order. */
  readonly connects: string[];
  close(): Promise<void>;
}

export async function startLoopbackProxy(targetPort: number): Promise<LoopbackProxy> {
  const sockets = new Set<Socket>();
  const connects: string[] = [];
  const server: Server = createServer((request, response) => {
    response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    response.end(`PostProof test proxy: plain HTTP is not served (${request.method} ${request.url})`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request, client, head) => {
    connects.push(request.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
