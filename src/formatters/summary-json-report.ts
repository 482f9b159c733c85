import { canonicalState, PARTIAL_VERSION, type RunPartial } from '../aggregate/partial.js';
import type { WorstCall } from '../aggregate/worst-calls.js';
import type { Formatter } from '../model/report.js';
import { summaryFormatter } from './summary-formatter.js';

/**
 * `--format summary-json`: the run's mergeable state (summary totals, per-group totals, gate state,
 * the lowest-scoring calls, counts and errors) rather than finished statistics, so that
 * `cxlint merge` over the shards of a batch gives exactly what one run over the batch gives.
 */
export function summaryJsonFormatter(options: { worst?: WorstCall[] } = {}): Formatter {
  return summaryFormatter(options.worst, (end, header, worst) => {
    if (!header || !end.state) throw new Error('summary-json needs the run header and state');
    const partial: RunPartial = { type: 'cxlint-summary', partialVersion: PARTIAL_VERSION, header, counts: end.counts, state: canonicalState(end.state), worst, errors: end.errors };
    return `${JSON.stringify(partial)}\n`;
  });
}
