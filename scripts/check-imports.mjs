// Checks the layering of ../shared/DESIGN.md §2 over the project's TypeScript imports, and fails `npm test` on:
//   - an import loop (type-only imports count: a loop of types is still two modules that cannot be read apart);
//   - an import up the order: utils/ or bin/ into components/ or entrypoints/, components/ into entrypoints/;
//   - a pure part (provenance/, zip/, platforms/) importing any other part than model.ts (and error-message.ts);
//   - the store importing a feature part above it;
//   - shipped code importing a test-only module (test/, *.test.ts, *.fixtures.ts, test-support).
// A small script over the compiler's own parser rather than madge or dependency-cruiser: the rules are a dozen lines,
// the parser is already a dependency, and type-only imports are told apart exactly as TypeScript sees them.
//
//   node scripts/check-imports.mjs            the check (exit 1 with every finding listed)
//   node scripts/check-imports.mjs --report   also the loops and parts, for a note
//   node scripts/check-imports.mjs --from F   the project files F reaches (static and dynamic imports)
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { importGraph, importLoops, reachableFrom } from './import-graph.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The part of the layout a file belongs to: `utils/<part>` (two levels for formats/ and capture/), else its root. */
export function partOf(file) {
  const segments = file.split('/');
  if (segments[0] !== 'utils') return segments[0];
  if (segments.length === 2) return BASE_MODULES.has(file) ? file : 'utils';
  if ((segments[1] === 'formats' || segments[1] === 'capture') && segments.length > 3) return segments.slice(0, 3).join('/');
  return segments.slice(0, 2).join('/');
}

/** The base every part may import: the shared data model and the one shared helper (the message of a caught error). */
const BASE_MODULES = new Set(['utils/model.ts', 'utils/error-message.ts']);
const PURE_PARTS = new Set(['utils/provenance', 'utils/zip', 'utils/platforms']);
/** Parts the store must not import: everything that uses the store. */
const ABOVE_STORE = ['utils/capture', 'utils/witness', 'utils/stamping', 'utils/export', 'utils/formats', 'utils/evidence', 'utils/batch', 'utils/lists', 'utils/threads', 'utils/locker', 'utils/bundle', 'utils/wacz'];

export function isTestOnly(file) {
  return file.startsWith('test/') || /\.test\.tsx?$/.test(file) || /\.fixtures\.ts$/.test(file) || /(^|\/)test-support\.ts$/.test(file);
}

/** Every finding, each a line naming the importing file, the imported file and the rule. */
export function layeringFindings(graph) {
  const findings = [];
  for (const [from, edges] of graph.edges) {
    const fromPart = partOf(from);
    for (const { to } of edges) {
      const toPart = partOf(to);
      const say = (rule) => findings.push(`${from} → ${to}: ${rule}`);
      if ((fromPart === 'utils' || fromPart.startsWith('utils/') || fromPart === 'bin') && (toPart === 'components' || toPart === 'entrypoints')) say('utils/ and bin/ never import the pages');
      if (fromPart === 'components' && toPart === 'entrypoints') say('components/ never import entry points');
      if (isTestOnly(from)) continue;
      if (isTestOnly(to)) say('shipped code imports a test-only module');
      if (PURE_PARTS.has(fromPart) && toPart !== fromPart && !BASE_MODULES.has(toPart)) say(`${fromPart}/ is pure: it imports only model.ts and error-message.ts`);
      if (fromPart === 'utils/store' && ABOVE_STORE.some((part) => toPart === part || toPart.startsWith(`${part}/`))) say(`the store imports no part above it (${toPart}/)`);
    }
  }
  return findings.sort();
}

function main(argv) {
  const graph = importGraph(root);
  const fromIndex = argv.indexOf('--from');
  if (fromIndex >= 0) {
    const start = argv[fromIndex + 1];
    if (!graph.edges.has(start)) throw new Error(`No project file ${start}`);
    const reached = reachableFrom(graph, start, { runtimeOnly: argv.includes('--runtime') });
    const folders = new Set(reached.map((file) => file.slice(0, file.lastIndexOf('/'))));
    console.log(reached.join('\n'));
    console.log(`${reached.length} files in ${folders.size} folders`);
    return 0;
  }
  const loops = importLoops(graph);
  const runtimeLoops = importLoops(graph, { includeTypeOnly: false });
  const findings = layeringFindings(graph);
  if (argv.includes('--report')) {
    const parts = new Map();
    for (const file of graph.files) if (!isTestOnly(file)) parts.set(partOf(file), (parts.get(partOf(file)) ?? 0) + 1);
    console.log(`${graph.files.length} files; source files per part:`);
    for (const [part, count] of [...parts].sort()) console.log(`  ${part.padEnd(28)} ${count}`);
    console.log(`import loops: ${loops.length} (${runtimeLoops.length} without type-only imports)`);
    for (const loop of loops) console.log(`  ${loop.length} files: ${loop.join(', ')}`);
  }
  for (const loop of loops) console.error(`import loop (${loop.length} files): ${loop.join(' ⇄ ')}`);
  for (const finding of findings) console.error(finding);
  if (loops.length === 0 && findings.length === 0) {
    console.log(`imports: ${graph.files.length} files, no loops, nothing imported up the order`);
    return 0;
  }
  console.error(`imports: ${loops.length} loops, ${findings.length} layering findings (../shared/DESIGN.md §2)`);
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
