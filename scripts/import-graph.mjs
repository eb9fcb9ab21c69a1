// The project's import graph, read with the TypeScript compiler's own parser (already a dependency): every static
// import, re-export, `import()` and `vi.mock()` of a relative path, with whether it is type-only. Used by
// scripts/check-imports.mjs (the layering rules and loop check in `npm test`) and by its `--from` report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SOURCE_ROOTS = ['entrypoints', 'components', 'utils', 'bin', 'test'];
const SKIP_DIRS = new Set(['node_modules', '.output', 'dist', '.wxt']);

/** Every .ts/.tsx file under the source roots, as paths relative to `root` with forward slashes. */
export function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of SOURCE_ROOTS) {
    try {
      walk(dir);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return files.sort();
}

/** The relative module specifiers one file names, each with its kind and whether only types cross. */
export function importsOf(path, text) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly))));
      found.push({ spec: node.moduleSpecifier.text, kind: 'import', typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, kind: 'export', typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) found.push({ spec: node.arguments[0].text, kind: 'dynamic', typeOnly: false });
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'vi' && /^(mock|doMock)$/.test(callee.name.text)) {
        found.push({ spec: node.arguments[0].text, kind: 'mock', typeOnly: false });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, kind: 'import-type', typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((entry) => entry.spec.startsWith('.'));
}

/** The project file a relative specifier names, or undefined (a JSON file, a stylesheet, a missing file). */
export function resolveSpecifier(root, fromPath, spec, known) {
  const base = relative(root, resolve(root, dirname(fromPath), spec)).split(sep).join('/');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`, base.replace(/\.js$/, '.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/** The graph: for each file, the project files it imports (edges carry typeOnly and kind). */
export function importGraph(root) {
  const files = sourceFiles(root);
  const known = new Set(files);
  const edges = new Map();
  for (const file of files) {
    const list = [];
    for (const entry of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const target = resolveSpecifier(root, file, entry.spec, known);
      if (target) list.push({ to: target, typeOnly: entry.typeOnly, kind: entry.kind });
    }
    edges.set(file, list);
  }
  return { files, edges };
}

/** Strongly connected components with more than one file (or a file importing itself): the import loops. */
export function importLoops(graph, { includeTypeOnly = true } = {}) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const loops = [];
  const next = (file) => (graph.edges.get(file) ?? []).filter((edge) => includeTypeOnly || !edge.typeOnly).map((edge) => edge.to);
  const connect = (start) => {
    // Iterative Tarjan: a deep chain of imports must not overflow the call stack.
    const work = [[start, 0]];
    indexOf.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [file, position] = frame;
      const targets = next(file);
      if (position < targets.length) {
        frame[1]++;
        const target = targets[position];
        if (!indexOf.has(target)) {
          indexOf.set(target, index);
          low.set(target, index++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file), indexOf.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(file)));
      }
      if (low.get(file) === indexOf.get(file)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1 || targets.includes(file)) loops.push(component.sort());
      }
    }
  };
  for (const file of graph.files) if (!indexOf.has(file)) connect(file);
  return loops;
}

/** Every project file reachable from `start` (static and dynamic imports, types included), `start` first. */
export function reachableFrom(graph, start, { runtimeOnly = false } = {}) {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const edge of graph.edges.get(queue.shift()) ?? []) {
      if (runtimeOnly && edge.typeOnly) continue;
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return [...seen];
}
