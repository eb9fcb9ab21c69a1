// Types of deterministic-zip.mjs (plain Node, used by npm run zip and npm run release:check).
export interface ZipInput {
  name: string;
  bytes: Uint8Array;
  executable?: boolean;
}
export interface ZipOutputEntry {
  name: string;
  dir: boolean;
  size: number;
  bytes: Buffer;
}
export const ZIP_DATE: Date;
export const FILE_MODE: number;
export const EXECUTABLE_MODE: number;
export function deterministicZip(entries: ZipInput[]): Promise<Buffer>;
export function entryNameProblem(name: string): string | undefined;
export function folderEntries(folder: string): ZipInput[];
export function readZip(bytes: Uint8Array): Promise<ZipOutputEntry[]>;
export function sha256Hex(bytes: Uint8Array): string;
