// The README's permission table must justify every permission, host and optional host the manifest asks for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
/** The table rows: `| what | why | without it |`, each with a non-empty "without it". */
const rows = readme.split('\n').filter((line) => /^\|\s*[^-\s|]/.test(line) && !line.startsWith('| permission'));
const manifest = config.manifest as {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  commands?: object;
};

function rowFor(name: string): string | undefined {
  return rows.find((row) => row.split('|')[1]?.includes(name));
}

describe('README permissions table', () => {
  it('lists every API permission with what breaks without it', () => {
    for (const permission of manifest.permissions ?? []) {
      const row = rowFor(`\`${permission}\``);
      expect(row, `README has no row for ${permission}`).toBeDefined();
      expect(row!.split('|')[3]?.trim(), `README row of ${permission} says nothing of what breaks`).toBeTruthy();
    }
    for (const permission of manifest.optional_permissions ?? []) {
      const row = rowFor(`optional \`${permission}\``);
      expect(row, `README has no row for the optional ${permission}`).toBeDefined();
      expect(row!.split('|')[3]?.trim(), `README row of ${permission} says nothing of what breaks`).toBeTruthy();
    }
    if (manifest.commands) expect(rowFor('`commands`')).toBeDefined();
  });

  it('lists every host the manifest asks for, and the optional <all_urls>', () => {
    for (const pattern of manifest.host_permissions ?? []) {
      const host = pattern.replace(/^[^:]+:\/\//, '').replace(/\/.*$/, '').replace(/^\*\./, '');
      expect(rowFor(host), `README has no row for host ${host}`).toBeDefined();
    }
    for (const pattern of manifest.optional_host_permissions ?? []) expect(rowFor(`\`${pattern}\``), `README has no row for ${pattern}`).toBeDefined();
  });
});
