import type { Formatter } from '../model/report.js';

/** A header line, one line per call as soon as it is scored, one per error or skipped record, and the summary last. */
export function ndjsonFormatter(): Formatter {
  return {
    start: (h) => `${JSON.stringify({ type: 'header', ...h })}\n`,
    call: (r) => `${JSON.stringify({ type: 'call', ...r })}\n`,
    error: (e) => `${JSON.stringify({ type: 'error', ...e })}\n`,
    skipped: (s) => `${JSON.stringify({ type: 'skipped', ...s })}\n`,
    end: (end) => `${JSON.stringify({ type: 'summary', counts: end.counts, summary: end.summary, groups: end.groups })}\n`,
  };
}
