import type { Call } from '../model/call.js';
import type { Token } from '../nlp/tokenize.js';
import type { CallMetrics } from './call-metrics.js';
import type { CallTimeline } from './call-timeline.js';

/** Everything the checks read about one call, computed once before any rule runs. */
export interface CallContext {
  call: Call;
  /** Normalised tokens of each turn. */
  tokens: Token[][];
  /** The distinct normalised words of each turn, for anchor prefiltering. */
  words: Set<string>[];
  timeline: CallTimeline;
  metrics: CallMetrics;
}
