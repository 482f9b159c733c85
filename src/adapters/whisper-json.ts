import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, secondsToMs, structureError } from './json-document.js';

const isSegment = (s: unknown) => isObject(s) && typeof s.text === 'string' && typeof s.start === 'number' && typeof s.end === 'number';

/**
 * whisper / WhisperX JSON: segments[] with start and end in seconds, text, and (WhisperX with
 * diarization) speaker labels such as SPEAKER_00. One segment, one turn; roles come from the resolver.
 */
export const whisperJsonAdapter = jsonAdapter({
  name: 'whisper',
  description: 'whisper / WhisperX JSON: segments[] with start, end (seconds), text and speaker (SPEAKER_00)',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && /"segments"\s*:\s*\[/.test(head) && /"start"\s*:\s*[\d.]/.test(head) && /"end"\s*:\s*[\d.]/.test(head),
  matchJson: (v) => isObject(v) && Array.isArray(v.segments) && v.segments.length > 0 && isSegment(v.segments[0]),
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc) || !Array.isArray(doc.segments)) {
      yield structureError(file, 0, 'document', 'an object with "segments": [ {"start", "end", "text", "speaker"} ]');
      return;
    }
    const turns: RawTurn[] = [];
    for (const [i, s] of doc.segments.entries()) {
      if (!isSegment(s) || !isObject(s)) {
        yield structureError(file, 0, `segments[${i}]`, 'a segment with "start" and "end" (seconds) and "text"');
        continue;
      }
      const speaker = typeof s.speaker === 'string' || typeof s.speaker === 'number' ? String(s.speaker) : undefined;
      turns.push({ speaker, text: String(s.text).trim(), start: secondsToMs(s.start), end: secondsToMs(s.end), timeScale: 1 });
    }
    const meta: Record<string, unknown> = typeof doc.language === 'string' ? { language: doc.language } : {};
    yield { kind: 'call', call: { id: fileStem(file), source: { file, record: 0 }, meta, turns } };
  },
});
