import type { AdapterItem, RawCall, RawTurn } from '../model/raw-call.js';
import type { AdapterOptions } from './adapter.js';
import { jsonAdapter } from './adapter.js';
import { fileStem, isObject, scalarFields, structureError, toNumber } from './json-document.js';
import { parseClock } from './plain-text.js';

export type SegmentRole = 'text' | 'speaker' | 'start' | 'end' | 'duration' | 'id';
export const SEGMENT_ROLES: SegmentRole[] = ['text', 'speaker', 'start', 'end', 'duration', 'id'];

/**
 * Field names per role, in order of preference. `human_transcript` before `transcript` (a corrected text
 * beats the machine one) and `offset_ms` before `start_ms`: in Harper Valley, start_ms of the agent channel
 * is shifted from the shared recording clock that offset_ms and start_timestamp_ms follow.
 */
export const SEGMENT_FIELDS: Record<SegmentRole, string[]> = {
  text: ['text', 'human_transcript', 'transcript', 'utterance', 'content', 'sentence', 'message', 'body'],
  speaker: ['speaker', 'speaker_role', 'role', 'speaker_label', 'speakerLabel', 'speaker_id', 'speakerId', 'participant', 'participant_role', 'party', 'channel', 'channel_index', 'channelTag', 'user', 'from'],
  start: ['start', 'start_time', 'startTime', 'begin', 'offset_ms', 'offsetMs', 'start_ms', 'startMs', 'begin_ms', 'start_sec', 'start_seconds'],
  end: ['end', 'end_time', 'endTime', 'stop', 'end_ms', 'endMs', 'end_sec', 'end_seconds'],
  duration: ['duration', 'duration_ms', 'durationMs', 'dur'],
  id: ['call_id', 'callId', 'conversation_id', 'conversationId', 'session_id', 'sessionId', 'contact_id', 'contactId'],
};

/** Keys under which an object may hold its segment array. */
const WRAPPERS = ['segments', 'utterances', 'transcript', 'messages', 'results', 'items', 'phrases', 'monologues'];

type Units = 'ms' | 's' | 'us';
const SCALE: Record<Units, number> = { ms: 1, s: 1000, us: 0.001 };

/** Unit from a field name: …_ms / …Ms / …millis are ms, …_us / …usec micro-seconds, others seconds. */
export function unitsOf(field: string): Units {
  if (/(_ms|Ms|millis|Millis|_msec)$/.test(field)) return 'ms';
  if (/(_us|_usec|Usec|micros|Micros)$/.test(field)) return 'us';
  return 's';
}

export interface SegmentMapping {
  fields: Partial<Record<SegmentRole, string>>;
  units?: Units;
}

/** The fields used for these segments: overrides from --segment-fields, else the first known name present. */
export function segmentMapping(sample: Record<string, unknown>, options: AdapterOptions = {}): SegmentMapping {
  const overrides = options.segmentFields ?? {};
  const fields: Partial<Record<SegmentRole, string>> = {};
  for (const role of SEGMENT_ROLES) {
    const wanted = overrides[role];
    if (wanted !== undefined) fields[role] = wanted;
    else {
      const found = SEGMENT_FIELDS[role].find((f) => f in sample);
      if (found !== undefined) fields[role] = found;
    }
  }
  const units = overrides.units;
  return { fields, ...(units === 'ms' || units === 's' || units === 'us' ? { units } : {}) };
}

/** A time in ms from a number, a numeric string or a clock stamp ("00:01:02.5"), in the field's unit. */
function timeMs(v: unknown, units: Units): number | undefined {
  if (typeof v === 'string' && /^\d+(:\d{1,2}){1,2}([.,]\d+)?$/.test(v.trim())) return Math.round(parseClock(v.trim()) * 1000);
  const n = toNumber(v);
  return n === undefined ? undefined : Math.round(n * SCALE[units]);
}

function segmentList(doc: unknown): { list: unknown[]; path: string; wrapper?: Record<string, unknown> } | undefined {
  if (Array.isArray(doc)) return { list: doc, path: '' };
  if (!isObject(doc)) return undefined;
  const key = WRAPPERS.find((k) => Array.isArray(doc[k]));
  return key ? { list: doc[key] as unknown[], path: key, wrapper: doc } : undefined;
}

const hasTextField = (list: unknown[]) => list.length > 0 && isObject(list[0]) && SEGMENT_FIELDS.text.some((f) => f in (list[0] as object));

