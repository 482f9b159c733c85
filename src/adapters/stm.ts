import type { AdapterItem, RawCall } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { toNumber } from './json-document.js';

const LINE = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(<[^>]*>))?(?:\s+(.*))?$/;
const NUMBER = /^\d+(?:\.\d+)?$/;
/** NIST speaker names that mark regions, not speech. */
const NOT_SPEECH = new Set(['inter_segment_gap', 'excluded_region']);

/**
 * NIST STM reference transcripts: "file channel speaker begin end [<label>] text" per line, ";;" comments.
 * One call per file name, one turn per line, in time order.
 */
export const stmAdapter: Adapter = {
  name: 'stm',
  description: 'NIST STM: "file channel speaker begin end [<label>] transcript" lines; one call per file name',
  extensions: ['.stm'],
  sniff: (head) => {
    const first = head.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith(';;'));
    const m = first !== undefined ? LINE.exec(first.trim()) : null;
    return m !== null && NUMBER.test(m[4]!) && NUMBER.test(m[5]!);
  },
  *read(text, file): Iterable<AdapterItem> {
    const calls = new Map<string, RawCall>();
    let lineNo = 0;
    let bad = false;
    for (const raw of text.split(/\r\n|\n|\r/)) {
      lineNo++;
      const line = raw.trim();
      if (line === '' || line.startsWith(';;')) continue;
      const m = LINE.exec(line);
      const start = m ? toNumber(m[4]) : undefined;
      const end = m ? toNumber(m[5]) : undefined;
      if (!m || start === undefined || end === undefined || end < start) {
        bad = true;
        yield { kind: 'error', error: { file, line: lineNo, message: 'STM: expected "file channel speaker begin end [<label>] transcript" with begin ≤ end in seconds' } };
        continue;
      }
      const [, name, , speaker, , , , words] = m;
      if (NOT_SPEECH.has(speaker!.toLowerCase()) || /^ignore_time_segment_in_scoring$/i.test(words?.trim() ?? '')) continue;
      let call = calls.get(name!);
      if (!call) {
        call = { id: name, source: { file, record: calls.size, line: lineNo }, meta: {}, turns: [] };
        calls.set(name!, call);
      }
      call.turns.push({ speaker: speaker!, text: (words ?? '').trim(), start: Math.round(start * 1000), end: Math.round(end * 1000), timeScale: 1 });
    }
    if (calls.size === 0 && !bad) yield { kind: 'error', error: { file, line: 1, message: 'STM: no segment lines ("file channel speaker begin end transcript")' } };
    for (const call of calls.values()) {
      call.turns.sort((a, b) => (a.start as number) - (b.start as number));
      yield { kind: 'call', call };
    }
  },
};
