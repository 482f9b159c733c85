import { maxOf } from '../model/extremes.js';
import { countWords } from '../nlp/word-count.js';
import type { Call } from '../model/call.js';

export interface TurnTime {
  startMs: number;
  endMs: number;
  /** True when the times were not in the transcript but estimated from word counts. */
  estimated: boolean;
}

export interface CallTimeline {
  /** All turns carry a start time in the input. */
  timed: boolean;
  /** All turns carry an end time too (needed for overtalk). */
  endsKnown: boolean;
  turns: TurnTime[];
  /** The latest end of any turn (the call's end; turns need not be in time order). */
  endMs: number;
}


/**
 * Start and end of every turn. Where the transcript gives no time, turns are laid end to end at the
 * pack's speaking rate so that windows like "first 60 s" still mean something on untimed text;
 * where it gives only starts, a turn ends when its words are spoken or the next turn starts.
 */
export function buildTimeline(call: Call, wordsPerSecond: number): CallTimeline {
  const timed = call.turns.length > 0 && call.turns.every((t) => t.startMs !== undefined);
  const endsKnown = timed && call.turns.every((t) => t.endMs !== undefined);
  const spoken = (text: string) => Math.max(500, (countWords(text) / wordsPerSecond) * 1000);
  const turns: TurnTime[] = [];
  let clock = 0;
  call.turns.forEach((turn, i) => {
    if (!timed) {
      const endMs = clock + spoken(turn.text);
      turns.push({ startMs: clock, endMs, estimated: true });
      clock = endMs;
      return;
    }
    const startMs = turn.startMs!;
    if (turn.endMs !== undefined) {
      turns.push({ startMs, endMs: Math.max(startMs, turn.endMs), estimated: false });
      return;
    }
    const nextStart = call.turns[i + 1]?.startMs;
    const guess = startMs + spoken(turn.text);
    turns.push({ startMs, endMs: nextStart !== undefined ? Math.min(guess, Math.max(startMs, nextStart)) : guess, estimated: true });
  });
  return { timed, endsKnown, turns, endMs: maxOf(turns.map((t) => t.endMs)) };
}
