import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, isoDate, minOf, structureError, toNumber } from './json-document.js';

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/** participantPurpose → role: internal is the organisation's person, external the customer; automation is system. */
const PURPOSES: Record<string, string> = {
  internal: 'agent',
  agent: 'agent',
  user: 'agent',
  external: 'customer',
  customer: 'customer',
  ivr: 'system',
  acd: 'system',
  bot: 'system',
  system: 'system',
  workflow: 'system',
};

/** Times above this are epoch milliseconds (2001-09-09 onwards), not offsets into the call. */
const EPOCH_MS = 1e12;

/**
 * Genesys Cloud conversation transcript (the speech and text analytics transcript JSON): transcripts[]
 * (one per communication) of phrases[] with participantPurpose, startTimeMs and duration.milliseconds.
 * All phrases of the file form one call, in time order.
 */
export const genesysAdapter = jsonAdapter({
  name: 'genesys',
  description: 'Genesys Cloud conversation transcript: transcripts[].phrases[] with participantPurpose, startTimeMs, text',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && /"transcripts"\s*:/.test(head) && /"phrases"\s*:/.test(head),
  matchJson: (v) => isObject(v) && Array.isArray(v.transcripts) && v.transcripts.some((t) => isObject(t) && Array.isArray(t.phrases)),
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc) || !Array.isArray(doc.transcripts)) {
      yield structureError(file, 0, 'document', 'an object with "transcripts": [ {"phrases": [ {"text", "participantPurpose", "startTimeMs"} ]} ]');
      return;
    }
    const phrases: { start?: number; duration?: number; turn: RawTurn }[] = [];
    for (const [t, transcript] of doc.transcripts.entries()) {
      const list = obj(transcript).phrases;
      if (!Array.isArray(list)) {
        yield structureError(file, 0, `transcripts[${t}]`, '"phrases": an array');
        continue;
      }
      for (const [p, phrase] of list.entries()) {
        const text = isObject(phrase) ? (phrase.text ?? phrase.decoratedText) : undefined;
        if (!isObject(phrase) || typeof text !== 'string') {
          yield structureError(file, 0, `transcripts[${t}].phrases[${p}]`, 'a phrase with "text", "participantPurpose" and "startTimeMs"');
          continue;
        }
        const purpose = typeof phrase.participantPurpose === 'string' ? phrase.participantPurpose : undefined;
        const speaker = purpose === undefined ? undefined : (PURPOSES[purpose.toLowerCase()] ?? purpose);
        phrases.push({ start: toNumber(phrase.startTimeMs), duration: toNumber(obj(phrase.duration).milliseconds), turn: { speaker, text, timeScale: 1 } });
      }
    }
    const conversationStart = [doc.conversationStartTime, doc.startTime, ...doc.transcripts.map((t) => obj(t).startTime)]
      .map(toNumber)
      .find((n): n is number => n !== undefined && n > EPOCH_MS);
    const starts = phrases.map((p) => p.start).filter((n): n is number => n !== undefined);
    const epoch = starts.some((n) => n > EPOCH_MS);
    const zero = epoch ? (minOf(conversationStart !== undefined ? [conversationStart, ...starts] : starts) ?? 0) : 0;
    const turns = phrases
      .map(({ start, duration, turn }) => ({ ...turn, ...(start !== undefined ? { start: start - zero, ...(duration !== undefined ? { end: start - zero + duration } : {}) } : {}) }))
      .sort((a, b) => (toNumber(a.start) ?? 0) - (toNumber(b.start) ?? 0));
    const meta: Record<string, unknown> = {};
    if (typeof doc.mediaType === 'string') meta.channel = doc.mediaType.toLowerCase() === 'call' ? 'voice' : doc.mediaType.toLowerCase();
    const language = doc.language ?? obj(doc.transcripts[0]).language;
    if (typeof language === 'string') meta.language = language;
    const startEpoch = conversationStart ?? (epoch ? zero : undefined);
    if (startEpoch !== undefined) Object.assign(meta, { date: isoDate(startEpoch), startTime: new Date(startEpoch).toISOString() });
    const duration = toNumber(doc.conversationDuration) ?? toNumber(obj(doc.duration).milliseconds);
    if (duration !== undefined) meta.durationMs = duration;
    if (typeof doc.communicationId === 'string') meta.communicationId = doc.communicationId;
    const id = typeof doc.conversationId === 'string' && doc.conversationId !== '' ? doc.conversationId : fileStem(file);
    yield { kind: 'call', call: { id, source: { file, record: 0 }, meta, turns } };
  },
});
