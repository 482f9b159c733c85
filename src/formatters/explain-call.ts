import { maxOf } from '../model/extremes.js';
import type { ChalkInstance } from 'chalk';
import type { Call } from '../model/call.js';
import type { Finding } from '../model/finding.js';
import type { CallResult } from '../model/result.js';
import { clock } from './clock.js';
import { timelineBar } from './timeline-bar.js';

/** Mark each finding's span in the text; overlapping spans are merged into one mark. */
function highlight(text: string, findings: Finding[], mark: (s: string) => string, clean: (s: string) => string): string {
  const spans = findings
    .filter((f) => f.span)
    .map((f) => [f.span!.start, f.span!.end] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  let out = '';
  let at = 0;
  for (const [a, b] of merged) {
    out += clean(text.slice(at, a)) + mark(clean(text.slice(a, b)));
    at = b;
  }
  return out + clean(text.slice(at));
}

const fmtMetric = (v: number | null, unit: 'ms' | 'share') =>
  v === null ? 'n/a' : unit === 'ms' ? `${Math.round(v / 1000)} s` : `${Math.round(v * 100)} %`;

/** One call, turn by turn: time and speaker on the left, findings marked in place, gaps between turns. */
/**
 * `clean` is applied to every piece of transcript text and message before it is printed (redaction,
 * control characters); spans are cut from the original text first, so offsets stay right.
 */
export function explainCall(call: Call, result: CallResult, chalk: ChalkInstance, width = 100, clean: (s: string) => string = (s) => s): string {
  const colour = chalk.level > 0;
  const mark = (s: string) => (colour ? chalk.inverse(s) : `«${s}»`);
  const out: string[] = [];
  const meta = Object.entries(call.meta).map(([k, v]) => `${k}: ${v}`).join(' · ');
  out.push(chalk.bold(`Call ${clean(call.id)}`) + (meta ? `  ${clean(meta)}` : ''));
  out.push(`source ${call.source.file}${call.source.line ? `:${call.source.line}` : ''} · ${call.turns.length} turns`);
  const m = result.metrics;
  out.push(
    m.timed
      ? `handle time ${fmtMetric(m.handleTimeMs, 'ms')} · non-talk ${fmtMetric(m.nonTalkShare, 'share')} · agent talk share ${fmtMetric(m.agentTalkShare, 'share')} · holds ${m.holdCount} · longest gap ${fmtMetric(m.longestGapMs, 'ms')}`
      : 'no timestamps: timing metrics not available',
  );
  const scoreText = `score ${result.score} (−${result.penalty} inward, +${result.bonus} outward)`;
  out.push(chalk.bold(scoreText));
  const unavailable = Object.keys(m.unavailable);
  if (m.timed && unavailable.length > 0) out.push(chalk.dim(`not available: ${unavailable.map((k) => `${k} (${m.unavailable[k]})`).join('; ')}`));
  out.push('');
  const bar = timelineBar(call, m, chalk, Math.min(width, 120));
  if (bar.length > 0) out.push(...bar, '');
  const findingsByTurn = new Map<number, Finding[]>();
  for (const f of result.findings) findingsByTurn.set(f.turn, [...(findingsByTurn.get(f.turn) ?? []), f]);
  const gapsAfter = new Map(m.gaps.map((g) => [g.afterTurn, g]));
  const speakerWidth = maxOf([...call.turns.map((t) => t.speaker.length), 8]);
  for (const turn of call.turns) {
    const findings = findingsByTurn.get(turn.index) ?? [];
    const time = turn.startMs !== undefined ? clock(turn.startMs).padStart(7) : '       ';
    const who = turn.speaker === 'agent' ? chalk.cyan(turn.speaker.padEnd(speakerWidth)) : turn.speaker.padEnd(speakerWidth);
    out.push(`${chalk.dim(`${String(turn.index).padStart(3)} ${time}`)}  ${who}  ${highlight(turn.text, findings, mark, clean)}`);
    for (const f of findings.filter((x) => !x.gap)) {
      const sign = f.polarity === 'inward' ? chalk.red(`−${f.weight}`) : chalk.green(`+${f.weight}`);
      const sub = f.subKind ? `/${f.subKind}` : '';
      out.push(`${' '.repeat(13 + speakerWidth)}${chalk.dim('└')} ${sign} ${chalk.bold(f.signal + sub)} ${chalk.dim(f.ruleId)}: ${clean(f.message)}${f.suggestion ? chalk.dim(` (say "${f.suggestion}")`) : ''}`);
    }
    const gap = gapsAfter.get(turn.index);
    if (gap) {
      const gapFinding = result.findings.find((f) => f.gap?.fromMs === gap.fromMs);
      const label = `${Math.round(gap.durationMs / 1000)} s ${gap.kind}${gap.estimated ? ' (estimated)' : ''}`;
      const cost = gapFinding ? ` ${chalk.red(`−${gapFinding.weight}`)} ${chalk.dim(gapFinding.ruleId)}` : '';
      out.push(`${' '.repeat(13)}${chalk.yellow(`··· ${label} ···`)}${cost}`);
    }
  }
  return `${out.join('\n')}\n`;
}
