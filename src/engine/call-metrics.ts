import { maxOf, minOf } from '../model/extremes.js';
import { countWords } from '../nlp/word-count.js';
import type { Call, Speaker } from '../model/call.js';
import type { CallTimeline } from './call-timeline.js';

export interface Gap {
  /** The gap follows this turn (the one whose end is latest when the silence starts)… */
  afterTurn: number;
  /** …and ends when this turn starts. */
  beforeTurn: number;
  fromMs: number;
  toMs: number;
  durationMs: number;
  kind: 'hold' | 'dead-air';
  /** "end" when the gap starts in the closing part of the call (pack timing.endWindowPercent). */
  position: 'mid-call' | 'end';
  /** For holds: the agent said something like "thanks for holding" afterwards. */
  returned: boolean;
  /** The end of the turn before the gap was estimated (transcript gives starts only). */
  estimated: boolean;
}

export interface Overtalk {
  turn: number;
  interrupter: Speaker;
  interrupted: Speaker;
  durationMs: number;
}

/**
 * Per-call timing metrics. Times are milliseconds, shares are 0..1. A metric that cannot be computed
 * is null and `unavailable` says why; it is never reported as 0.
 */
export interface CallMetrics {
  timed: boolean;
  handleTimeMs: number | null;
  talkMs: { agent: number | null; customer: number | null };
  nonTalkMs: number | null;
  nonTalkShare: number | null;
  agentTalkShare: number | null;
  longestGapMs: number | null;
  gapThresholdMs: number;
  gaps: Gap[];
  holdCount: number | null;
  holdTotalMs: number | null;
  longestHoldMs: number | null;
  deadAirCount: number | null;
  overtalkCount: number | null;
  overtalkMs: number | null;
  overtalks: Overtalk[];
  agentWordsPerMinute: number | null;
  agentWordsPerMinuteEnd: number | null;
  /** Agent speech rate in the closing part over the whole call: above 1 the agent speeds up at the end. */
  agentSpeedUpRatio: number | null;
  longestAgentMonologueMs: number | null;
  /** From the start of the call to the agent's first words. */
  firstAgentTurnMs: number | null;
  unavailable: Record<string, string>;
}

export interface MetricsPolicy {
  gapSeconds: number;
  endWindowPercent: number;
  holdCountsAsNonTalk: boolean;
  holdAnnounceTurns: number;
}

