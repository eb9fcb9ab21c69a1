// The content script's size beside its 50 KB goal (issue 14): the built file every page of every supported site loads,
// read from the build under test (`${POSTPROOF_OUT_DIR:-.output}/chrome-mv3`), and what it is made of, by folder and
// by file, from an esbuild bundle of the same entry, minified (its metafile says how many bytes each input adds).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../fixtures';

export interface SizeFigure {
  value: number;
  unit: 'KB';
  goal?: number;
}

const GOAL_KB = 50;
const ENTRY = 'entrypoints/content.ts';
/** kB as the build prints them (1,000 bytes). */
const kb = (bytes: number) => Math.round(bytes / 10) / 100;

/** A dependency by its package name (webextension-polyfill), a project file by its folder (utils/platforms, ...). */
function folderOf(input: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inPackage ? inPackage[1]! : dirname(input);
}

/** Bytes each input adds to the minified bundle of the content script's entry. */
async function contributors(): Promise<Map<string, number>> {
  const result = await build({
    entryPoints: [join(repoRoot, ENTRY)],
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
  const files = readdirSync(folder).filter((name) => name.endsWith('.js'));
  const bytes = files.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  log(`content script: ${files.join(', ')} in ${folder}: ${kb(bytes)} KB (goal ${GOAL_KB} KB)`);

  const byFile = await contributors();
  const byFolder = new Map<string, number>();
  for (const [file, size] of byFile) byFolder.set(folderOf(file), (byFolder.get(folderOf(file)) ?? 0) + size);
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  const line = (entries: [string, number][]) => entries.map(([name, size]) => `${name} ${kb(size)}`).join(', ');
  log(`  by folder (esbuild, minified, ${kb(total)} KB in all): ${line(top(byFolder, 8))}`);
  log(`  largest files: ${line(top(byFile, 10).map(([file, size]) => [file.replace(/^.*node_modules\//, ''), size]))}`);

  return {
    'content-script.size': { value: kb(bytes), unit: 'KB', goal: GOAL_KB },
    ...Object.fromEntries(top(byFolder, 5).map(([name, size]) => [`content-script.part.${name}`, { value: kb(size), unit: 'KB' as const }])),
  };
}
