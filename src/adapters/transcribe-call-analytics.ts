import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { categoryMeta, conversationMetrics, TurnInsights } from './aws-analytics.js';
import { fileStem, isObject, structureError, toNumber } from './json-document.js';

const ROLES: Record<string, string> = { AGENT: 'agent', CUSTOMER: 'customer' };

const roleOf = (role: unknown): string | undefined =>
  typeof role === 'string' ? (ROLES[role.toUpperCase()] ?? role) : undefined;

/** Amazon Transcribe Call Analytics (post-call) output: Transcript[] turns with ParticipantRole and millisecond offsets. */
export const transcribeCallAnalyticsAdapter = jsonAdapter({
  name: 'transcribe-call-analytics',
  description: 'Amazon Transcribe Call Analytics output: Transcript[] with ParticipantRole, BeginOffsetMillis, Sentiment',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && /"Transcript"\s*:\s*\[/.test(head) && /"ParticipantRole"/.test(head) && !/"ParticipantId"/.test(head),
  matchJson: (v) => {
    if (!isObject(v) || !Array.isArray(v.Transcript)) return false;
    const first: unknown = v.Transcript[0];
    return isObject(first) ? 'ParticipantRole' in first && 'Content' in first : isObject(v.ConversationCharacteristics);
  },
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc) || !Array.isArray(doc.Transcript)) {
      yield structureError(file, 0, 'document', 'an object with "Transcript": [ {"ParticipantRole", "Content", "BeginOffsetMillis", …} ]');
      return;
    }
    const turns: RawTurn[] = [];
    const insights = new TurnInsights();
    for (const [i, item] of doc.Transcript.entries()) {
      if (!isObject(item) || typeof item.Content !== 'string') {
        yield structureError(file, 0, `Transcript[${i}]`, 'a turn with "Content" (text), "ParticipantRole" and "BeginOffsetMillis"');
        continue;
      }
      const speaker = roleOf(item.ParticipantRole);
      turns.push({ speaker, text: item.Content, start: toNumber(item.BeginOffsetMillis), end: toNumber(item.EndOffsetMillis), timeScale: 1 });
      insights.add(item, speaker ?? '', item.Content);
    }
    const meta: Record<string, unknown> = {
      ...(typeof doc.Channel === 'string' ? { channel: doc.Channel.toLowerCase() } : {}),
      ...(typeof doc.LanguageCode === 'string' ? { language: doc.LanguageCode } : {}),
      ...(typeof doc.SessionId === 'string' ? { sessionId: doc.SessionId } : {}),
      ...conversationMetrics(doc.ConversationCharacteristics),
      ...categoryMeta(doc.Categories),
      ...insights.meta(),
    };
    const id = typeof doc.JobName === 'string' && doc.JobName !== '' ? doc.JobName : fileStem(file);
    yield { kind: 'call', call: { id, source: { file, record: 0 }, meta, turns } };
  },
});
