// A small real HLS stream for end-to-end tests, made by Debian's ffmpeg (CI installs it; tests skip without it).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** Two variants, the better one (high/, 320×180) of 3 one-second segments, under master.m3u8: every file by relative path. */
export function makeHlsStream(dir: string): Map<string, Buffer> {
  for (const [name, size] of [['low', '160x90'], ['high', '320x180']] as const) {
    const out = join(dir, name);
    spawnSync('mkdir', ['-p', out]);
    const made = spawnSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=10`, '-t', '3',
      '-c:v', 'libx264', '-g', '10', '-pix_fmt', 'yuv420p', '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod',
      '-hls_segment_filename', join(out, 'seg%d.ts'), join(out, 'index.m3u8'),
    ]);
    if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr.toString()}`);
  }
  writeFileSync(
    join(dir, 'master.m3u8'),
    '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=150000,RESOLUTION=160x90\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180\nhigh/index.m3u8\n',
  );
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(dir, path)));
    }
  };
  walk('');
  return files;
}
