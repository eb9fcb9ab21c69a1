// The layering check catches what it is meant to: a loop (also one made of type-only imports), an import up the
// order, a pure part reaching out, the store reaching a feature, shipped code reaching test-only code. Each case is
// a small tree written to a temporary folder and read by the same graph code `npm test` runs over the project.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importGraph, importLoops, reachableFrom } from './import-graph.mjs';
import { layeringFindings, partOf } from './check-imports.mjs';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, string>) {
  root = mkdtempSync(join(tmpdir(), 'imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return importGraph(root);
}

describe('import loops', () => {
  it('finds a loop of three files and names each', () => {
    const graph = tree({
      'utils/a/one.ts': "import { two } from './two';\nexport const one = 1;",
      'utils/a/two.ts': "import { three } from '../b/three';\nexport const two = 2;",
      'utils/b/three.ts': "export { one } from '../a/one';\nexport const three = 3;",
      'utils/b/alone.ts': "import { one } from '../a/one';",
    });
    expect(importLoops(graph)).toEqual([['utils/a/one.ts', 'utils/a/two.ts', 'utils/b/three.ts']]);
  });

  it('counts a loop closed by a type-only import, and can leave it out', () => {
    const graph = tree({
      'utils/a/one.ts': "import type { Two } from './two';\nexport type One = Two;",
      'utils/a/two.ts': "import { one } from './one';\nexport type Two = string;",
    });
    expect(importLoops(graph)).toHaveLength(1);
    expect(importLoops(graph, { includeTypeOnly: false })).toHaveLength(0);
  });

  it('follows dynamic imports and vi.mock, and resolves folders to their index', () => {
    const graph = tree({
      'utils/a/index.ts': "export const lazy = () => import('../b/late');",
      'utils/b/late.ts': "import { lazy } from '../a';",
      'utils/a/a.test.ts': "vi.mock('../b/late');",
    });
    expect(importLoops(graph)).toEqual([['utils/a/index.ts', 'utils/b/late.ts']]);
    expect(reachableFrom(graph, 'utils/a/a.test.ts')).toEqual(['utils/a/a.test.ts', 'utils/b/late.ts', 'utils/a/index.ts']);
  });

  it('finds none in a tree that only imports downward', () => {
    const graph = tree({ 'utils/a/one.ts': "import { two } from '../b/two';", 'utils/b/two.ts': 'export const two = 2;' });
    expect(importLoops(graph)).toEqual([]);
  });
});

describe('layering rules', () => {
  it('names the part of a file as the layout draws it', () => {
    expect(partOf('utils/formats/bundle/bundle-writer.ts')).toBe('utils/formats/bundle');
    expect(partOf('utils/capture/page/snapshot.ts')).toBe('utils/capture/page');
    expect(partOf('utils/capture/protocol.ts')).toBe('utils/capture');
    expect(partOf('utils/model.ts')).toBe('utils/model.ts');
    expect(partOf('components/capture-list.tsx')).toBe('components');
  });

  it('refuses each kind of import up the order and lets the same imports downward pass', () => {
    const graph = tree({
      'entrypoints/popup/main.tsx': "import { List } from '../../components/list';",
      'components/list.tsx': "import { row } from '../utils/store/rows';\nimport { x } from '../entrypoints/popup/main';",
      'utils/store/rows.ts': "import { pack } from '../formats/bundle/pack';\nimport type { Row } from '../model';",
      'utils/formats/bundle/pack.ts': "import { List } from '../../../components/list';",
      'utils/provenance/hash.ts': "import type { Row } from '../model';\nimport { rows } from '../store/rows';",
      'utils/platforms/x.ts': "import { sample } from './x.fixtures';",
      'utils/platforms/x.fixtures.ts': "import { rows } from '../store/rows';",
      'utils/platforms/x.test.ts': "import { sample } from './x.fixtures';\nimport { setup } from '../../test/support/setup';",
      'test/support/setup.ts': 'export const setup = 1;',
      'utils/model.ts': 'export type Row = string;',
    });
    expect(layeringFindings(graph)).toEqual([
      'components/list.tsx → entrypoints/popup/main.tsx: components/ never import entry points',
      'utils/formats/bundle/pack.ts → components/list.tsx: utils/ and bin/ never import the pages',
      'utils/platforms/x.ts → utils/platforms/x.fixtures.ts: shipped code imports a test-only module',
      'utils/provenance/hash.ts → utils/store/rows.ts: utils/provenance/ is pure: it imports only model.ts and error-message.ts',
      'utils/store/rows.ts → utils/formats/bundle/pack.ts: the store imports no part above it (utils/formats/bundle/)',
    ]);
  });
});
