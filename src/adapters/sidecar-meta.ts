import { isObject, isoDate, scalarFields, toNumber } from './json-document.js';

/** Keys, anywhere in a metadata document, that fill cxlint's conventional meta fields. */
const ALIASES: Record<string, string[]> = {
  agent: ['agent_name', 'agentName', 'agent_display_name'],
  team: ['team', 'team_name', 'teamName'],
  queue: ['queue', 'queue_name', 'queueName'],
  direction: ['direction', 'originatingDirection'],
  task: ['task_type', 'taskType'],
};
const START = ['start_time_ms', 'startTimeMs', 'conversationStartTime', 'start_time', 'startTime'];

/** The first string or number under one of these keys, searched breadth-first a few levels deep. */
function findKey(doc: unknown, keys: string[], depth = 4): string | number | undefined {
  let level: unknown[] = [doc];
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (Array.isArray(node)) next.push(...node.slice(0, 20));
      else if (isObject(node)) {
        for (const k of keys) {
          const v = node[k];
          if (typeof v === 'string' && v !== '') return v;
          if (typeof v === 'number' && Number.isFinite(v)) return v;
        }
        next.push(...Object.values(node));
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * A JSON metadata file that sits beside a transcript (Harper Valley's metadata/<sid>.json, or
 * <name>.meta.json) → meta: its top-level scalars, plus agent / team / queue / direction / task found
 * by name at any depth, and `date` from a start time.
 */
export function metaFromSidecar(doc: unknown): Record<string, string | number> {
  if (!isObject(doc)) return {};
  const meta = scalarFields(doc);
  for (const [field, keys] of Object.entries(ALIASES)) {
    if (meta[field] !== undefined) continue;
    const v = findKey(doc, keys);
    if (v !== undefined) meta[field] = v;
  }
  if (meta.date === undefined) {
    const start = findKey(doc, START, 2);
    const ms = typeof start === 'string' ? Date.parse(start) : toNumber(start);
    if (ms !== undefined && Number.isFinite(ms) && ms > 1e11) meta.date = isoDate(ms);
  }
  return meta;
}
