import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { CallResult } from '../model/result.js';
import type { Formatter, RunHeader } from '../model/report.js';
import type { SignalSummary, Summary } from '../aggregate/summary.js';
import { stripControls } from './redact.js';
import { evidenceOf, worstFinding } from './worst-finding.js';

export interface TableOptions {
  chalk: ChalkInstance;
  /** Terminal width; long cells are cut to fit. */
  width: number;
  groupBy?: string;
}

/** No rule between rows: one call per line reads faster. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(1, n - 1))}…`);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function scoreColour(chalk: ChalkInstance, score: number): string {
  const text = score.toFixed(0);
  return score >= 80 ? chalk.green(text) : score >= 60 ? chalk.yellow(text) : chalk.red(text);
}

function signalCell(r: CallResult, chalk: ChalkInstance): string {
  const inward = r.signals.filter((s) => s.polarity === 'inward').map((s) => `${s.signal}×${s.count}`);
  const outward = r.signals.filter((s) => s.polarity === 'outward').map((s) => chalk.green(`+${s.signal}×${s.count}`));
  const baselined = r.findings.filter((f) => f.baselined).length;
  const known = baselined > 0 ? [chalk.dim(`(${baselined} baselined)`)] : [];
  return [...inward, ...outward, ...known].join(' ') || chalk.dim('—');
}

function statsLine(s: Summary): string {
  const f = (n: number | null) => (n === null ? '—' : n.toFixed(1));
  return `${s.calls} calls · score mean ${f(s.score.mean)} · median ${f(s.score.median)} · p10 ${f(s.score.p10)} · min ${f(s.score.min)}`;
}

function prevalenceTable(signals: SignalSummary[], chalk: ChalkInstance): string {
  const table = new Table({ head: ['Signal', '', '% of calls', 'Calls', 'Findings'], style: { head: [], border: [] }, chars: COMPACT });
  for (const s of signals) {
    table.push([s.signal, s.polarity === 'inward' ? chalk.red('−') : chalk.green('+'), `${s.prevalence.toFixed(1)} %`, s.calls, s.findings]);
  }
  return table.toString();
}

/** The terminal view: one row per call, then the batch summary (and one line per group). */
export function tableFormatter(options: TableOptions): Formatter {
  const { chalk } = options;
  const rows: CallResult[] = [];
  let header: RunHeader | undefined;
  return {
    start(h) {
      header = h;
      return '';
    },
    call(r) {
      rows.push(r);
      return '';
    },
    error: () => '',
    end(end) {
      const idWidth = Math.max(4, ...rows.map((r) => r.id.length)) + 2;
      const agentWidth = Math.max(5, ...rows.map((r) => String(r.meta.agent ?? '').length)) + 2;
      const signalWidth = 34;
      const evidenceWidth = Math.max(30, options.width - idWidth - agentWidth - 7 - signalWidth - 6);
      const table = new Table({
        head: ['Call', 'Agent', 'Score', 'Signals', 'Worst finding'],
        style: { head: [], border: [] },
        chars: COMPACT,
        wordWrap: true,
        colWidths: [idWidth, agentWidth, 7, signalWidth, evidenceWidth],
      });
      for (const r of rows) {
        // with --baseline, the worst finding worth showing is a new one
        const worst = worstFinding(r.findings.filter((f) => !f.baselined));
        const worstText = worst
          ? `${chalk.bold(worst.signal)} t${worst.turn}: "${cut(oneLine(evidenceOf(worst)), Math.max(20, 2 * evidenceWidth - worst.signal.length - 12))}"`
          : chalk.dim('—');
        table.push([stripControls(r.id), stripControls(String(r.meta.agent ?? '')), scoreColour(chalk, r.score), signalCell(r, chalk), stripControls(worstText)]);
      }
      const out: string[] = [];
      if (rows.length > 0) out.push(table.toString());
      out.push('');
      const skipped = end.counts.skipped ?? 0;
      out.push(chalk.bold(statsLine(end.summary)) + (skipped > 0 ? ` · ${skipped} skipped` : '') + (end.counts.errors > 0 ? chalk.red(` · ${end.counts.errors} input errors`) : ''));
      out.push(prevalenceTable(end.summary.signals, chalk));
      if (end.groups.length > 0) {
        const g = new Table({ head: [options.groupBy ?? 'group', 'Calls', 'Mean', 'Median', 'p10', 'Top inward signal'], style: { head: [], border: [] }, chars: COMPACT });
        for (const group of end.groups) {
          const top = group.signals.filter((s) => s.polarity === 'inward').sort((a, b) => b.calls - a.calls)[0];
          const f = (n: number | null) => (n === null ? '—' : n.toFixed(1));
          g.push([group.group, group.calls, f(group.score.mean), f(group.score.median), f(group.score.p10), top && top.calls > 0 ? `${top.signal} (${top.prevalence.toFixed(0)} %)` : '—']);
        }
        out.push(g.toString());
      }
      if (header) out.push(chalk.dim(`rule pack ${header.pack.name} ${header.pack.version} (${header.pack.hash})`));
      return `${out.join('\n')}\n`;
    },
  };
}
