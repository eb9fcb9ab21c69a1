// Entry point of the postproof CLI (bundled by `npm run build:cli` into dist/cli/postproof.mjs).

import { runCli } from './verify-command';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
});