export interface HoldCues {
  announcedAt: (turn: number) => boolean;
  returnedAt: (turn: number) => boolean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Turn indices in time order (by start, then input order): exports do not always list turns in order. */
function timeOrder(tl: CallTimeline): number[] {
  const order = tl.turns.map((_, i) => i);
  // most exports are in time order already: sort only when they are not
  const inOrder = tl.turns.every((t, i) => i === 0 || t.startMs >= tl.turns[i - 1]!.startMs);
  return inOrder ? order : order.sort((a, b) => tl.turns[a]!.startMs - tl.turns[b]!.startMs || a - b);
}

function findGaps(call: Call, tl: CallTimeline, order: number[], policy: MetricsPolicy, cues: HoldCues, handleStart: number, handleMs: number): Gap[] {
  const gaps: Gap[] = [];
  const thresholdMs = policy.gapSeconds * 1000;
  let latestEnd = -Infinity;
  let latestTurn = -1;
  for (let o = 0; o + 1 < order.length; o++) {
    const i = order[o]!;
    if (tl.turns[i]!.endMs >= latestEnd) {
      latestEnd = tl.turns[i]!.endMs;
      latestTurn = i;
    }
    const next = order[o + 1]!;
    const toMs = tl.turns[next]!.startMs;
    const durationMs = toMs - latestEnd;
    if (durationMs < thresholdMs) continue;
    let announced = false;
    for (let k = o; k >= 0 && k > o - policy.holdAnnounceTurns; k--) {
      const t = order[k]!;
      if (call.turns[t]!.speaker === 'agent' && cues.announcedAt(t)) announced = true;
    }
    const nextAgent = order.slice(o + 1, o + 3).find((t) => call.turns[t]!.speaker === 'agent');
    const position = latestEnd - handleStart >= handleMs * (1 - policy.endWindowPercent / 100) ? 'end' : 'mid-call';
    gaps.push({
      afterTurn: latestTurn,
      beforeTurn: next,
      fromMs: latestEnd,
      toMs,
      durationMs,
      kind: announced ? 'hold' : 'dead-air',
      position,
      returned: nextAgent !== undefined && cues.returnedAt(nextAgent),
      estimated: tl.turns[latestTurn]!.estimated,
    });
  }
  return gaps;
}

/** A turn that starts while another speaker's turn is still going: overtalk, by the later speaker. */
function findOvertalk(call: Call, tl: CallTimeline, order: number[]): Overtalk[] {
  const found: Overtalk[] = [];
  let latest = -1;
  for (const i of order) {
    const cur = tl.turns[i]!;
    if (latest >= 0) {
      const prev = tl.turns[latest]!;
      const a = call.turns[latest]!.speaker;
      const b = call.turns[i]!.speaker;
      if (a !== b && cur.startMs < prev.endMs) {
        found.push({ turn: i, interrupter: b, interrupted: a, durationMs: Math.min(prev.endMs, cur.endMs) - cur.startMs });
      }
    }
    if (latest < 0 || cur.endMs > tl.turns[latest]!.endMs) latest = i;
  }
  return found;
}

function longestGap(tl: CallTimeline, order: number[]): number {
  let longest = 0;
  let latestEnd = -Infinity;
  for (let o = 0; o + 1 < order.length; o++) {
    latestEnd = Math.max(latestEnd, tl.turns[order[o]!]!.endMs);
    longest = Math.max(longest, tl.turns[order[o + 1]!]!.startMs - latestEnd);
  }
  return longest;
}

/** Union length of the [start, end) spans of the turns `include` accepts; `order` is the time order. */
function coveredMs(tl: CallTimeline, order: number[], include: (turn: number) => boolean): number {
  let total = 0;
  let from = 0;
  let to = -Infinity;
  for (const i of order) {
    if (!include(i)) continue;
    const { startMs, endMs } = tl.turns[i]!;
    if (startMs > to) {
      if (to > -Infinity) total += to - from;
      from = startMs;
      to = endMs;
    } else to = Math.max(to, endMs);
  }
  return to > -Infinity ? total + to - from : total;
}

export function computeMetrics(call: Call, tl: CallTimeline, policy: MetricsPolicy, cues: HoldCues): CallMetrics {
  const unavailable: Record<string, string> = {};
  const gapThresholdMs = policy.gapSeconds * 1000;
  const empty: CallMetrics = {
    timed: false,
    handleTimeMs: null,
    talkMs: { agent: null, customer: null },
    nonTalkMs: null,
    nonTalkShare: null,
    agentTalkShare: null,
    longestGapMs: null,
    gapThresholdMs,
    gaps: [],
    holdCount: null,
    holdTotalMs: null,
    longestHoldMs: null,
    deadAirCount: null,
    overtalkCount: null,
    overtalkMs: null,
    overtalks: [],
    agentWordsPerMinute: null,
    agentWordsPerMinuteEnd: null,
    agentSpeedUpRatio: null,
    longestAgentMonologueMs: null,
    firstAgentTurnMs: null,
    unavailable,
  };
  if (!tl.timed) {
    const reason = call.turns.length === 0 ? 'the call has no turns' : 'the transcript has no timestamps';
    for (const key of Object.keys(empty)) {
      if (!['timed', 'gaps', 'overtalks', 'unavailable', 'gapThresholdMs'].includes(key)) unavailable[key] = reason;
    }
    return empty;
  }
  const order = timeOrder(tl);
  const first = tl.turns[order[0]!]!.startMs;
  const last = maxOf(tl.turns.map((t) => t.endMs));
  const handleTimeMs = last - first;
  const gaps = findGaps(call, tl, order, policy, cues, first, handleTimeMs);
  const holds = gaps.filter((g) => g.kind === 'hold');
  const talkOf = (who: Speaker) => coveredMs(tl, order, (i) => call.turns[i]!.speaker === who);
  const agentTalk = talkOf('agent');
  const customerTalk = talkOf('customer');
  const allTalk = coveredMs(tl, order, () => true);
  const holdMs = holds.reduce((s, g) => s + g.durationMs, 0);
  const nonTalkMs = handleTimeMs - allTalk - (policy.holdCountsAsNonTalk ? 0 : holdMs);

  const endFrom = first + handleTimeMs * (1 - policy.endWindowPercent / 100);
  const agentIdx = call.turns.map((t, i) => (t.speaker === 'agent' ? i : -1)).filter((i) => i >= 0);
  // each agent turn's words are counted once, for the whole call and again for its closing part
  const wordsOf: number[] = [];
  for (const i of agentIdx) wordsOf[i] = countWords(call.turns[i]!.text);
  const wpm = (idx: number[]) => {
    const ms = idx.reduce((s, i) => s + (tl.turns[i]!.endMs - tl.turns[i]!.startMs), 0);
    return ms > 0 ? round((idx.reduce((s, i) => s + wordsOf[i]!, 0) / ms) * 60000) : null;
  };
  let longestMonologue = 0;
  for (let i = 0; i < agentIdx.length; ) {
    let j = i;
    while (j + 1 < agentIdx.length && agentIdx[j + 1] === agentIdx[j]! + 1) j++;
    longestMonologue = Math.max(longestMonologue, tl.turns[agentIdx[j]!]!.endMs - tl.turns[agentIdx[i]!]!.startMs);
    i = j + 1;
  }
  const overtalks = tl.endsKnown ? findOvertalk(call, tl, order) : [];
  if (!tl.endsKnown) {
    unavailable.overtalkCount = 'the transcript gives turn starts only';
    unavailable.overtalkMs = unavailable.overtalkCount;
  }
  const agentWpm = wpm(agentIdx);
  const agentWpmEnd = wpm(agentIdx.filter((i) => tl.turns[i]!.startMs >= endFrom));
  if (agentWpm === null) unavailable.agentWordsPerMinute = 'no agent speech';
  if (agentWpmEnd === null) unavailable.agentWordsPerMinuteEnd = 'the agent does not speak in the closing part';
  const talkTotal = agentTalk + customerTalk;
  if (talkTotal === 0) unavailable.agentTalkShare = 'no agent or customer speech';
  if (agentIdx.length === 0) {
    unavailable.longestAgentMonologueMs = 'no agent speech';
    unavailable.firstAgentTurnMs = 'no agent speech';
  }
  const speedUp = agentWpm !== null && agentWpmEnd !== null && agentWpm > 0 ? round(agentWpmEnd / agentWpm) : null;
  if (speedUp === null) unavailable.agentSpeedUpRatio = unavailable.agentWordsPerMinuteEnd ?? 'no agent speech';
  return {
    timed: true,
    handleTimeMs,
    talkMs: { agent: agentTalk, customer: customerTalk },
    nonTalkMs,
    nonTalkShare: handleTimeMs > 0 ? round(nonTalkMs / handleTimeMs) : null,
    agentTalkShare: talkTotal > 0 ? round(agentTalk / talkTotal) : null,
    longestGapMs: longestGap(tl, order),
    gapThresholdMs,
    gaps,
    holdCount: holds.length,
    holdTotalMs: holdMs,
    longestHoldMs: holds.length > 0 ? maxOf(holds.map((g) => g.durationMs)) : 0,
    deadAirCount: gaps.length - holds.length,
    overtalkCount: tl.endsKnown ? overtalks.length : null,
    overtalkMs: tl.endsKnown ? overtalks.reduce((s, o) => s + o.durationMs, 0) : null,
    overtalks,
    agentWordsPerMinute: agentWpm,
    agentWordsPerMinuteEnd: agentWpmEnd,
    agentSpeedUpRatio: speedUp,
    longestAgentMonologueMs: agentIdx.length > 0 ? longestMonologue : null,
    firstAgentTurnMs: agentIdx.length > 0 ? minOf(agentIdx.map((i) => tl.turns[i]!.startMs)) - first : null,
    unavailable,
  };
}
