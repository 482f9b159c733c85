import { keepWorst, worstCallOf, type WorstCall } from '../aggregate/worst-calls.js';
import type { Formatter, ReportEnd, RunHeader } from '../model/report.js';

/**
 * A report written once at the end (summary-json, markdown): it keeps the run header and the
 * lowest-scoring calls as they stream by, and prints nothing per call or error. `worst` starts the
 * list (what `cxlint merge` read from the partials, which has no calls to look at).
 */
export function summaryFormatter(worst: WorstCall[] | undefined, end: (end: ReportEnd, header: RunHeader | undefined, worst: WorstCall[]) => string): Formatter {
  let header: RunHeader | undefined;
  let kept: WorstCall[] = worst ?? [];
  return {
    start(h) {
      header = h;
      return '';
    },
    call(r) {
      kept = keepWorst([...kept, worstCallOf(r)]);
      return '';
    },
    error: () => '',
    end: (e) => end(e, header, kept),
  };
}
