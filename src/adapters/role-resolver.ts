import type { Call, Speaker } from '../model/call.js';
import { speakerFromLabel } from '../model/normalise-call.js';
import type { RawCall } from '../model/raw-call.js';

/**
 * Which speaker is the agent when an export labels speakers without roles (spk_0, ch_1, SPEAKER_00,
 * caption names). Evidence is what each speaker says — the agent greets with the company name, asks how
 * they can help, checks identity, thanks the caller for calling; the customer says why they are calling —
 * plus a little for speaking first. The decision and how sure it is go into the call's meta; with too
 * little evidence the speakers stay `unknown` and meta.roles says "unresolved".
 */

interface Cue {
  id: string;
  weight: number;
  re: RegExp;
}

const AGENT_CUES: Cue[] = [
  { id: 'thanks-for-calling', weight: 3, re: /\bthank(?:s| you)(?: so much| very much)? for (?:calling|contacting|choosing|reaching(?: out)?|holding)\b/ },
  {
    id: 'company-greeting',
    weight: 3,
    re: /\b(?:welcome to|you(?:'ve| have) reached|you(?:'re| are) (?:through|speaking) (?:to|with)|this is (?:\w+ ){0,4}(?:bank|insurance|energy|telecom|airlines?|services|support|customer (?:service|care|support)|help ?desk|company|team|department))\b/,
  },
  { id: 'how-can-i-help', weight: 3, re: /\b(?:how (?:can|may|might) (?:i|we) (?:help|assist)|what can i (?:help you with|do for you|assist you with)|how can i be of (?:help|assistance))\b/ },
  {
    id: 'identity-check',
    weight: 2,
    re: /\b(?:(?:can|could|may) i (?:have|get|take|grab|confirm|verify) (?:your|the) (?:(?:full|first and last|last|first) )?(?:name|account|date of birth|post ?code|zip|address|phone|number|order|reference|card|email|security|pin|password|customer|policy)|(?:can|could) you (?:please )?(?:confirm|verify|provide)(?: me with)? (?:your|the)|for (?:security|verification) (?:purposes|reasons)|verify your (?:identity|account)|what(?:'s| is) (?:your|the) (?:account|order|reference|customer|policy|membership) (?:number|id))\b/,
  },
  { id: 'anything-else', weight: 2, re: /\banything else (?:i|we) can (?:help|do|assist)\b/ },
  { id: 'let-me-check', weight: 1, re: /\b(?:let me (?:just )?(?:check|look|pull up|see|transfer|put you)|bear with me|i(?:'ll| will) (?:transfer|put you through))\b/ },
  { id: 'apology-for-wait', weight: 1, re: /\b(?:sorry (?:about|for) (?:that|the wait|the delay|keeping you)|apologi[sz]e for)\b/ },
];

const WANT = '(?:cancel|change|close|report|pay|make|check|know|speak|talk|order|return|complain|replace|dispute|upgrade)';
const CUSTOMER_CUES: Cue[] = [
  { id: 'calling-about', weight: 3, re: /\bi(?:'m| am) (?:calling|ringing|phoning|contacting you) (?:about|because|to|regarding|for|in)\b/ },
  { id: 'been-waiting', weight: 3, re: /\bi(?:'ve| have) been (?:on hold|waiting|trying to)\b/ },
  { id: 'i-want-to', weight: 2, re: new RegExp(String.raw`\bi(?:(?:'d| would) like| want| need) to ${WANT}\b`) },
  { id: 'having-a-problem', weight: 2, re: /\b(?:i(?:'m| am) having (?:an? )?(?:issue|problem|trouble)|i (?:lost|can't find|cannot find) my)\b/ },
  { id: 'my-account', weight: 1, re: /\bmy (?:card|account|bill|order|phone|internet|broadband|package|parcel|payment|credit card|debit card|subscription|plan)\b/ },
];

/** Each cue counts at most this often per speaker, so one repeated phrase cannot decide alone. */
const CUE_CAP = 2;
const FIRST_SPEAKER = 0.5;
/** A decision needs this much more evidence for one speaker than for the next. */
export const MIN_MARGIN = 2;
/** Turns read per speaker: the opening and the close, where the telling phrases are. */
const HEAD_TURNS = 20;
const TAIL_TURNS = 8;

export interface RoleOptions {
  /** --agent-speaker: the label of the agent as the export writes it (spk_1, ch_0, SPEAKER_00, a name). */
  agentSpeaker?: string;
}

const normalise = (text: string) =>
  text
    .slice(0, 2000)
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/\s+/g, ' ');

interface Evidence {
  label: string;
  net: number;
  found: string[];
}

function weigh(label: string, texts: string[], first: boolean): Evidence {
  const counts = new Map<Cue, number>();
  for (const text of texts) {
    const t = normalise(text);
    for (const cue of [...AGENT_CUES, ...CUSTOMER_CUES]) if (cue.re.test(t)) counts.set(cue, Math.min(CUE_CAP, (counts.get(cue) ?? 0) + 1));
  }
  let net = first ? FIRST_SPEAKER : 0;
  const found: string[] = first ? ['spoke first'] : [];
  for (const [cue, n] of counts) {
    const agentSide = AGENT_CUES.includes(cue);
    net += (agentSide ? 1 : -1) * cue.weight * n;
    found.push(`${agentSide ? '+' : '-'}${cue.id}${n > 1 ? `×${n}` : ''}`);
  }
  return { label, net, found };
}

const confidence = (margin: number) => Math.round((0.5 + (0.5 * margin) / (margin + 2)) * 100) / 100;

/** --agent-speaker matches a label exactly (any case), or by number: "1" matches spk_1, ch_1, SPEAKER_01. */
function matchesOverride(label: string, wanted: string): boolean {
  const w = wanted.trim().toLowerCase();
  if (label.trim().toLowerCase() === w) return true;
  const n = /^\d+$/.test(w) ? Number(w) : undefined;
  const tail = /(\d+)$/.exec(label);
  return n !== undefined && tail !== null && Number(tail[1]) === n;
}

/** Labels turned into roles, and how sure: written back into the turns and the meta. */
function apply(raw: RawCall, roles: Map<string, Speaker>, meta: Record<string, string | number>): RawCall {
  const speakerMap = [...roles].map(([l, r]) => `${l}=${r}`).join('; ');
  return {
    ...raw,
    meta: { ...raw.meta, ...meta, ...(speakerMap ? { speakerMap } : {}) },
    turns: raw.turns.map((t) => (t.speaker !== undefined && roles.has(t.speaker) ? { ...t, speaker: roles.get(t.speaker) } : t)),
  };
}

/** Decide roles for the unlabelled speakers of a raw call; calls whose export names the agent pass unchanged. */
export function resolveRoles(raw: RawCall, options: RoleOptions = {}): RawCall {
  const known = new Set<Speaker>();
  const unknown: string[] = [];
  for (const t of raw.turns) {
    const role = speakerFromLabel(t.speaker, raw.meta);
    if (role !== 'unknown') known.add(role);
    else if (t.speaker !== undefined && t.speaker.trim() !== '' && !unknown.includes(t.speaker)) unknown.push(t.speaker);
  }
  const unlabelled = raw.turns.some((t) => t.speaker === undefined || t.speaker.trim() === '');
  if (known.has('agent')) {
    // two parties, one of them named as the agent: the other one is the customer
    if (!known.has('customer') && unknown.length === 1) {
      return apply(raw, new Map([[unknown[0]!, 'customer']]), { roles: 'inferred', roleConfidence: 0.9, roleEvidence: 'the other party of a labelled agent' });
    }
    return raw;
  }
  if (unknown.length === 0 && !unlabelled) return raw;

  if (options.agentSpeaker !== undefined) {
    const agent = unknown.find((l) => matchesOverride(l, options.agentSpeaker!));
    if (agent !== undefined) {
      const roles = new Map<string, Speaker>(unknown.map((l) => [l, l === agent ? 'agent' : 'customer']));
      return apply(raw, roles, { roles: 'override', agentSpeaker: agent, roleConfidence: 1 });
    }
  }
  const note: Record<string, string> = options.agentSpeaker !== undefined ? { agentSpeakerNotFound: options.agentSpeaker } : {};
  const unresolved = (why: string): RawCall => ({
    ...raw,
    meta: { ...raw.meta, ...note, roles: 'unresolved', unresolvedSpeakers: unknown.join(', ') || '(unlabelled)', roleEvidence: why },
  });

  if (known.has('customer') && unknown.length === 1) {
    return apply(raw, new Map([[unknown[0]!, 'agent']]), { ...note, roles: 'inferred', agentSpeaker: unknown[0]!, roleConfidence: 0.9, roleEvidence: 'the other party of a labelled customer' });
  }
  if (unknown.length < 2) return unresolved(unknown.length === 0 ? 'no speaker labels' : 'one speaker label for the whole call');

  const byLabel = new Map<string, string[]>(unknown.map((l) => [l, []]));
  for (const t of raw.turns) if (t.speaker !== undefined && typeof t.text === 'string') byLabel.get(t.speaker)?.push(t.text);
  const firstLabel = raw.turns.find((t) => t.speaker !== undefined && byLabel.has(t.speaker))?.speaker;
  const evidence = unknown
    .map((l) => {
      const texts = byLabel.get(l)!;
      const sample = texts.length > HEAD_TURNS + TAIL_TURNS ? [...texts.slice(0, HEAD_TURNS), ...texts.slice(-TAIL_TURNS)] : texts;
      return weigh(l, sample, l === firstLabel);
    })
    .sort((a, b) => b.net - a.net);
  const [top, second] = [evidence[0]!, evidence[1]!];
  const margin = top.net - second.net;
  const summary = evidence.map((e) => `${e.label}: ${e.found.join(', ') || 'no cue'}`).join('; ');
  if (margin < MIN_MARGIN) return unresolved(summary);
  const roles = new Map<string, Speaker>();
  for (const e of evidence) roles.set(e.label, e === top ? 'agent' : evidence.length === 2 || e.net < 0 ? 'customer' : 'unknown');
  for (const [l, r] of roles) if (r === 'unknown') roles.delete(l);
  return apply(raw, roles, { ...note, roles: 'inferred', agentSpeaker: top.label, roleConfidence: confidence(margin), roleEvidence: summary });
}

/** The labels left without a role, when the call's roles could not be resolved (for a warning). */
export function unresolvedSpeakers(call: Pick<Call, 'meta'>): string | undefined {
  return call.meta.roles === 'unresolved' ? String(call.meta.unresolvedSpeakers ?? '') : undefined;
}
