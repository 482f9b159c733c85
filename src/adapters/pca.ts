import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { speakerFromLabel } from '../model/normalise-call.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, isoDate, secondsToMs, structureError, toNumber } from './json-document.js';

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
/** "Agent" → agent, "Unknown_1" → unknown1: meta keys like agentSentiment. */
const camel = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);

/** "2023-05-01 10:22:03.123" or ISO → epoch ms, or undefined. */
function conversationTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const t = Date.parse(v.replace(' ', 'T'));
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Amazon Transcribe Post Call Analytics (the aws-samples PCA pipeline) parsed output:
 * SpeechSegments[] turns with SegmentSpeaker (spk_N), named through ConversationAnalytics.SpeakerLabels.
 */
export const pcaAdapter = jsonAdapter({
  name: 'pca',
  description: 'Amazon Transcribe Post Call Analytics (PCA) parsed output: SpeechSegments[], ConversationAnalytics',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && (/"SpeechSegments"\s*:/.test(head) || /"ConversationAnalytics"\s*:/.test(head)),
  matchJson: (v) => isObject(v) && Array.isArray(v.SpeechSegments),
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc) || !Array.isArray(doc.SpeechSegments)) {
      yield structureError(file, 0, 'document', 'an object with "SpeechSegments": [ {"SegmentSpeaker", "SegmentStartTime", "DisplayText"} ]');
      return;
    }
    const ca = obj(doc.ConversationAnalytics);
    const display = new Map<string, string>();
    for (const l of list(ca.SpeakerLabels)) if (typeof l.Speaker === 'string' && typeof l.DisplayText === 'string') display.set(l.Speaker, l.DisplayText);
    const turns: RawTurn[] = [];
    for (const [i, s] of doc.SpeechSegments.entries()) {
      const text = isObject(s) ? (s.DisplayText ?? s.OriginalText) : undefined;
      if (!isObject(s) || typeof text !== 'string') {
        yield structureError(file, 0, `SpeechSegments[${i}]`, 'a segment with "DisplayText" or "OriginalText", "SegmentSpeaker" and "SegmentStartTime"');
        continue;
      }
      const spk = typeof s.SegmentSpeaker === 'string' ? s.SegmentSpeaker : undefined;
      const named = spk !== undefined ? display.get(spk) : undefined;
      // a display name that is a role ("Agent", "Customer") decides; otherwise keep spk_N for the role resolver
      const label = s.IVRSegment === true ? 'system' : named !== undefined && speakerFromLabel(named) !== 'unknown' ? named : spk;
      turns.push({ speaker: label, text, start: secondsToMs(s.SegmentStartTime), end: secondsToMs(s.SegmentEndTime), timeScale: 1 });
    }
    const meta: Record<string, unknown> = {};
    if (typeof ca.Agent === 'string' && ca.Agent !== '') meta.agent = ca.Agent;
    if (typeof ca.LanguageCode === 'string') meta.language = ca.LanguageCode;
    const at = conversationTime(ca.ConversationTime);
    if (at !== undefined) meta.date = isoDate(at);
    if (typeof ca.ConversationTime === 'string') meta.conversationTime = ca.ConversationTime;
    if (typeof ca.ConversationLocation === 'string' && ca.ConversationLocation !== '') meta.location = ca.ConversationLocation;
    const duration = secondsToMs(ca.Duration);
    if (duration !== undefined) meta.durationMs = duration;
    const categories = list(ca.CategoriesDetected).map((c) => c.Name).filter((n): n is string => typeof n === 'string');
    if (Array.isArray(ca.CategoriesDetected)) Object.assign(meta, { categories: categories.join(', '), categoryCount: categories.length });
    for (const [spk, trend] of Object.entries(obj(ca.SentimentTrends))) {
      const score = toNumber(obj(trend).SentimentScore);
      if (score !== undefined) meta[`${camel(display.get(spk) ?? spk)}Sentiment`] = score;
    }
    const genesys = list(ca.Telephony).map((t) => obj(t.Genesys)).find((g) => Object.keys(g).length > 0);
    if (genesys && typeof genesys.originatingDirection === 'string') meta.direction = genesys.originatingDirection;
    const job = obj(list(ca.SourceInformation)[0]?.TranscribeJobInfo);
    const id = [ca.GUID, job.TranscriptionJobName].find((v): v is string => typeof v === 'string' && v !== '') ?? fileStem(file);
    yield { kind: 'call', call: { id, source: { file, record: 0 }, meta, turns } };
  },
});
