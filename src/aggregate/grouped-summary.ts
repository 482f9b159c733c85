import type { Polarity } from '../model/finding.js';
import type { CallResult } from '../model/result.js';
import { addToSummary, emptySummary, finishSummary, type Summary, type SummaryState } from './summary.js';

export const NO_GROUP = '(none)';

/** The overall summary plus one per value of a meta field (agent, team, queue…). */
export interface GroupedState {
  groupBy?: string;
  all: SummaryState;
  groups: Map<string, SummaryState>;
}

export function emptyGrouped(groupBy?: string): GroupedState {
  return { ...(groupBy ? { groupBy } : {}), all: emptySummary(), groups: new Map() };
}

export function addToGrouped(state: GroupedState, result: Pick<CallResult, 'score' | 'signals' | 'meta'>): void {
  addToSummary(state.all, result);
  if (!state.groupBy) return;
  const key = String(result.meta[state.groupBy] ?? NO_GROUP);
  let group = state.groups.get(key);
  if (!group) state.groups.set(key, (group = emptySummary()));
  addToSummary(group, result);
}

export interface GroupSummary extends Summary {
  group: string;
}

export function finishGroups(state: GroupedState, order: Record<string, Polarity>): GroupSummary[] {
  return [...state.groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, s]) => ({ group, ...finishSummary(s, order) }));
}
