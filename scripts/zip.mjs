// npm run zip: the store packages of the version in package.json, under .output/ (or $POSTPROOF_OUT_DIR, as
// wxt.config.ts): postproof-<version>-chrome.zip and -firefox.zip (wxt build, wxt build -b firefox) and
// -sources.zip for the Firefox add-on review, each written byte for byte the same from the same commit
// (scripts/deterministic-zip.mjs; test/release.e2e.ts builds twice in two clones and compares).
//
//   node scripts/zip.mjs                  all three; refuses a working tree that differs from HEAD
//   node scripts/zip.mjs --allow-dirty    the same, with a warning (the extension zips may then not match the sources)
//   node scripts/zip.mjs --only firefox   one extension zip, without git: what a reviewer runs in the unpacked sources
//
// The sources zip is the tree of HEAD read from git (git ls-tree + git cat-file), not the working folder: exactly
// the committed files, never an ignored or untracked one (node_modules, .output, .cache's ReplayWeb.page, ../shared's
// saved pages are never tracked), plus SOURCE-BUILD.md at its root, written here, saying how to rebuild.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deterministicZip, folderEntries, sha256Hex } from './deterministic-zip.mjs';
import { changelogHasVersion, packageNames, versionProblem } from './release-rules.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = resolve(root, process.env.POSTPROOF_OUT_DIR ?? '.output');
const TARGETS = { chrome: { args: ['build'], folder: 'chrome-mv3' }, firefox: { args: ['build', '-b', 'firefox'], folder: 'firefox-mv3' } };

function fail(message) {
  console.error(`npm run zip: ${message}`);
  process.exit(1);
}

function git(args, options = {}) {
  return execFileSync('git', args, { cwd: root, maxBuffer: 1 << 30, ...options });
}

function parseArguments(argv) {
  const options = { only: undefined, allowDirty: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--allow-dirty') options.allowDirty = true;
    else if (argv[i] === '--only' && (argv[i + 1] === 'firefox' || argv[i + 1] === 'chrome')) options.only = argv[++i];
    else fail(`unknown argument ${argv[i]} (use --only firefox|chrome, --allow-dirty)`);
  }
  return options;
}

/** The commit, and whether the working tree differs from it (tracked changes or untracked files not ignored). */
function gitState() {
  let commit;
  try {
    commit = git(['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  } catch {
    fail('not a git checkout: the sources zip is read from git (a reviewer rebuilding from the sources runs `npm run zip -- --only firefox`)');
  }
  const status = git(['status', '--porcelain']).toString().trimEnd();
  return { commit, dirty: status.length > 0, status };
}

/**
 * The only variables the build sees. The output depends on the environment: NODE_ENV=test (as under vitest) gives
 * other chunks, and vitest's MODE, DEV, PROD and SSR made two builds of one commit differ; so a release build gets
 * NODE_ENV=production and nothing else of the caller's but what finding programs and files needs.
 */
function buildEnvironment(env = process.env) {
  const kept = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'POSTPROOF_OUT_DIR']) if (env[name] !== undefined) kept[name] = env[name];
  return { ...kept, NODE_ENV: 'production', LC_ALL: 'C', TZ: 'UTC' };
}

