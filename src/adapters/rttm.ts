import type { AdapterItem, RawCall } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { toNumber } from './json-document.js';

/**
 * NIST RTTM diarization: "SPEAKER file channel onset duration <NA> <NA> name <NA> <NA>" lines. It holds
 * who spoke when but no words, so its turns have empty text: timing metrics work, text rules cannot.
 */
export const rttmAdapter: Adapter = {
  name: 'rttm',
  description: 'NIST RTTM diarization (who spoke when, no words): SPEAKER lines become untexted turns',
  extensions: ['.rttm'],
  sniff: (head) => {
    const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith(';;'));
    return lines.length > 0 && lines.slice(0, 5).every((l) => /^[A-Z][A-Z-]+\s+\S+\s+\S+\s/.test(l.trim())) && lines.some((l) => /^SPEAKER\s+\S+\s+\S+\s+\d/.test(l.trim()));
  },
  *read(text, file): Iterable<AdapterItem> {
    const calls = new Map<string, RawCall>();
    let lineNo = 0;
    for (const raw of text.split(/\r\n|\n|\r/)) {
      lineNo++;
      const fields = raw.trim().split(/\s+/);
      if (fields[0] === '' || raw.startsWith(';;') || fields[0] !== 'SPEAKER') continue;
      const onset = toNumber(fields[3]);
      const duration = toNumber(fields[4]);
      const name = fields[7];
      if (fields.length < 8 || onset === undefined || duration === undefined || duration < 0 || !name) {
        yield { kind: 'error', error: { file, line: lineNo, message: 'RTTM: expected "SPEAKER file channel onset duration <NA> <NA> speaker <NA> <NA>" with onset and duration in seconds' } };
        continue;
      }
      const key = fields[1]!;
      let call = calls.get(key);
      if (!call) {
        call = { id: key, source: { file, record: calls.size, line: lineNo }, meta: { textless: 'true' }, turns: [] };
        calls.set(key, call);
      }
      call.turns.push({ speaker: name, text: '', start: Math.round(onset * 1000), end: Math.round((onset + duration) * 1000), timeScale: 1 });
    }
    if (calls.size === 0) yield { kind: 'error', error: { file, line: 1, message: 'RTTM: no SPEAKER lines' } };
    for (const call of calls.values()) {
      call.turns.sort((a, b) => (a.start as number) - (b.start as number));
      yield { kind: 'call', call };
    }
  },
};
