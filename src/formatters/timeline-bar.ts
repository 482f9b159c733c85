import { minOf } from '../model/extremes.js';
import type { ChalkInstance } from 'chalk';
import type { Call } from '../model/call.js';
import type { CallMetrics } from '../engine/call-metrics.js';
import { clock } from './clock.js';

const SPEAKER_ORDER = ['agent', 'customer', 'system', 'unknown'] as const;

/**
 * Who speaks when, as one bar per speaker scaled to the width, with gaps drawn on a row of their own:
 * "░" dead air, "▒" hold, "×" overtalk. Only for timed calls; the caller prints nothing otherwise.
 */
export function timelineBar(call: Call, metrics: CallMetrics, chalk: ChalkInstance, width: number): string[] {
  if (!metrics.timed || metrics.handleTimeMs === null || metrics.handleTimeMs <= 0) return [];
  const start = minOf(call.turns.map((t) => t.startMs!));
  const span = metrics.handleTimeMs;
  const cols = Math.max(20, width - 12);
  const col = (ms: number) => Math.min(cols - 1, Math.max(0, Math.floor(((ms - start) / span) * cols)));
  const fill = (row: string[], from: number, to: number, ch: string) => {
    for (let c = col(from); c <= col(Math.max(from, to - 1)); c++) row[c] = ch;
  };
  const lines: string[] = [];
  for (const speaker of SPEAKER_ORDER) {
    const turns = call.turns.filter((t) => t.speaker === speaker);
    if (turns.length === 0) continue;
    const row = Array<string>(cols).fill(' ');
    for (const t of turns) fill(row, t.startMs!, t.endMs ?? t.startMs! + 1, '█');
    const bar = row.join('');
    lines.push(`${speaker.padEnd(10)}│${speaker === 'agent' ? chalk.cyan(bar) : bar}│`);
  }
  const silence = Array<string>(cols).fill(' ');
  for (const g of metrics.gaps) fill(silence, g.fromMs, g.toMs, g.kind === 'hold' ? '▒' : '░');
  for (const o of metrics.overtalks) silence[col(call.turns[o.turn]!.startMs!)] = '×';
  lines.push(`${'gaps'.padEnd(10)}│${chalk.yellow(silence.join(''))}│`);
  // the same clock as the turn times printed below the bar
  const from = clock(start);
  const end = clock(start + span);
  lines.push(`${' '.repeat(11)}${from}${' '.repeat(Math.max(1, cols - from.length - end.length))}${end}`);
  lines.push(chalk.dim(`${' '.repeat(11)}█ speech  ░ dead air  ▒ hold  × overtalk`));
  return lines;
}
