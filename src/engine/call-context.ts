import type { Call } from '../model/call.js';
import type { Token } from '../nlp/tokenize.js';
import type { CallMetrics } from './call-metrics.js';
import type { CallTimeline } from './call-timeline.js';

/** Everything the checks read about one call, computed once before any rule runs. */
export interface CallContext {
  call: Call;
  /** Normalised tokens of each turn. */
  tokens: Token[][];
  timeline: CallTimeline;
  metrics: CallMetrics;
  targets: RunTargets;
}

/** Targets set for a run (CLI or configuration), not by the pack: they differ per contact centre. */
export interface RunTargets {
  /** Handle-time target in seconds, for every queue without its own. */
  ahtSeconds?: number;
  /** Handle-time target in seconds per queue (meta field "queue"). */
  ahtSecondsByQueue?: Record<string, number>;
}

export function ahtTargetMs(targets: RunTargets, queue: unknown): number | undefined {
  const seconds = (typeof queue === 'string' ? targets.ahtSecondsByQueue?.[queue] : undefined) ?? targets.ahtSeconds;
  return seconds === undefined ? undefined : seconds * 1000;
}
