// npm run release:check: checks the three packages `npm run zip` wrote (in .output/ or $POSTPROOF_OUT_DIR) before
// they go to the stores, and exits 1 naming every failure:
//   - web-ext lint (addons-linter, what AMO validates with) on the Firefox zip as unpacked, without --self-hosted
//     since the package goes to addons.mozilla.org;
//   - each manifest's version is package.json's, and CHANGELOG.md has its section;
//   - every permission and host permission of both manifests is named in README.md's permissions table;
//   - what each zip holds (no source maps, tests, fixtures or ../shared pages in the extension zips; no installed or
//     built folders in the sources) and the stores' size limits (scripts/release-rules.mjs);
//   - SOURCE-BUILD.md in the sources names the Firefox zip's SHA-256.
// Then prints each zip's SHA-256 and, only when every check passed, writes them to SHA256SUMS beside the zips.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip, sha256Hex } from './deterministic-zip.mjs';
import {
  changelogHasVersion,
  packageNames,
  permissionsMissingFromTable,
  permissionTableNames,
  sha256sumsText,
  versionProblem,
  zipContentProblems,
  zipSizeProblem,
} from './release-rules.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = resolve(root, process.env.POSTPROOF_OUT_DIR ?? '.output');
const KINDS = ['chrome', 'firefox', 'sources'];

/** Runs web-ext lint over the Firefox zip's files written to a temporary folder; true when it found no error. */
function lintFirefox(entries) {
  const folder = mkdtempSync(join(tmpdir(), 'postproof-lint-'));
  try {
    for (const entry of entries) {
      if (entry.dir) continue;
      mkdirSync(dirname(join(folder, entry.name)), { recursive: true });
      writeFileSync(join(folder, entry.name), entry.bytes);
    }
    const webExt = join(root, 'node_modules', '.bin', 'web-ext');
    const result = spawnSync(webExt, ['lint', '--source-dir', folder, '--no-config-discovery'], { cwd: root, stdio: 'inherit' });
    return result.status === 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main() {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const names = packageNames(version);
  const failures = [];
  const sumsPath = join(outDir, 'SHA256SUMS');
  rmSync(sumsPath, { force: true });

  const missing = KINDS.filter((kind) => !existsSync(join(outDir, names[kind])));
  if (missing.length > 0) {
    console.error(`release:check: ${missing.map((kind) => names[kind]).join(', ')} not found in ${outDir}: run npm run zip first`);
    process.exit(1);
  }
  if (!changelogHasVersion(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version)) failures.push(`CHANGELOG.md has no section for ${version}`);
  const tableNames = permissionTableNames(readFileSync(join(root, 'README.md'), 'utf8'));

  const sums = [];
  const zips = {};
  for (const kind of KINDS) {
    const bytes = readFileSync(join(outDir, names[kind]));
    const entries = await readZip(bytes);
    zips[kind] = entries;
    sums.push({ name: names[kind], sha256: sha256Hex(bytes) });
    const sizeProblem = zipSizeProblem(kind, bytes.length);
    if (sizeProblem) failures.push(sizeProblem);
    for (const problem of zipContentProblems(entries, kind)) failures.push(`${names[kind]}: ${problem}`);
    if (kind === 'sources') continue;
    const manifestEntry = entries.find((entry) => entry.name === 'manifest.json');
    if (!manifestEntry) continue;
    const manifest = JSON.parse(manifestEntry.bytes.toString('utf8'));
    const problem = versionProblem(version, manifest, kind);
    if (problem) failures.push(problem);
    failures.push(...permissionsMissingFromTable(manifest, tableNames, kind));
  }

  const firefoxSum = sums.find((sum) => sum.name === names.firefox);
  const sourceBuild = zips.sources.find((entry) => entry.name === 'SOURCE-BUILD.md')?.bytes.toString('utf8') ?? '';
  if (firefoxSum && !sourceBuild.includes(`${firefoxSum.sha256}  ${names.firefox}`)) {
    failures.push(`${names.sources}: SOURCE-BUILD.md does not name ${names.firefox}'s SHA-256 ${firefoxSum.sha256} (zips from different runs?)`);
  }

  console.log(`release:check: web-ext lint of ${names.firefox}`);
  if (!lintFirefox(zips.firefox)) failures.push(`web-ext lint found errors in ${names.firefox} (listed above)`);

  console.log('');
  for (const { name, sha256 } of sums) console.log(`${sha256}  ${name}`);
  if (failures.length > 0) {
    console.error(`\nrelease:check FAILED (${failures.length}):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    process.exit(1);
  }
  writeFileSync(sumsPath, sha256sumsText(sums));
  console.log(`release:check: all checks passed; SHA-256 sums written to ${relative(root, sumsPath)}`);
}

await main();
