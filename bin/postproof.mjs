#!/usr/bin/env node
// Launcher named in package.json "bin": runs the bundled CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/postproof.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('postproof: the command-line tool is not built yet; run npm run build first (or npm run build:cli).\n');
  process.exit(2);
}
await import(cli.href);
