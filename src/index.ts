/**
 * cxlint as a library: read calls, load the rule packs, score a call. The command line is built on
 * the same functions; results have the shape of the `json` report's `calls`.
 *
 *   const { pack } = loadPacks([]);                    // the default pack (plus folders given)
 *   for (const item of readCalls(['calls.jsonl'])) if (item.kind === 'call') console.log(runAndScore(pack!, item.call, {}, []).result.score);
 */
export type { Call, Turn, Speaker } from './model/call.js';
export type { CallResult } from './model/result.js';
export type { Finding } from './model/finding.js';
export type { CompiledPack } from './ruleset/compile-pack.js';
export type { RunTargets } from './engine/call-context.js';
export type { InputItem, ReadOptions } from './io/read-calls.js';
export type { ScoredCall } from './scoring/run-and-score.js';
export { loadPacks } from './io/load-packs.js';
export { readCalls } from './io/read-calls.js';
export { runAndScore } from './scoring/run-and-score.js';