function build(target) {
  const wxt = join(root, 'node_modules', '.bin', 'wxt');
  const result = spawnSync(wxt, TARGETS[target].args, { cwd: root, stdio: 'inherit', env: buildEnvironment() });
  if (result.status !== 0) fail(`wxt ${TARGETS[target].args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** The files of HEAD, read from git: { name, bytes, executable }. Links and submodules are refused. */
function committedFiles() {
  const rows = git(['ls-tree', '-r', '-z', '--full-tree', 'HEAD']).toString('utf8').split('\0').filter(Boolean);
  const files = rows.map((row) => {
    const [info, name] = row.split('\t');
    const [mode, type, hash] = info.split(' ');
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) fail(`${name} is a ${type} of mode ${mode}: the sources zip holds plain files only`);
    return { name, hash, executable: mode === '100755' };
  });
  const output = git(['cat-file', '--batch'], { input: files.map((file) => file.hash).join('\n') + '\n' });
  let offset = 0;
  return files.map((file) => {
    const headerEnd = output.indexOf(0x0a, offset);
    const [hash, , size] = output.subarray(offset, headerEnd).toString().split(' ');
    if (hash !== file.hash) fail(`git cat-file answered ${hash} for ${file.name} (${file.hash})`);
    const start = headerEnd + 1;
    const bytes = output.subarray(start, start + Number(size));
    offset = start + Number(size) + 1;
    return { name: file.name, bytes, executable: file.executable };
  });
}

function osName() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? `${platform()}`;
  } catch {
    return platform();
  }
}

/** SOURCE-BUILD.md: how a reviewer rebuilds the Firefox zip from these sources, and what they should get. */
function sourceBuildText({ version, commit, dirty, names, sums }) {
  const npmVersion = execFileSync('npm', ['--version']).toString().trim();
  return `# Building PostProof ${version} from these sources

These are the files of commit \`${commit}\` of PostProof, as tracked in git${dirty ? ' (**built from a working tree with uncommitted changes: the extension zips of this release may not match these sources**)' : ''}.
The Firefox package \`${names.firefox}\` is built from them by WXT 0.20 (Vite and Rollup; the code is bundled,
not obfuscated); every tool is an npm package pinned in \`package-lock.json\`.

## Environment used for the release

- OS: ${osName()} (${platform()} ${arch()})
- Node.js ${process.version}, npm ${npmVersion}: the versions these packages were made with, so the ones to use for a
  byte-for-byte match (the bundler and zip writer are JavaScript pinned in the lockfile, but only these were tested)
- No network access during the build itself (only \`npm ci\` downloads packages); no environment variables needed.

## Steps

\`\`\`sh
unzip ${names.sources} -d postproof-${version} && cd postproof-${version}
npm ci
npm run zip -- --only firefox     # runs: wxt build -b firefox, then writes the zip
sha256sum .output/${names.firefox}
\`\`\`

The unpacked build is \`.output/firefox-mv3/\`; the package is \`.output/${names.firefox}\`, written with sorted
entries, one fixed date (1980-01-01) and fixed permissions (\`scripts/deterministic-zip.mjs\`), so it is the same
file byte for byte. SHA-256 of the packages of this release:

\`\`\`
${sums.map(({ name, sha256 }) => `${sha256}  ${name}`).join('\n')}
\`\`\`

To compare the files rather than the zip: \`unzip ${names.firefox} -d uploaded && diff -r uploaded .output/firefox-mv3\`.
\`npm run build-for-amo\` runs the same Firefox build.
`;
}

async function writeZip(name, entries) {
  const bytes = await deterministicZip(entries);
  writeFileSync(join(outDir, name), bytes);
  const sha256 = sha256Hex(bytes);
  console.log(`${relative(root, join(outDir, name)) || name}  ${bytes.length} bytes  sha256 ${sha256}`);
  return { name, sha256 };
}

async function main() {
  const started = Date.now();
  const options = parseArguments(process.argv.slice(2));
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const names = packageNames(version);
  if (!changelogHasVersion(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version)) {
    fail(`CHANGELOG.md has no section for ${version} (a heading "## [${version}] - YYYY-MM-DD"): say what this version changed first`);
  }
  const state = options.only ? undefined : gitState();
  if (state?.dirty) {
    const message = `the working tree differs from HEAD ${state.commit.slice(0, 12)}, so the extension zips would not be built from the sources zip:\n${state.status}`;
    if (!options.allowDirty) fail(`${message}\nCommit or stash first (or pass --allow-dirty for a package that is not a release).`);
    console.warn(`WARNING: ${message}`);
  }

  const targets = options.only ? [options.only] : ['chrome', 'firefox'];
  for (const target of targets) build(target);
  mkdirSync(outDir, { recursive: true });
  const sums = [];
  for (const target of targets) {
    const folder = join(outDir, TARGETS[target].folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    const problem = versionProblem(version, manifest, target);
    if (problem) fail(problem);
    sums.push(await writeZip(names[target], folderEntries(folder)));
  }
  if (state) {
    const files = committedFiles();
    if (files.some((file) => file.name === 'SOURCE-BUILD.md')) fail('SOURCE-BUILD.md is tracked in git, but the sources zip writes its own');
    const text = sourceBuildText({ version, commit: state.commit, dirty: state.dirty, names, sums });
    sums.push(await writeZip(names.sources, [...files, { name: 'SOURCE-BUILD.md', bytes: Buffer.from(text) }]));
  }
  console.log(`npm run zip: ${sums.length} package(s) in ${relative(root, outDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s; check them with npm run release:check`);
}

await main();
