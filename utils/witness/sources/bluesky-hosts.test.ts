import { describe, expect, it } from 'vitest';
import { coveredBy, patternCovers } from './bluesky-hosts';

describe('host match patterns', () => {
  it('matches a subdomain wildcard, and the domain itself, but not look-alikes', () => {
    const pattern = 'https://*.host.bsky.network/*';
    expect(patternCovers(pattern, new URL('https://morel.us-east.host.bsky.network/xrpc/x?y=1'))).toBe(true);
    expect(patternCovers(pattern, new URL('https://host.bsky.network/'))).toBe(true);
    expect(patternCovers(pattern, new URL('https://evilhost.bsky.network/'))).toBe(false);
    expect(patternCovers(pattern, new URL('https://morel.host.bsky.network.example.com/'))).toBe(false);
    expect(patternCovers(pattern, new URL('http://morel.us-east.host.bsky.network/'))).toBe(false);
  });

  it('matches exact hosts and paths as globs', () => {
    expect(patternCovers('https://plc.directory/*', new URL('https://plc.directory/did:plc:abc'))).toBe(true);
    expect(patternCovers('https://plc.directory/*', new URL('https://plc.directory.evil/did'))).toBe(false);
    expect(patternCovers('https://bsky.social/xrpc/*', new URL('https://bsky.social/other'))).toBe(false);
    expect(patternCovers('not a pattern', new URL('https://bsky.social/'))).toBe(false);
    expect(coveredBy(['https://a.example/*', 'https://b.example/*'], new URL('https://b.example/x'))).toBe(true);
  });
});
