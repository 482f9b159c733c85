import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { fileStem } from './json-document.js';
import { groupIntoTurns, type TimedPiece } from './turn-grouping.js';

/** Shared by WebVTT and SRT: cue timings, speaker labels inside cue text, cues → turns. */

const STAMP = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})`;
export const TIMING = new RegExp(String.raw`^\s*${STAMP}\s*-->\s*${STAMP}(?:\s.*)?$`);

/** "00:01:02.500 --> 00:01:04,000 align:left" → start and end in ms, or undefined. */
export function parseTiming(line: string): { startMs: number; endMs: number } | undefined {
  const m = TIMING.exec(line);
  if (!m) return undefined;
  const ms = (h: string | undefined, mi: string, s: string, f: string) => ((Number(h ?? 0) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number(f.padEnd(3, '0'));
  return { startMs: ms(m[1], m[2]!, m[3]!, m[4]!), endMs: ms(m[5], m[6]!, m[7]!, m[8]!) };
}

export interface Cue {
  startMs: number;
  endMs: number;
  lines: string[];
  line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });

/** Cue markup (<i>, <b>, <c.x>, timestamps, </v>) removed and entities decoded. */
const plain = (s: string) => decode(s.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();

const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/g;
/** "[SPEAKER_00]: hi" (WhisperX), "SPEAKER_01: hi", "Agent: hi", "Tom Reed: hi", "- Tom: hi". */
const PREFIX = /^\s*(?:-\s+|>>\s*)?(?:\[([^\]]{1,40})\]|((?:SPEAKER|spk|Speaker)[ _]?\d+|\p{Lu}[\p{L}'.-]*(?: [\p{L}'.-]+){0,3}))\s*:\s*(.*)$/u;

/** One cue's text → (speaker, text) pieces: voice spans and name prefixes start a new speaker, other lines continue. */
export function cueSpeakers(lines: string[]): { label: string | undefined; text: string }[] {
  const out: { label: string | undefined; text: string }[] = [];
  const add = (label: string | undefined, text: string, fresh: boolean) => {
    const last = out[out.length - 1];
    if (!fresh && last) last.text = `${last.text} ${text}`;
    else out.push({ label, text });
  };
  for (const line of lines) {
    const voices = [...line.matchAll(VOICE)];
    if (voices.length > 0) {
      const before = line.slice(0, voices[0]!.index);
      if (plain(before)) add(undefined, before, false);
      voices.forEach((v, k) => {
        const end = k + 1 < voices.length ? voices[k + 1]!.index : line.length;
        add(v[1]!.trim(), line.slice(v.index + v[0].length, end), true);
      });
      continue;
    }
    const m = PREFIX.exec(line);
    if (m) add((m[1] ?? m[2])!.trim(), m[3]!, true);
    else add(undefined, line, false);
  }
  return out.map((p) => ({ label: p.label, text: plain(p.text) })).filter((p) => p.text !== '');
}

/**
 * Cues → turns. A cue with no speaker of its own continues the last speaker (captions name a speaker when
 * it changes); consecutive cues of one speaker join into a turn unless a pause separates them.
 */
export function captionTurns(cues: Cue[]): RawTurn[] {
  const pieces: TimedPiece[] = [];
  let last: string | undefined;
  for (const cue of cues) {
    for (const [k, piece] of cueSpeakers(cue.lines).entries()) {
      const label = piece.label ?? (k === 0 ? last : undefined);
      pieces.push({ label, startMs: cue.startMs, endMs: cue.endMs, text: piece.text });
      last = label;
    }
  }
  return groupIntoTurns(pieces);
}

/** Blank-line separated blocks with the line number of their first line. */
export function blocks(text: string): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | undefined;
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (l.trim() === '') {
      current = undefined;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(l);
  });
  return out;
}

/** The call of a caption file, or nothing when it holds no cue at all (an error says so). */
export function captionCall(cues: Cue[], file: string, format: string): AdapterItem {
  if (cues.length === 0) return { kind: 'error', error: { file, line: 1, message: `${format}: no cues ("hh:mm:ss.ttt --> hh:mm:ss.ttt" followed by text)` } };
  return { kind: 'call', call: { id: fileStem(file), source: { file, record: 0, line: cues[0]!.line }, meta: {}, turns: captionTurns(cues) } };
}
