import type { CallResult } from '../model/result.js';
import type { Formatter, RunHeader } from '../model/report.js';

/** One JSON document: header fields, counts, summary, groups, every call result and every error. */
export function jsonFormatter(): Formatter {
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
      const doc = { ...header, counts: end.counts, summary: end.summary, groups: end.groups, calls, errors: end.errors };
      return `${JSON.stringify(doc, null, 2)}\n`;
    },
  };
}
