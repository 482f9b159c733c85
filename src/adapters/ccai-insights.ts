import type { AdapterItem, RawCall, RawTurn } from '../model/raw-call.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, isoDate, isoToEpochMs, minOf, structureError, toNumber } from './json-document.js';

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

const ROLES: Record<string, string> = {
  AGENT: 'agent',
  HUMAN_AGENT: 'agent',
  ANY_AGENT: 'agent',
  CUSTOMER: 'customer',
  END_USER: 'customer',
  AUTOMATED_AGENT: 'system',
};
const role = (v: unknown) => (typeof v === 'string' ? ROLES[v.toUpperCase()] : undefined);

/** A protobuf Duration in JSON ("12.300s", or {seconds, nanos}) → ms. */
function durationMs(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(v.trim());
    return m ? Math.round(Number(m[1]) * 1000) : undefined;
  }
  if (isObject(v)) {
    const s = toNumber(v.seconds) ?? 0;
    const n = toNumber(v.nanos) ?? 0;
    return Math.round(s * 1000 + n / 1e6);
  }
  return undefined;
}

const segmentsOf = (v: Record<string, unknown>): unknown => obj(v.transcript).transcriptSegments ?? v.transcriptSegments;

/** The upload form: {"entries": [{"role", "user_id", "start_timestamp_usec", "text"}]}. */
function* readEntries(doc: Record<string, unknown>, entries: unknown[], file: string): Iterable<AdapterItem> {
  const stamps = entries.map((e) => toNumber(obj(e).start_timestamp_usec)).filter((t): t is number => t !== undefined);
  const t0 = minOf(stamps);
  const turns: RawTurn[] = [];
  for (const [i, e] of entries.entries()) {
    if (!isObject(e) || typeof e.text !== 'string') {
      yield structureError(file, 0, `entries[${i}]`, 'an entry with "text", "role" and "start_timestamp_usec"');
      continue;
    }
    const usec = toNumber(e.start_timestamp_usec);
    const label = role(e.role) ?? (e.user_id !== undefined ? `user ${String(e.user_id)}` : undefined);
    turns.push({ speaker: label, text: e.text, ...(usec !== undefined && t0 !== undefined ? { start: (usec - t0) / 1000 } : {}), timeScale: 1 });
  }
  const meta: Record<string, unknown> = t0 !== undefined ? { date: isoDate(t0 / 1000), startTime: new Date(t0 / 1000).toISOString() } : {};
  if (typeof doc.conversation_info === 'object') Object.assign(meta, conversationInfo(obj(doc.conversation_info)));
  yield { kind: 'call', call: { id: fileStem(file), source: { file, record: 0 }, meta, turns } };
}

function conversationInfo(info: Record<string, unknown>): Record<string, string | number> {
  const meta: Record<string, string | number> = {};
  const categories = info.categories;
  if (Array.isArray(categories)) meta.categories = categories.map((c) => (isObject(c) ? String(c.display_name ?? '') : String(c))).filter(Boolean).join(', ');
  return meta;
}

