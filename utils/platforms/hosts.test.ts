// The popup's table of platform pages (hosts.ts) against the adapters themselves: same platforms, same detect
// selectors, and each listed host claimed by its own adapter and no other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_MATCHES, matchPatterns, PLATFORM_HOSTS, PLATFORM_PAGES, structuralDetectors } from './hosts';
import { adapterForUrl, allAdapters, structuralAdapters } from './index';

describe('the table of platform pages', () => {
  it('names every registered adapter once, in the registry order', () => {
    expect(PLATFORM_PAGES.map((page) => page.name)).toEqual(allAdapters().map((adapter) => adapter.name));
  });

  it('gives each adapter its own detect selector', () => {
    for (const adapter of allAdapters()) {
      expect(PLATFORM_PAGES.find((page) => page.name === adapter.name)?.detectSelector, adapter.name).toBe(adapter.detectSelector);
    }
    expect(structuralDetectors()).toEqual(structuralAdapters().map((adapter) => ({ name: adapter.name, selector: adapter.detectSelector })));
    expect(structuralDetectors().length).toBeGreaterThan(0);
  });

  it('lists hosts that their adapter, and only it, claims; structural platforms claim no host', () => {
    for (const page of PLATFORM_PAGES) {
      for (const host of page.hosts) expect(adapterForUrl(new URL(`https://${host}/some/path`))?.name, host).toBe(page.name);
      if (page.detectSelector !== undefined) {
        const adapter = allAdapters().find((candidate) => candidate.name === page.name)!;
        expect(page.hosts).toEqual([]);
        expect(adapter.matches(new URL('https://mastodon.social/@someone/1'))).toBe(false);
      }
    }
  });

  it('holds the same hosts as the content script matches', () => {
    const listed = PLATFORM_PAGES.flatMap((page) => page.hosts);
    expect([...listed].sort()).toEqual([...PLATFORM_HOSTS].sort());
    expect(CONTENT_SCRIPT_MATCHES).toEqual(PLATFORM_HOSTS.map((host) => `https://${host}/*`));
  });

  it('gives each platform with hosts its own content script, declared for its hosts and carrying its adapter only', () => {
    // Read as text: a unit test in utils/ imports nothing from entrypoints/ (scripts/check-imports.mjs).
    const folder = join(__dirname, '..', '..', 'entrypoints');
    const scripts = readdirSync(folder).filter((name) => name.endsWith('.content.ts'));
    const withHosts = PLATFORM_PAGES.filter((page) => page.hosts.length > 0);
    expect(scripts.sort()).toEqual(withHosts.map((page) => `${page.name}.content.ts`).sort());
    for (const page of withHosts) {
      const source = readFileSync(join(folder, `${page.name}.content.ts`), 'utf8');
      expect(source, page.name).toContain(`matches: matchPatterns(${page.name.toUpperCase()}_HOSTS)`);
      expect(source.match(/utils\/platforms\/(?!hosts)\w+/g), page.name).toEqual([`utils/platforms/${page.name}`]);
    }
    expect(withHosts.flatMap((page) => matchPatterns(page.hosts)).sort()).toEqual([...CONTENT_SCRIPT_MATCHES].sort());
    // The script for any other site: registered at run time, never declared; it carries the structural adapters.
    const structural = readFileSync(join(folder, 'content.ts'), 'utf8');
    expect(structural).toContain("registration: 'runtime'");
    for (const page of PLATFORM_PAGES.filter((p) => p.detectSelector)) expect(structural).toContain(`utils/platforms/${page.name}'`);
  });
});
