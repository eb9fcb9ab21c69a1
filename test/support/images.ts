// Real, decodable images made in-process for the fake media CDN: a baseline JPEG encoder (DC-only 8×8 blocks,
// so every block is one flat colour) and a PNG encoder on node:zlib. Colours come from a hash of the URL, and
// the size from X's `name=` parameter, so a test can tell exactly which media URL a captured file came from.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface SyntheticImage {
  body: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

type Rgb = readonly [number, number, number];

/** Colour of every 8×8 block: three colours from the seed's hash in a diagonal-stripe pattern. */
function blockPainter(seed: string): (bx: number, by: number) => Rgb {
  const h = createHash('sha256').update(seed).digest();
  const palette: Rgb[] = [0, 3, 6].map((i) => [h[i]!, h[i + 1]!, h[i + 2]!] as Rgb);
  const shift = h[9]! % 3;
  return (bx, by) => palette[(bx + by + shift) % 3]!;
}

// ---------------------------------------------------------------- JPEG (baseline, 4:4:4, DC-only)

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

/** A baseline JPEG whose 8×8 blocks are painted by `paint`; width and height are multiples of 8. */
export function encodeJpeg(width: number, height: number, paint: (bx: number, by: number) => Rgb): Buffer {
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0])); // JFIF 1.1
  out.push(...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])); // quant table 0: all ones
  out.push(...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]));
  // DC table 0: categories 0..11, all 4-bit codes (code for category s is s). AC table 0: only EOB, code "0".
  const dcCounts = new Array<number>(16).fill(0);
  dcCounts[3] = 12;
  const acCounts = new Array<number>(16).fill(0);
  acCounts[0] = 1;
  out.push(...segment(0xc4, [0x00, ...dcCounts, ...Array.from({ length: 12 }, (_, i) => i), 0x10, ...acCounts, 0x00]));
  out.push(...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
  const bits = new BitWriter();
  const prev = [0, 0, 0];
  for (let by = 0; by < height / 8; by++) {
    for (let bx = 0; bx < width / 8; bx++) {
      const [r, g, b] = paint(bx, by);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      for (let c = 0; c < 3; c++) {
        const dc = Math.max(-1024, Math.min(1016, Math.round(8 * (ycc[c]! - 128))));
        const diff = dc - prev[c]!;
        prev[c] = dc;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        bits.write(size, 4);
        if (size > 0) bits.write(diff >= 0 ? diff : diff + (1 << size) - 1, size);
        bits.write(0, 1); // EOB: all AC coefficients zero
      }
    }
  }
  out.push(...bits.finish(), 0xff, 0xd9);
  return Buffer.from(out);
}

// ---------------------------------------------------------------- PNG

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGB PNG painted in 8×8 blocks. */
export function encodePng(width: number, height: number, paint: (bx: number, by: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x >> 3, y >> 3);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- the fake CDN's choice of image

/** Pixel size per X `name=` variant (small, so tests stay fast; larger names give larger images). */
const sizeByName: Record<string, [number, number]> = {
  tiny: [16, 16],
  thumb: [32, 32],
  small: [64, 48],
  '240x240': [48, 48],
  '360x360': [64, 64],
  medium: [96, 72],
  '900x900': [96, 96],
  large: [128, 96],
  '4096x4096': [160, 120],
  orig: [160, 120],
};

/** X avatar variants: _mini 24, _normal 48, _bigger 73 (here 72), _x96 96, _200x200, _400x400; original 400. */
function profileImageSize(path: string): [number, number] {
  const round8 = (n: number) => Math.max(8, Math.min(400, Math.round(n / 8) * 8));
  let m: RegExpExecArray | null;
  if ((m = /_(\d+)x(\d+)\.\w+$/.exec(path))) return [round8(Number(m[1])), round8(Number(m[2]))];
  if ((m = /_x(\d+)\.\w+$/.exec(path))) return [round8(Number(m[1])), round8(Number(m[1]))];
  const named: Record<string, number> = { mini: 24, normal: 48, bigger: 72 };
  if ((m = /_(mini|normal|bigger)\.\w+$/.exec(path))) return [named[m[1]!]!, named[m[1]!]!];
  return [400, 400];
}

/**
 * The image the fixture server answers for a media URL (e.g. https://pbs.twimg.com/media/X?format=jpg&name=medium).
 * Deterministic: the same URL always gives the same bytes, different URLs (path or query) give different colours.
 * PNG when the URL asks for it (`format=png` or a `.png` path), JPEG otherwise.
 */
export function syntheticImageFor(url: string | URL): SyntheticImage {
  const u = typeof url === 'string' ? new URL(url) : url;
  const seed = `${u.hostname}${u.pathname}${u.search}`;
  const name = u.searchParams.get('name');
  let size: [number, number] = [120, 80];
  if (name && sizeByName[name]) size = sizeByName[name]!;
  else if (/\/profile_images\//.test(u.pathname)) size = profileImageSize(u.pathname);
  const [width, height] = size;
  const paint = blockPainter(seed);
  const wantsPng = u.searchParams.get('format') === 'png' || /\.png$/i.test(u.pathname);
  return wantsPng
    ? { body: encodePng(width, height, paint), contentType: 'image/png', width, height }
    : { body: encodeJpeg(width, height, paint), contentType: 'image/jpeg', width, height };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (the first chunk, right after the signature); throws on anything else. */
export function pngSize(bytes: Buffer, name = 'the file'): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`${name} is not a PNG`);
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error(`${name} does not start with IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