/** The Conversation resource: transcript.transcriptSegments[] with segmentParticipant.role, words[] offsets, messageTime. */
function readConversation(conv: Record<string, unknown>, file: string, record: number): AdapterItem[] {
  const out: AdapterItem[] = [];
  const segments = segmentsOf(conv);
  if (!Array.isArray(segments)) return [structureError(file, record, 'transcript.transcriptSegments', 'an array of segments with "text" and "segmentParticipant"')];
  const call = obj(conv.callMetadata);
  const startEpoch = isoToEpochMs(conv.startTime);
  const times = segments.map((s) => isoToEpochMs(obj(s).messageTime)).filter((t): t is number => t !== undefined);
  const t0 = startEpoch ?? minOf(times);
  const turns: RawTurn[] = [];
  for (const [i, s] of segments.entries()) {
    if (!isObject(s) || typeof s.text !== 'string') {
      out.push(structureError(file, record, `transcript.transcriptSegments[${i}]`, 'a segment with "text" and "segmentParticipant"'));
      continue;
    }
    const participant = obj(s.segmentParticipant);
    const channel = toNumber(s.channelTag);
    const byChannel = channel === undefined ? undefined : channel === toNumber(call.agentChannel) ? 'agent' : channel === toNumber(call.customerChannel) ? 'customer' : undefined;
    const who = participant.userId ?? participant.dialogflowParticipantName ?? participant.obfuscatedExternalUserId;
    const label = role(participant.role) ?? byChannel ?? (channel !== undefined && channel > 0 ? `channel ${channel}` : typeof who === 'string' ? who : undefined);
    const words = Array.isArray(s.words) ? s.words.map(obj) : [];
    let start = words.length > 0 ? durationMs(words[0]!.startOffset) : undefined;
    const end = words.length > 0 ? durationMs(words[words.length - 1]!.endOffset) : undefined;
    const at = isoToEpochMs(s.messageTime);
    if (start === undefined && at !== undefined && t0 !== undefined) start = at - t0;
    turns.push({ speaker: label, text: s.text, start, end, timeScale: 1 });
  }
  const meta: Record<string, unknown> = {};
  const agentInfo = Array.isArray(obj(conv.qualityMetadata).agentInfo) ? obj((obj(conv.qualityMetadata).agentInfo as unknown[])[0]) : {};
  const agent = agentInfo.displayName ?? agentInfo.agentId ?? conv.agentId;
  if (typeof agent === 'string') meta.agent = agent;
  if (typeof agentInfo.team === 'string') meta.team = agentInfo.team;
  if (typeof conv.medium === 'string') meta.channel = conv.medium === 'PHONE_CALL' ? 'voice' : conv.medium.toLowerCase();
  if (typeof conv.languageCode === 'string') meta.language = conv.languageCode;
  if (startEpoch !== undefined) Object.assign(meta, { date: isoDate(startEpoch), startTime: new Date(startEpoch).toISOString() });
  const duration = durationMs(conv.duration);
  if (duration !== undefined) meta.durationMs = duration;
  // labels are the customer's own keys (queue, region…): kept as they are, never over a field set above
  for (const [k, v] of Object.entries(obj(conv.labels))) if (typeof v === 'string' && meta[k] === undefined) meta[k] = v;
  const name = typeof conv.name === 'string' ? conv.name.replace(/^.*\//, '') : undefined;
  const raw: RawCall = { id: name || (record === 0 ? fileStem(file) : undefined), source: { file, record }, meta, turns };
  out.push({ kind: 'call', call: raw });
  return out;
}

/**
 * Google Contact Center AI Insights conversations: the upload form (`entries[]` with `role`, `user_id`,
 * `start_timestamp_usec`) and the Conversation resource (`transcript.transcriptSegments[]`), one or a
 * list (`conversations[]`).
 */
export const ccaiInsightsAdapter = jsonAdapter({
  name: 'ccai-insights',
  description: 'Google CCAI Insights conversation: entries[] (role, user_id, start_timestamp_usec) or transcript.transcriptSegments[]',
  extensions: ['.json'],
  sniff: (head) => /^\s*\{/.test(head) && (/"start_timestamp_usec"\s*:/.test(head) || /"transcriptSegments"\s*:/.test(head)),
  matchJson: (v) =>
    isObject(v) &&
    ((Array.isArray(v.entries) && (v.entries.length === 0 || (isObject(v.entries[0]) && 'text' in v.entries[0] && ('role' in v.entries[0] || 'start_timestamp_usec' in v.entries[0])))) ||
      Array.isArray(segmentsOf(v)) ||
      (Array.isArray(v.conversations) && v.conversations.some((c) => isObject(c) && Array.isArray(segmentsOf(c))))),
  *readJson(doc, file): Iterable<AdapterItem> {
    if (!isObject(doc)) {
      yield structureError(file, 0, 'document', 'an object with "entries" or "transcript": {"transcriptSegments"}');
      return;
    }
    if (Array.isArray(doc.entries)) {
      yield* readEntries(doc, doc.entries, file);
      return;
    }
    if (Array.isArray(doc.conversations)) {
      for (const [i, c] of doc.conversations.entries()) yield* isObject(c) ? readConversation(c, file, i) : [structureError(file, i, `conversations[${i}]`, 'a Conversation object')];
      return;
    }
    yield* readConversation(doc, file, 0);
  },
});
