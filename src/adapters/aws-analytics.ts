import { isObject, toNumber } from './json-document.js';

/**
 * Shared by the Amazon formats (Transcribe Call Analytics, Contact Lens): their ConversationCharacteristics,
 * Categories and per-turn insights flattened into call meta, which holds only strings and numbers.
 */

type Meta = Record<string, string | number>;

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const roleKey = (role: string) => role.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());

function put(meta: Meta, key: string, v: unknown): void {
  const n = toNumber(v);
  if (n !== undefined) meta[key] = n;
}

/** ConversationCharacteristics → durationMs, talk time, non-talk time, interruptions, talk speed, sentiment, response times, summary. */
export function conversationMetrics(value: unknown): Meta {
  const cc = obj(value);
  const meta: Meta = {};
  put(meta, 'durationMs', cc.TotalConversationDurationMillis);
  const talk = obj(cc.TalkTime);
  put(meta, 'talkTimeMs', talk.TotalTimeMillis);
  for (const [role, d] of Object.entries(obj(talk.DetailsByParticipant))) put(meta, `${roleKey(role)}TalkTimeMs`, obj(d).TotalTimeMillis);
  const nonTalk = obj(cc.NonTalkTime);
  put(meta, 'nonTalkTimeMs', nonTalk.TotalTimeMillis);
  if (Array.isArray(nonTalk.Instances)) meta.nonTalkCount = nonTalk.Instances.length;
  const interruptions = obj(cc.Interruptions);
  put(meta, 'interruptionCount', interruptions.TotalCount);
  put(meta, 'interruptionTimeMs', interruptions.TotalTimeMillis);
  for (const [role, d] of Object.entries(obj(obj(cc.TalkSpeed).DetailsByParticipant))) put(meta, `${roleKey(role)}WordsPerMinute`, obj(d).AverageWordsPerMinute);
  const sentiment = obj(cc.Sentiment);
  for (const [role, score] of Object.entries(obj(sentiment.OverallSentiment))) put(meta, `${roleKey(role)}Sentiment`, score);
  for (const [role, periods] of Object.entries(obj(obj(sentiment.SentimentByPeriod).QUARTER))) {
    if (Array.isArray(periods)) meta[`${roleKey(role)}SentimentByQuarter`] = JSON.stringify(periods.map((p) => toNumber(obj(p).Score) ?? null));
  }
  const response = obj(cc.ResponseTime);
  put(meta, 'agentGreetingTimeMs', response.AgentGreetingTimeMillis);
  for (const [role, d] of Object.entries(obj(response.DetailsByParticipantRole))) {
    put(meta, `${roleKey(role)}ResponseAvgMs`, obj(obj(d).Average).ValueMillis);
    put(meta, `${roleKey(role)}ResponseMaxMs`, obj(obj(d).Maximum).ValueMillis);
  }
  const summary = obj(obj(cc.ContactSummary).PostContactSummary).Content;
  if (typeof summary === 'string' && summary !== '') meta.summary = summary;
  return meta;
}

/** Categories.MatchedCategories → categories ("a, b") and categoryCount. */
export function categoryMeta(value: unknown): Meta {
  const matched = obj(value).MatchedCategories;
  if (!Array.isArray(matched)) return {};
  const names = matched.filter((c): c is string => typeof c === 'string');
  return { categories: names.join(', '), categoryCount: names.length };
}

const INSIGHTS = [
  ['IssuesDetected', 'issues'],
  ['OutcomesDetected', 'outcomes'],
  ['ActionItemsDetected', 'actionItems'],
] as const;

/** Collects per-turn sentiment counts by role and the text of detected issues, outcomes and action items. */
export class TurnInsights {
  private readonly counts = new Map<string, number>();
  private readonly texts: Record<(typeof INSIGHTS)[number][1], string[]> = { issues: [], outcomes: [], actionItems: [] };

  add(item: Record<string, unknown>, role: string, content: string): void {
    if (typeof item.Sentiment === 'string' && (role === 'agent' || role === 'customer')) this.sentiment(role, item.Sentiment);
    for (const [field, key] of INSIGHTS) {
      const found = item[field];
      if (!Array.isArray(found)) continue;
      for (const f of found) {
        const text = insightText(obj(f), content);
        if (text) this.texts[key].push(text);
      }
    }
  }

  sentiment(role: 'agent' | 'customer', label: string): void {
    const kind = label.toUpperCase() === 'POSITIVE' ? 'Positive' : label.toUpperCase() === 'NEGATIVE' ? 'Negative' : undefined;
    if (!kind) return;
    const key = `${role}${kind}Turns`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  meta(): Meta {
    const meta: Meta = Object.fromEntries(this.counts);
    for (const [, key] of INSIGHTS) if (this.texts[key].length > 0) meta[key] = this.texts[key].join(' | ');
    return meta;
  }
}

/** Insight text: given outright (Contact Lens) or as character offsets into the turn (Call Analytics). */
function insightText(f: Record<string, unknown>, content: string): string | undefined {
  if (typeof f.Text === 'string') return f.Text;
  const at = obj(f.CharacterOffsets);
  const begin = toNumber(at.BeginOffsetChar ?? at.Begin);
  const end = toNumber(at.EndOffsetChar ?? at.End);
  if (begin === undefined || end === undefined || end <= begin) return undefined;
  return content.slice(begin, end).trim() || undefined;
}
