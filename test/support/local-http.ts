// A plain HTTP server on 127.0.0.1 for unit tests that need real fetches (media, TSA), closed by the caller.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface LocalHttpServer {
  base: string;
  close(): Promise<void>;
}

export async function startLocalHttp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalHttpServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The local test server has no port.');
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
