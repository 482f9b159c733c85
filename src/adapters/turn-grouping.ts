import type { RawTurn } from '../model/raw-call.js';

/**
 * A pause of at least this long ends a turn even when the same speaker goes on. Well under the default
 * dead-air threshold (10 s), so grouping never hides a silence the rules should see.
 */
export const TURN_PAUSE_MS = 2000;

/** A timed piece of speech (a word, a caption cue) with the label of whoever said it. */
export interface TimedPiece {
  label: string | undefined;
  startMs: number;
  endMs: number;
  text: string;
}

/**
 * Pieces in time order → turns: a new turn starts when the speaker label changes or after a pause of
 * TURN_PAUSE_MS. Pieces without a label never join (they may be anyone).
 */
export function groupIntoTurns(pieces: TimedPiece[], pauseMs = TURN_PAUSE_MS): RawTurn[] {
  const turns: RawTurn[] = [];
  let current: { label: string | undefined; startMs: number; endMs: number; parts: string[] } | undefined;
  const flush = () => {
    if (current) turns.push({ speaker: current.label, text: current.parts.join(' '), start: current.startMs, end: current.endMs, timeScale: 1 });
  };
  for (const p of pieces) {
    if (current && p.label !== undefined && p.label === current.label && p.startMs - current.endMs < pauseMs) {
      current.parts.push(p.text);
      current.endMs = Math.max(current.endMs, p.endMs);
      continue;
    }
    flush();
    current = { label: p.label, startMs: p.startMs, endMs: p.endMs, parts: [p.text] };
  }
  flush();
  return turns;
}
