/** Types for generate-corpus.js (plain JavaScript so `npm run bench` needs no build of its own). */
export function rng(seed: number): () => number;
export function generateCorpus(options: { base: string; calls: number; turns: number; seed?: number; packDir: string; csv?: boolean }): Promise<{ agent: string[]; customer: string[] }>;
