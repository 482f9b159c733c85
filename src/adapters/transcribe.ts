import type { AdapterItem } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, secondsToMs, structureError } from './json-document.js';
import { groupIntoTurns, type TimedPiece } from './turn-grouping.js';

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);

/** Older outputs put the label only in speaker_labels / channel_labels, keyed by the word's start time. */
function labelsByStartTime(results: Record<string, unknown>): Map<string, string> {
  const byStart = new Map<string, string>();
  for (const seg of list(obj(results.speaker_labels).segments)) {
    for (const w of list(seg.items)) {
      const label = w.speaker_label ?? seg.speaker_label;
      if (typeof w.start_time === 'string' && typeof label === 'string') byStart.set(w.start_time, label);
    }
  }
  for (const ch of list(obj(results.channel_labels).channels)) {
    for (const w of list(ch.items)) {
      const label = w.channel_label ?? ch.channel_label;
      if (typeof w.start_time === 'string' && typeof label === 'string') byStart.set(w.start_time, label);
    }
  }
  return byStart;
}

/**
 * Amazon Transcribe (standard batch) output. Words carry a diarization label (spk_0…) or a channel
 * label (ch_0, ch_1); punctuation joins the word before it; words become turns at each change of label
 * or pause (turn-grouping.ts). Roles are not in the file: the role resolver decides them.
 */
export const transcribeAdapter = jsonAdapter({
  name: 'transcribe',
  description: 'Amazon Transcribe output: results.items[] words with speaker_label (spk_N) or channel_label (ch_N)',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && /"results"\s*:\s*\{/.test(head) && /"(items|transcripts|speaker_labels|channel_labels)"\s*:/.test(head),
  matchJson: (v) => isObject(v) && isObject(v.results) && Array.isArray(v.results.items),
  *readJson(doc, file): Iterable<AdapterItem> {
    const results = isObject(doc) ? doc.results : undefined;
    if (!isObject(results) || !Array.isArray(results.items)) {
      yield structureError(file, 0, 'document', 'an object with "results": {"items": [ {"type", "start_time", "end_time", "alternatives"} ]}');
      return;
    }
    const byStart = labelsByStartTime(results);
    const words: TimedPiece[] = [];
    const lastByLabel = new Map<string | undefined, TimedPiece>();
    let previous: TimedPiece | undefined;
    for (const [i, item] of results.items.entries()) {
      const content = isObject(item) && Array.isArray(item.alternatives) ? obj(item.alternatives[0]).content : undefined;
      if (!isObject(item) || typeof content !== 'string') {
        yield structureError(file, 0, `results.items[${i}]`, 'a word with "alternatives": [{"content"}]');
        continue;
      }
      const tagged = item.speaker_label ?? item.channel_label;
      const label = typeof tagged === 'string' ? tagged : typeof item.start_time === 'string' ? byStart.get(item.start_time) : undefined;
      if (item.type === 'punctuation') {
        const target = (label !== undefined ? lastByLabel.get(label) : undefined) ?? previous;
        if (target) target.text += content;
        continue;
      }
      const startMs = secondsToMs(item.start_time);
      if (startMs === undefined) {
        yield structureError(file, 0, `results.items[${i}]`, '"start_time" (seconds) on a pronunciation item');
        continue;
      }
      const word: TimedPiece = { label, startMs, endMs: secondsToMs(item.end_time) ?? startMs, text: content };
      words.push(word);
      lastByLabel.set(label, word);
      previous = word;
    }
    words.sort((a, b) => a.startMs - b.startMs);
    const meta: Record<string, unknown> = {};
    const language = results.language_code ?? (isObject(doc) ? doc.language_code : undefined);
    if (typeof language === 'string') meta.language = language;
    const name = isObject(doc) ? doc.jobName : undefined;
    yield { kind: 'call', call: { id: typeof name === 'string' && name !== '' ? name : fileStem(file), source: { file, record: 0 }, meta, turns: groupIntoTurns(words) } };
  },
});
