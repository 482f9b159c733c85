import type { AdapterItem, RawTurn } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { categoryMeta, conversationMetrics, TurnInsights } from './aws-analytics.js';
import { fileStem, isObject, isoDate, isoToEpochMs, minOf, structureError, toNumber } from './json-document.js';

const ROLES: Record<string, string> = {
  AGENT: 'agent',
  SUPERVISOR: 'agent',
  CUSTOMER: 'customer',
  SYSTEM: 'system',
  CUSTOM_BOT: 'system',
};

const isContactLens = (v: Record<string, unknown>) =>
  isObject(v.CustomerMetadata) ||
  (typeof v.Version === 'string' && /^(VOICE|CHAT)-/.test(v.Version)) ||
  (Array.isArray(v.Transcript) && isObject(v.Transcript[0]) && 'ParticipantId' in v.Transcript[0]);

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/**
 * Amazon Connect Contact Lens analysis files. Voice: Transcript[] with ParticipantId and millisecond offsets.
 * Chat: Transcript[] of MESSAGE and EVENT items with AbsoluteTime; times become offsets from the first item.
 */
export const contactLensAdapter = jsonAdapter({
  name: 'contact-lens',
  description: 'Amazon Connect Contact Lens analysis (voice and chat): Transcript[] with ParticipantId, BeginOffsetMillis or AbsoluteTime',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && (/"CustomerMetadata"\s*:/.test(head) || /"ChatTranscriptVersion"\s*:/.test(head) || /"Version"\s*:\s*"(VOICE|CHAT)-/.test(head) || (/"Transcript"\s*:/.test(head) && /"ParticipantId"/.test(head))),
  matchJson: (v) => isObject(v) && Array.isArray(v.Transcript) && isContactLens(v),
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc) || !Array.isArray(doc.Transcript)) {
      yield structureError(file, 0, 'document', 'a Contact Lens analysis object with "Transcript": [ … ]');
      return;
    }
    const roles = new Map<string, string>();
    let agentName: string | undefined;
    for (const p of Array.isArray(doc.Participants) ? doc.Participants.map(obj) : []) {
      if (typeof p.ParticipantId === 'string' && typeof p.ParticipantRole === 'string') roles.set(p.ParticipantId, p.ParticipantRole);
      if (p.ParticipantRole === 'AGENT' && typeof p.DisplayName === 'string') agentName ??= p.DisplayName;
    }
    const chat = doc.Channel === 'CHAT' || doc.Transcript.some((t) => isObject(t) && 'AbsoluteTime' in t);
    const times = doc.Transcript.map((t) => isoToEpochMs(obj(t).AbsoluteTime)).filter((t): t is number => t !== undefined);
    const t0 = minOf(times);
    const itemSentiment = new Map<string, string>();
    const groups = obj(obj(doc.ConversationCharacteristics).Sentiment).DetailsByTranscriptItemGroup;
    for (const g of Array.isArray(groups) ? groups.map(obj) : []) {
      if (typeof g.Sentiment !== 'string' || !Array.isArray(g.TranscriptItems)) continue;
      for (const ref of g.TranscriptItems.map(obj)) if (typeof ref.Id === 'string') itemSentiment.set(ref.Id, g.Sentiment);
    }

    const turns: RawTurn[] = [];
    const contentById = new Map<string, string>();
    const insights = new TurnInsights();
    for (const [i, item] of doc.Transcript.entries()) {
      if (!isObject(item)) {
        yield structureError(file, 0, `Transcript[${i}]`, 'an object');
        continue;
      }
      if (chat && item.Type !== undefined && item.Type !== 'MESSAGE') continue;
      if (typeof item.Content !== 'string') {
        if (chat && typeof item.ContentType === 'string' && !item.ContentType.startsWith('text/')) continue;
        yield structureError(file, 0, `Transcript[${i}]`, `a turn with "Content" (text) and "ParticipantId"${chat ? ' and "AbsoluteTime"' : ' and "BeginOffsetMillis"'}`);
        continue;
      }
      const raw = typeof item.ParticipantRole === 'string' ? item.ParticipantRole : typeof item.ParticipantId === 'string' ? (roles.get(item.ParticipantId) ?? item.ParticipantId) : undefined;
      const speaker = raw === undefined ? undefined : (ROLES[raw.toUpperCase()] ?? raw);
      if (chat) {
        const at = isoToEpochMs(item.AbsoluteTime);
        turns.push({ speaker, text: item.Content, ...(at !== undefined && t0 !== undefined ? { start: at - t0 } : {}), timeScale: 1 });
      } else {
        turns.push({ speaker, text: item.Content, start: toNumber(item.BeginOffsetMillis), end: toNumber(item.EndOffsetMillis), timeScale: 1 });
      }
      if (typeof item.Id === 'string') {
        contentById.set(item.Id, item.Content);
        const s = itemSentiment.get(item.Id);
        if (s && (speaker === 'agent' || speaker === 'customer')) insights.sentiment(speaker, s);
      }
      insights.add(item, speaker ?? '', item.Content);
    }

    const meta: Record<string, unknown> = {
      ...(typeof doc.Channel === 'string' ? { channel: doc.Channel.toLowerCase() } : {}),
      ...(typeof doc.LanguageCode === 'string' ? { language: doc.LanguageCode } : {}),
      ...(agentName !== undefined ? { agent: agentName } : {}),
      ...(t0 !== undefined ? { date: isoDate(t0), startTime: new Date(t0).toISOString() } : {}),
      ...conversationMetrics(doc.ConversationCharacteristics),
      ...categoryMeta(doc.Categories),
      ...insights.meta(),
      ...summaryInsights(obj(doc.ConversationCharacteristics).ContactSummary, contentById),
    };
    const contactId = obj(doc.CustomerMetadata).ContactId;
    const id = typeof contactId === 'string' && contactId !== '' ? contactId : fileStem(file);
    yield { kind: 'call', call: { id, source: { file, record: 0 }, meta, turns } };
  },
});

/** Chat ContactSummary: issues/outcomes/action items point at transcript items by Id and character offsets. */
function summaryInsights(summary: unknown, contentById: Map<string, string>): Record<string, string> {
  const out: Record<string, string[]> = {};
  const fields = { IssuesDetected: 'issues', OutcomesDetected: 'outcomes', ActionItemsDetected: 'actionItems' } as const;
  const items = obj(summary).SummaryItemsDetected;
  for (const group of Array.isArray(items) ? items.map(obj) : []) {
    for (const [field, key] of Object.entries(fields)) {
      const found = group[field];
      for (const f of Array.isArray(found) ? found.map(obj) : []) {
        for (const ref of Array.isArray(f.TranscriptItems) ? f.TranscriptItems.map(obj) : []) {
          const content = typeof ref.Id === 'string' ? contentById.get(ref.Id) : undefined;
          const at = obj(ref.CharacterOffsets);
          const begin = toNumber(at.BeginOffsetChar) ?? 0;
          const end = toNumber(at.EndOffsetChar) ?? content?.length ?? 0;
          const text = content?.slice(begin, end).trim();
          if (text) (out[key] ??= []).push(text);
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' | ')]));
}
