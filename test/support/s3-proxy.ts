// A pass-through HTTP proxy in front of the S3 gateway, for fault tests: every request goes on unchanged (method,
// path, headers: the SigV4 signature covers the Host header, and the extension signs for the proxy's address), and
// a test can hold the first request that matches, to stop the gateway and the worker while an upload is under way.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldRequest {
  method: string;
  url: string;
  /** Ends the held request as a dead gateway would: the connection is cut, no answer. */
  drop(): void;
}

export interface S3Proxy {
  endpoint: string;
  /** Requests seen, as `METHOD path?query`. */
  seen: string[];
  /** The next request for which `match` is true is held (not forwarded); resolves when it arrives. */
  holdNext(match: (method: string, url: string) => boolean): Promise<HeldRequest>;
  close(): Promise<void>;
}

export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  let hold: { match: (method: string, url: string) => boolean; resolve: (held: HeldRequest) => void } | undefined;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  const server: Server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    seen.push(`${method} ${url}`);
    if (hold && hold.match(method, url)) {
      const { resolve } = hold;
      hold = undefined;
      // Read the body so the client's upload is on the wire, then hold: no answer until dropped.
      req.resume();
      resolve({ method, url, drop: () => req.socket.destroy() });
      return;
    }
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://localhost:${port}`,
    seen,
    holdNext: (match) => new Promise((resolve) => (hold = { match, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
