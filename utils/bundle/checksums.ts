// SHA256SUMS in the format `sha256sum -c` reads: one `<hex>  <path>` line per file.

export interface ChecksumLine {
  sha256: string;
  path: string;
}

export function formatChecksums(lines: readonly ChecksumLine[]): string {
  return lines.map((line) => `${line.sha256}  ${line.path}\n`).join('');
}

/** Parse SHA256SUMS; lines that do not match the format are returned separately so the verifier can name them. */
export function parseChecksums(text: string): { lines: ChecksumLine[]; malformed: string[] } {
  const lines: ChecksumLine[] = [];
  const malformed: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    // sha256sum writes " *" for binary mode; accept both so a re-made list still reads.
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(raw);
    if (match?.[1] && match[2]) lines.push({ sha256: match[1], path: match[2] });
    else malformed.push(raw);
  }
  return { lines, malformed };
}
