import type { CallResult } from '../model/result.js';
import type { Formatter, RunHeader } from '../model/report.js';

/**
 * One JSON document: header fields, counts, summary, groups, every call result, every error and
 * every skipped record.
 * `cxlint merge` has no call results and leaves `calls` out.
 */
export function jsonFormatter(options: { calls?: boolean } = {}): Formatter {
  let header: RunHeader | undefined;
  const calls: CallResult[] = [];
  return {
    start(h) {
      header = h;
      return '';
    },
    call(r) {
      calls.push(r);
      return '';
    },
    error: () => '',
    end(end) {
      const doc = { ...header, counts: end.counts, summary: end.summary, groups: end.groups, ...(options.calls === false ? {} : { calls }), errors: end.errors, ...(end.skipped ? { skipped: end.skipped } : {}) };
      return `${JSON.stringify(doc, null, 2)}\n`;
    },
  };
}
