import type { Formatter } from '../model/report.js';
import { evidenceOf, worstFinding } from './worst-finding.js';

/** Terminal escape sequences and control characters other than tab and line breaks. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/**
 * Quote a CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe. Escape
 * sequences and control characters from a transcript are dropped: a CSV is often `cat` to a terminal.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value).replace(CONTROLS, '');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per call: identity, chosen meta fields, score, one count column per signal, the worst finding. */
export function csvFormatter(signals: string[], metaKeys: string[]): Formatter {
  return {
    start: () =>
      `${['call_id', 'file', ...metaKeys, 'score', 'penalty', 'bonus', 'turns', 'handle_time_ms', ...signals, 'worst_rule', 'worst_evidence']
        .map(csvCell)
        .join(',')}\n`,
    call(r) {
      const counts = new Map(r.signals.map((s) => [s.signal, s.count]));
      const worst = worstFinding(r.findings);
      const row = [
        r.id,
        r.source.file,
        ...metaKeys.map((k) => r.meta[k]),
        r.score,
        r.penalty,
        r.bonus,
        r.turnCount,
        r.metrics.handleTimeMs,
        ...signals.map((s) => counts.get(s) ?? 0),
        worst?.ruleId,
        worst ? evidenceOf(worst) : undefined,
      ];
      return `${row.map(csvCell).join(',')}\n`;
    },
    error: () => '',
    end: () => '',
  };
}
