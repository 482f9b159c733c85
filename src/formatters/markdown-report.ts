import type { Summary } from '../aggregate/summary.js';
import type { Formatter } from '../model/report.js';
import type { WorstCall } from '../aggregate/worst-calls.js';
import { summaryFormatter } from './summary-formatter.js';

/**
 * Text for a table cell: one line, pipes escaped, and in a code span so that transcript text
 * cannot become markup, links or @mentions in a pull-request comment.
 */
export function mdCode(text: string): string {
  // eslint-disable-next-line no-control-regex
  const s = text.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  if (s === '') return '';
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

const num = (n: number | null) => (n === null ? '—' : String(n));

function statsTable(s: Summary): string {
  const { mean, median, p10, p90, min, max } = s.score;
  return `| calls | mean | median | p10 | p90 | min | max |\n|---:|---:|---:|---:|---:|---:|---:|\n| ${s.calls} | ${num(mean)} | ${num(median)} | ${num(p10)} | ${num(p90)} | ${num(min)} | ${num(max)} |\n`;
}

function signalTable(s: Summary): string {
  const rows = s.signals.map((x) => `| ${x.signal} | ${x.polarity === 'inward' ? '−' : '+'} | ${x.calls} | ${x.prevalence}% | ${x.findings} | ${x.ratePer100} |`);
  return `| signal | | calls | share of calls | findings | per 100 calls |\n|---|:-:|---:|---:|---:|---:|\n${rows.join('\n')}\n`;
}

/**
 * A summary for a pull-request comment: gates, score statistics, signal prevalence, the worst
 * calls, groups. `worst` is given by `cxlint merge` (which has no calls to look at).
 */
export function markdownFormatter(options: { worst?: WorstCall[] } = {}): Formatter {
  return summaryFormatter(options.worst, (end, header, calls) => {
    const s = end.summary;
    const gates = end.gates;
    const verdict = gates === undefined ? '' : gates.length === 0 ? ' — gates passed ✅' : ` — ${gates.length} gate(s) failed ❌`;
    const out: string[] = [`## cxlint: ${end.counts.scored} call(s), mean score ${num(s.score.mean)}${verdict}\n`];
    const pack = header?.pack;
    if (pack) out.push(`Pack ${mdCode(pack.name)} ${mdCode(pack.version)} (${mdCode(pack.hash)}) · ${end.counts.inputs} record(s) read · ${end.counts.errors} input error(s)\n`);
    if (gates && gates.length > 0) out.push(`${gates.map((g) => `- ❌ **${g.gate}**: ${mdCode(g.message)}`).join('\n')}\n`);
    out.push(statsTable(s));
    out.push(`### Signals\n\n${signalTable(s)}`);
    if (calls.length > 0) {
      const rows = calls.map(
        (c) => `| ${mdCode(c.id)} | ${c.agent !== undefined ? mdCode(c.agent) : ''} | ${c.score} | ${c.worst ? `${mdCode(c.worst.ruleId)} turn ${c.worst.turn}` : ''} | ${c.worst ? mdCode(c.worst.evidence) : ''} |`,
      );
      out.push(`### Lowest-scoring calls\n\n| call | agent | score | worst finding | evidence |\n|---|---|---:|---|---|\n${rows.join('\n')}\n`);
    }
    if (end.groups.length > 0) {
      const by = header?.settings.groupBy ?? 'group';
      const rows = end.groups.map((g) => `| ${mdCode(g.group)} | ${g.calls} | ${num(g.score.mean)} | ${num(g.score.min)} |`);
      out.push(`### By ${by}\n\n| ${by} | calls | mean | min |\n|---|---:|---:|---:|\n${rows.join('\n')}\n`);
    }
    return out.join('\n');
  });
}
