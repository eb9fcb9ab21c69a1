// A real ReplayWeb.page (the npm package's built files, fetched by scripts/setup.sh into .cache/replaywebpage/) served
// on 127.0.0.1 with the WACZ under test, with the Range support and Content-Length wabac needs (FORMATS.md §1.1).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { repoRoot } from '../fixtures';
import { startLocalHttp } from './local-http';

export const REPLAYWEBPAGE_VERSION = '2.5.3';
export const replayWebPageDir = join(repoRoot, '.cache', 'replaywebpage', 'package');

/** Fails with what to run when the package is missing, never silently skips. */
export function requireReplayWebPage(): string {
  if (!existsSync(join(replayWebPageDir, 'sw.js')) || !existsSync(join(replayWebPageDir, 'ui.js'))) {
    throw new Error(
      `ReplayWeb.page ${REPLAYWEBPAGE_VERSION} is not in ${replayWebPageDir}. Run "npm run setup" (scripts/setup.sh fetches it with ` +
        `"npm pack replaywebpage@${REPLAYWEBPAGE_VERSION}" and unpacks it there).`,
    );
  }
  return replayWebPageDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript',
  '.json': 'application/json',
  '.wacz': 'application/wacz',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export interface ReplayServer {
  /** http://localhost:PORT (localhost: excluded from the extension browser's host mapping, and a secure context). */
  origin: string;
  /** URL of the WACZ served beside the viewer. */
  waczUrl: string;
  /** Paths requested, for diagnostics. */
  requests: string[];
  close(): Promise<void>;
}

export async function startReplayServer(waczFile: string): Promise<ReplayServer> {
  const root = requireReplayWebPage();
  const requests: string[] = [];
  const server = await startLocalHttp((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(`${req.method} ${path} ${req.headers.range ?? ''}`.trim());
    const file = path === '/archive.wacz' ? waczFile : join(root, normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) && file !== waczFile) return void res.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    const body = readFileSync(file);
    const headers: Record<string, string> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      if (start > end || start >= body.length) return void res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': String(end - start + 1) });
      return void res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const origin = server.base.replace('127.0.0.1', 'localhost');
  return { origin, waczUrl: `${origin}/archive.wacz`, requests, close: server.close };
}
