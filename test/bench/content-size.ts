// The content scripts' size beside their 50 KB goal (issue 14): each built script (one per platform, and content.js
// for other sites), the largest held to the goal, read from the build under test (`${POSTPROOF_OUT_DIR:-.output}/chrome-mv3`),
// and what the largest is made of, by folder and by file, from an esbuild bundle of the same entry, minified (its
// metafile says how many bytes each input adds). The picker (picker.js), injected only on request, is listed apart.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../fixtures';

export interface SizeFigure {
  value: number;
  unit: 'KB';
  goal?: number;
}

const GOAL_KB = 50;
/** The entry of a built content script: content-scripts/x.js ← entrypoints/x.content.ts, content.js ← content.ts. */
const entryOf = (file: string) => (file === 'content.js' ? 'entrypoints/content.ts' : `entrypoints/${file.replace(/\.js$/, '')}.content.ts`);
/** kB as the build prints them (1,000 bytes). */
const kb = (bytes: number) => Math.round(bytes / 10) / 100;

/** A dependency by its package name (webextension-polyfill), a project file by its folder (utils/platforms, ...). */
function folderOf(input: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inPackage ? inPackage[1]! : dirname(input);
}

/** Bytes each input adds to the minified bundle of a content script's entry. */
async function contributors(entry: string): Promise<Map<string, number>> {
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    absWorkingDir: repoRoot,
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    logLevel: 'warning',
  });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return new Map(Object.entries(inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]));
}

function top(entries: Iterable<[string, number]>, count: number): [string, number][] {
  return [...entries].sort((a, b) => b[1] - a[1]).slice(0, count);
}

export async function benchContentSize(extensionDir: string, log: (line: string) => void = console.log): Promise<Record<string, SizeFigure>> {
  const folder = join(extensionDir, 'content-scripts');
  const sizes = readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .map((name): [string, number] => [name, statSync(join(folder, name)).size])
    .sort((a, b) => b[1] - a[1]);
  const [largest, bytes] = sizes[0]!;
  log(`content scripts in ${folder}: largest ${largest} ${kb(bytes)} KB (goal ${GOAL_KB} KB)`);
  log(`  each: ${sizes.map(([name, size]) => `${name} ${kb(size)}`).join(', ')}`);
  const picker = join(extensionDir, 'picker.js');
  if (existsSync(picker)) log(`  injected on request only: picker.js ${kb(statSync(picker).size)} KB`);

  const byFile = await contributors(entryOf(largest));
  const byFolder = new Map<string, number>();
  for (const [file, size] of byFile) byFolder.set(folderOf(file), (byFolder.get(folderOf(file)) ?? 0) + size);
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  const line = (entries: [string, number][]) => entries.map(([name, size]) => `${name} ${kb(size)}`).join(', ');
  log(`  ${largest} by folder (esbuild, minified, ${kb(total)} KB in all): ${line(top(byFolder, 8))}`);
  log(`  largest files: ${line(top(byFile, 10).map(([file, size]) => [file.replace(/^.*node_modules\//, ''), size]))}`);

  return {
    'content-script.size': { value: kb(bytes), unit: 'KB', goal: GOAL_KB },
    ...Object.fromEntries(sizes.map(([name, size]) => [`content-script.file.${name}`, { value: kb(size), unit: 'KB' as const }])),
    ...Object.fromEntries(top(byFolder, 5).map(([name, size]) => [`content-script.part.${name}`, { value: kb(size), unit: 'KB' as const }])),
  };
}
