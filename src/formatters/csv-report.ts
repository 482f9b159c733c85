import type { Formatter } from '../model/report.js';
import { evidenceOf, worstFinding } from './worst-finding.js';

/** Quote a CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
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