/**
 * Any JSON array of segment objects (Harper Valley, in-house exports): one object per utterance, fields
 * found by name or named with --segment-fields. Segments that share an id field become one call each.
 */
export const segmentsAdapter = jsonAdapter({
  name: 'segments',
  description: 'generic JSON segments: an array of {text, speaker, start, end|duration} objects; fields set with --segment-fields',
  extensions: ['.json'],
  sniff: (head) => /^\s*\[\s*\{/.test(head) && new RegExp(`"(${SEGMENT_FIELDS.text.join('|')})"\\s*:`).test(head),
  // a bare array needs a known text field; an object that keeps its list under "utterances", "segments"…
  // is taken even without one, so the error can say which field to name
  matchJson: (v) => {
    const found = segmentList(v);
    return found !== undefined && (hasTextField(found.list) || (found.wrapper !== undefined && isObject(found.list[0])));
  },
  *readJson(doc, file, options): Iterable<AdapterItem> {
    const found = segmentList(doc);
    if (!found || found.list.length === 0) {
      yield structureError(file, 0, 'document', `an array of segment objects (or an object holding one under ${WRAPPERS.join(', ')})`);
      return;
    }
    const at = (i: number) => (found.path ? `${found.path}[${i}]` : `[${i}]`);
    const first = found.list.find(isObject) ?? {};
    const mapping = segmentMapping(first, options);
    const { fields } = mapping;
    if (fields.text === undefined) {
      yield structureError(file, 0, at(0), `a text field (looked for ${SEGMENT_FIELDS.text.join(', ')}; name one with --segment-fields text=FIELD)`);
      return;
    }
    const unit = (role: 'start' | 'end' | 'duration') => mapping.units ?? unitsOf(fields[role] ?? '');
    const fieldMap = SEGMENT_ROLES.filter((r) => fields[r] !== undefined).map((r) => `${r}=${fields[r]}`).join(',');
    const wrapper = found.wrapper ?? {};
    const docId = [fields.id, 'id', ...SEGMENT_FIELDS.id].map((k) => (k !== undefined ? wrapper[k] : undefined)).find((v) => typeof v === 'string' || typeof v === 'number');
    const calls = new Map<string, RawCall>();
    for (const [i, s] of found.list.entries()) {
      const text = isObject(s) ? s[fields.text] : undefined;
      if (!isObject(s) || typeof text !== 'string') {
        yield structureError(file, 0, at(i), `a segment object with "${fields.text}" (text)`);
        continue;
      }
      const key = fields.id !== undefined && s[fields.id] !== undefined ? String(s[fields.id]) : '';
      let call = calls.get(key);
      if (!call) {
        const id = key !== '' ? key : docId !== undefined ? String(docId) : calls.size === 0 ? fileStem(file) : undefined;
        call = { id, source: { file, record: calls.size }, meta: { ...scalarFields(wrapper), fieldMap }, turns: [] };
        calls.set(key, call);
      }
      const value = (role: SegmentRole) => (fields[role] !== undefined ? s[fields[role]] : undefined);
      const who = value('speaker');
      const start = timeMs(value('start'), unit('start'));
      let end = timeMs(value('end'), unit('end'));
      const duration = timeMs(value('duration'), unit('duration'));
      if (end === undefined && start !== undefined && duration !== undefined) end = start + duration;
      // a time that is there but is not one goes through as it is, for normaliseCall to report
      const turn: RawTurn = {
        speaker: typeof who === 'string' || typeof who === 'number' ? String(who) : undefined,
        text,
        start: start ?? value('start'),
        end: end ?? value('end'),
        timeScale: 1,
      };
      call.turns.push(turn);
    }
    for (const call of calls.values()) yield { kind: 'call', call: letterLabelsAsSpeakers(call) };
  },
});

/**
 * Diarizers that name speakers A, B, C… would collide with the A:/C: shorthand for agent/customer; when a
 * call has a letter other than A and C, its letters are speaker names ("speaker A") for the role resolver.
 */
function letterLabelsAsSpeakers(call: RawCall): RawCall {
  const letters = new Set(call.turns.map((t) => t.speaker).filter((s): s is string => s !== undefined && /^[A-Za-z]$/.test(s)));
  if (![...letters].some((l) => !/^[ac]$/i.test(l))) return call;
  return { ...call, turns: call.turns.map((t) => (t.speaker !== undefined && letters.has(t.speaker) ? { ...t, speaker: `speaker ${t.speaker}` } : t)) };
}
