import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';

const HEADER = /^#\s*([\w.-]+)\s*:\s*(.*)$/;
const STAMP = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const UTTERANCE = new RegExp(
  String.raw`^\s*(?:\[\s*(${STAMP})\s*(?:[-–]\s*(${STAMP})\s*)?\]\s*)?([A-Za-z][\w .'-]{0,30}?)\s*:\s?(.*)$`,
);

/** "01:02:03.5", "02:03" → seconds. */
export function parseClock(stamp: string): number {
  const parts = stamp.replace(',', '.').split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/**
 * Plain-text transcripts, one call per file: "# key: value" header lines become meta, then
 * "[hh:mm:ss] Agent: text" or "Customer: text" lines; other lines continue the previous turn.
 */
export function* readPlainText(text: string, file: string, fallbackId: string): Iterable<AdapterItem> {
  const meta: Record<string, unknown> = {};
  const turns: RawTurn[] = [];
  let firstLine: number | undefined;
  let lineNo = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    lineNo++;
    if (line.trim() === '') continue;
    const header = turns.length === 0 ? HEADER.exec(line) : null;
    if (header) {
      meta[header[1]!.toLowerCase()] = header[2]!.trim();
      continue;
    }
    const m = UTTERANCE.exec(line);
    if (m) {
      firstLine ??= lineNo;
      turns.push({
        speaker: m[3]!.trim(),
        text: m[4]!.trim(),
        ...(m[1] ? { start: parseClock(m[1]) } : {}),
        ...(m[2] ? { end: parseClock(m[2]) } : {}),
        timeScale: 1000,
      });
      continue;
    }
    const last = turns[turns.length - 1];
    if (!last) {
      yield { kind: 'error', error: { file, line: lineNo, message: 'expected "Speaker: text" (e.g. "Agent: Hello") or a "# key: value" header' } };
      return;
    }
    last.text = `${String(last.text)} ${line.trim()}`;
  }
  const { id, ...rest } = meta;
  yield {
    kind: 'call',
    call: {
      id: typeof id === 'string' ? id : fallbackId,
      source: { file, record: 0, ...(firstLine ? { line: firstLine } : {}) },
      meta: rest,
      turns,
    },
  };
}

export const plainTextAdapter: Adapter = {
  name: 'text',
  description: 'plain text: "[00:01:05] Agent: text" lines, "# key: value" headers, one call per file',
  extensions: ['.txt', '.text', '.transcript'],
  sniff: (head) => head.split(/\r?\n/).some((l) => UTTERANCE.test(l)),
  read: (text, file) => readPlainText(text, file, file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'stdin'),
};
