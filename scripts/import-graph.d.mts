// Types of import-graph.mjs (a plain Node script, so `npm test` runs it before anything is built).
export interface ImportEdge {
  to: string;
  typeOnly: boolean;
  kind: 'import' | 'export' | 'dynamic' | 'mock' | 'import-type';
}
export interface ImportGraph {
  files: string[];
  edges: Map<string, ImportEdge[]>;
}
export function sourceFiles(root: string): string[];
export function importGraph(root: string): ImportGraph;
export function importLoops(graph: ImportGraph, options?: { includeTypeOnly?: boolean }): string[][];
export function reachableFrom(graph: ImportGraph, start: string, options?: { runtimeOnly?: boolean }): string[];
