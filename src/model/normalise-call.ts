import { callSchema, type Call, type Speaker, type Turn } from './call.js';
import type { InputError, RawCall } from './raw-call.js';

// a Map, not an object literal: a label such as "constructor" must not find Object.prototype's members
const SPEAKER_WORDS = new Map<string, Speaker>();
for (const w of ['agent', 'a', 'rep', 'representative', 'advisor', 'adviser', 'operator', 'associate', 'staff', 'employee', 'csr', 'support', 'brand', 'internal', 'human_agent'])
  SPEAKER_WORDS.set(w, 'agent');
for (const w of ['customer', 'c', 'caller', 'client', 'user', 'member', 'external', 'end_user', 'enduser', 'consumer', 'cust'])
  SPEAKER_WORDS.set(w, 'customer');
for (const w of ['system', 'ivr', 'bot', 'virtual_agent', 'automated'])
  SPEAKER_WORDS.set(w, 'system');

/**
 * Label → role word, or null for a label that is not one: a run has a handful of distinct labels, and
 * working each out again for every turn cost more than reading the turn.
 */
const labelRoles = new Map<string, Speaker | null>();
const LABEL_MEMO_LIMIT = 10_000;

function roleWord(label: string): Speaker | null {
  let role = labelRoles.get(label);
  if (role === undefined) {
    role = SPEAKER_WORDS.get(label.trim().toLowerCase().replace(/[\s-]+/g, '_')) ?? null;
    if (labelRoles.size < LABEL_MEMO_LIMIT) labelRoles.set(label, role);
  }
  return role;
}

/** Map a format's speaker label to a role; names listed in the call's meta (agent, customer) count too. */
export function speakerFromLabel(label: string | undefined, meta: Record<string, unknown> = {}): Speaker {
  if (label === undefined) return 'unknown';
  const known = roleWord(label);
  if (known) return known;
  const same = (v: unknown) => typeof v === 'string' && v.trim().toLowerCase() === label.trim().toLowerCase();
  if (same(meta.agent)) return 'agent';
  if (same(meta.customer)) return 'customer';
  return 'unknown';
}

/** A value quoted in a message: short, and never the whole of a long text or a nested object. */
function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

/** A time in ms from a number or numeric string, or an explanation of why it is not one. */
function toMs(value: unknown, scale: number): number | undefined | string {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return `not a number: ${quote(value)}`;
  if (n < 0) return `negative: ${n} (expected the time from the start of the call, 0 or more)`;
  return Math.round(n * scale);
}

function metaOf(raw: Record<string, unknown>): Record<string, string | number> {
  const meta: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) meta[k] = v;
    else if (typeof v === 'boolean') meta[k] = String(v);
  }
  return meta;
}

/** Validate an adapter's raw record into a Call; anything wrong is an InputError at the record's position. */
export function normaliseCall(raw: RawCall, fallbackId: string): Call | InputError {
  const where = { file: raw.source.file, record: raw.source.record, ...(raw.source.line ? { line: raw.source.line } : {}) };
  const turns: Turn[] = [];
  for (const [index, t] of raw.turns.entries()) {
    if (typeof t.text !== 'string') {
      return { ...where, message: `turn ${index}: "text" must be a string, got ${t.text === undefined ? 'nothing' : typeof t.text}` };
    }
    const startMs = toMs(t.start, t.timeScale);
    const endMs = toMs(t.end, t.timeScale);
    if (typeof startMs === 'string') return { ...where, message: `turn ${index}: start time ${startMs}` };
    if (typeof endMs === 'string') return { ...where, message: `turn ${index}: end time ${endMs}` };
    const turn: Turn = { index, speaker: speakerFromLabel(t.speaker, raw.meta), text: t.text };
    if (startMs !== undefined) turn.startMs = startMs;
    if (endMs !== undefined) turn.endMs = endMs;
    turns.push(turn);
  }
  const id = raw.id !== undefined && raw.id.trim() !== '' ? raw.id.trim() : fallbackId;
  // The turns were built above from checked values (a string text, a role, whole non-negative
  // times), so zod checks the rest only: per-turn validation cost as much as running some rules.
  const parsed = callHeaderSchema.safeParse({ id, source: raw.source, meta: metaOf(raw.meta) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ...where, message: `${issue.path.join('.') || 'call'}: ${issue.message}` };
  }
  return { ...parsed.data, turns };
}

const callHeaderSchema = callSchema.omit({ turns: true });

export const isInputError = (x: Call | InputError): x is InputError => 'message' in x;
