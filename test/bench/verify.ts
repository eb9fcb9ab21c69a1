// The CLI on a volume as large as the extension writes (BENCH_VERIFY_MB, 3 GiB by default): a bundle of captures
// with large media, written to disk by the project's own streaming writer (stored files passed as file-backed Blobs,
// as the volume export does), then `postproof verify` timed against `sha256sum` of the same file in the same run, and
// its peak memory read from the kernel (VmHWM) while it runs, against the same CLI doing nothing.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { repoRoot } from '../fixtures';
import { writeBundleZip } from '../../utils/formats/bundle/bundle-writer';
import { makeCaptures, makeTestKey } from '../support/bundle-captures';
import type { BundleCaptureSource } from '../../utils/formats/bundle/types';
import { CAPTURE_FORMAT, type CaptureRecord } from '../../utils/model';
import { signDer } from '../../utils/provenance/ecdsa';
import { sha256Hex, utf8 } from '../../utils/provenance/hash';
import { StoredZipWriter } from '../../utils/zip/stored-writer';

interface Figure {
  value: number;
  unit: 'ms' | 's' | 'MB';
  baseline?: number;
  ratio?: number;
}

const MiB = 1024 * 1024;
const totalMb = Number(process.env.BENCH_VERIFY_MB ?? 3072);
const MEDIA_MB = 128;

/** A media file of `mb` MiB on disk (random blocks, so nothing is compressible), with its SHA-256 and CRC-32. */
function writeMedia(file: string, mb: number): { sha256: string; crc: number } {
  const hash = createHash('sha256');
  let crc = 0;
  const block = randomBytes(MiB);
  const chunks: Buffer[] = [];
  for (let i = 0; i < mb; i++) {
    block.writeUInt32LE(i, 0);
    const copy = Buffer.from(block);
    hash.update(copy);
    crc = crc32(copy, crc);
    chunks.push(copy);
  }
  writeFileSync(file, Buffer.concat(chunks));
  return { sha256: hash.digest('hex'), crc: crc >>> 0 };
}

/** Writes the bundle with the project's writer; returns the exporting key's fingerprint. */
async function writeLargeBundle(work: string, zipFile: string): Promise<string> {
  const key = await makeTestKey();
  const count = Math.max(1, Math.round(totalMb / MEDIA_MB));
  const base = await makeCaptures(key, Array.from({ length: count }, (_, i) => ({ text: `large capture ${i}` })));
  const sources: BundleCaptureSource[] = [];
  let previous: string | null = null;
  for (const [i, source] of base.entries()) {
    const mediaFile = join(work, `media-${i}.bin`);
    const media = writeMedia(mediaFile, MEDIA_MB);
    const record = JSON.parse(new TextDecoder().decode(source.stored.recordBytes)) as CaptureRecord;
    record.previousCaptureSha256 = previous;
    record.artifacts = [...record.artifacts.filter((a) => a.path !== 'media/1.jpg'), { path: 'media/1.mp4', role: 'media', mediaType: 'video/mp4', bytes: MEDIA_MB * MiB, sha256: media.sha256 }];
    if (record.format !== CAPTURE_FORMAT) throw new Error('not a capture record');
    const recordBytes = utf8(JSON.stringify(record, null, 2));
    const recordSha256 = await sha256Hex(recordBytes);
    previous = recordSha256;
    const blob = await openAsBlob(mediaFile);
    sources.push({
      stored: { ...source.stored, recordBytes, recordSha256, signature: await signDer(key.privateKey, recordBytes) },
      readArtifact: (path) => source.readArtifact(path),
      readArtifactBlob: async (path) => (path === 'media/1.mp4' ? { blob, crc32: media.crc } : undefined),
    });
  }
  const out = createWriteStream(zipFile);
  const write = (chunk: Uint8Array) => new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
  const zip = new StoredZipWriter(
    {
      write: async (part) => {
        if (part instanceof Blob) for await (const chunk of part.stream()) await write(chunk as Uint8Array);
        else await write(part);
      },
    },
    new Date(),
  );
  await writeBundleZip(zip, { captures: sources, signer: key.signer, software: 'PostProof bench', streamed: true });
  await zip.finish();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return key.signer.keyId;
}

/** Runs a command, timing it and following its peak resident memory (VmHWM) until it ends. */
function measured(command: string, args: string[]): Promise<{ ms: number; peakMb: number; status: number | null; output: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      } catch {
        // ended
      }
    }, 20);
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - started, peakMb: peakKb / 1024, status, output });
    });
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchVerify(work: string): Promise<Record<string, Figure>> {
  const zipFile = join(work, 'large.zip');
  const keyId = await writeLargeBundle(work, zipFile);
  const sizeMb = statSync(zipFile).size / MiB;
  // The file is in the page cache for both (it was just written); sha256sum once to be sure, then the timed runs.
  spawnSync('sha256sum', [zipFile]);
  const sha = await measured('sha256sum', [zipFile]);
  const cli = join(repoRoot, 'dist', 'cli', 'postproof.mjs');
  const verify = await measured(process.execPath, [cli, 'verify', zipFile, '--expect-key', keyId]);
  // The memory baseline: the same CLI loaded and doing nothing (--help), so the ratio shows what verifying adds.
  const idle = await measured(process.execPath, [cli, '--help']);
  if (verify.status !== 0) throw new Error(`postproof verify did not say VALID (${verify.status}): ${verify.output.slice(0, 2000)}`);
  rmSync(zipFile, { force: true });
  console.log(`verify: a ${Math.round(sizeMb)} MiB bundle; sha256sum ${round(sha.ms / 1000)} s, postproof verify ${round(verify.ms / 1000)} s, peak ${Math.round(verify.peakMb)} MB (idle CLI ${Math.round(idle.peakMb)} MB)`);
  return {
    [`verify_${Math.round(sizeMb)}mib_s`]: { value: round(verify.ms / 1000), unit: 's', baseline: round(sha.ms / 1000), ratio: round(verify.ms / sha.ms) },
    [`verify_${Math.round(sizeMb)}mib_peak_memory`]: { value: Math.round(verify.peakMb), unit: 'MB', baseline: Math.round(idle.peakMb), ratio: round(verify.peakMb / Math.max(idle.peakMb, 1)) },
  };
}
