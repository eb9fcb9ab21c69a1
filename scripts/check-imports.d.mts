// Types of check-imports.mjs (a plain Node script, so `npm test` runs it before anything is built).
import type { ImportGraph } from './import-graph.mjs';
export function partOf(file: string): string;
export function isTestOnly(file: string): boolean;
export function layeringFindings(graph: ImportGraph): string[];
