import { existsSync } from 'node:fs';
import { adapterByName, ADAPTERS } from '../adapters/index.js';
import { unresolvedSpeakers } from '../adapters/role-resolver.js';
import { SEGMENT_ROLES } from '../adapters/segments.js';
import type { ReadOptions } from '../io/read-calls.js';
import type { Call } from '../model/call.js';
import { stderrLine } from './terminal.js';

/** The input options shared by score and explain, as commander hands them over. */
export interface InputCliOptions {
  inputFormat?: string;
  csvColumns?: string;
  segmentFields?: string;
  agentSpeaker?: string;
  metaFromFilename?: string;
  metaFile?: string;
}

export function parseCsvColumns(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [role, name] = pair.split('=').map((s) => s.trim());
    if (!role || !name || !['id', 'speaker', 'start', 'end', 'text'].includes(role)) {
      throw new Error(`--csv-columns: "${pair}" should be ROLE=COLUMN with ROLE one of id, speaker, start, end, text`);
    }
    out[role] = name;
  }
  return out;
}

/** "text=human_transcript,start=offset_ms,units=ms" → field per role. */
export function parseSegmentFields(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [role, field] = pair.split('=').map((s) => s.trim());
    if (!role || !field || ![...SEGMENT_ROLES, 'units'].includes(role)) {
      throw new Error(`--segment-fields: "${pair}" should be ROLE=FIELD with ROLE one of ${SEGMENT_ROLES.join(', ')}, units`);
    }
    if (role === 'units' && !['ms', 's', 'us'].includes(field)) throw new Error(`--segment-fields: units=${field} should be ms, s or us`);
    out[role] = field;
  }
  return out;
}

/** Command-line input options → ReadOptions, or the usage error to print. */
export function readOptionsFrom(o: InputCliOptions): { options: ReadOptions } | { error: string } {
  try {
    if (o.inputFormat !== undefined && !adapterByName(o.inputFormat)) {
      return { error: `unknown --input-format "${o.inputFormat}" (choose ${ADAPTERS.map((a) => a.name).join(', ')})` };
    }
    let metaFromFilename: RegExp | undefined;
    if (o.metaFromFilename !== undefined) {
      try {
        metaFromFilename = new RegExp(o.metaFromFilename);
      } catch (e) {
        return { error: `--meta-from-filename: ${(e as Error).message}` };
      }
      if (!/\(\?<[A-Za-z_$][\w$]*>/.test(o.metaFromFilename)) return { error: '--meta-from-filename needs named groups, e.g. "(?<team>[^/]+)/(?<agent>[^_/]+)_"' };
    }
    if (o.metaFile !== undefined && !existsSync(o.metaFile)) return { error: `--meta-file: no such file "${o.metaFile}"` };
    const csvColumns = parseCsvColumns(o.csvColumns);
    const segmentFields = o.segmentFields !== undefined ? parseSegmentFields(o.segmentFields) : undefined;
    return {
      options: {
        ...(o.inputFormat ? { inputFormat: o.inputFormat } : {}),
        ...(csvColumns ? { csvColumns } : {}),
        ...(segmentFields ? { segmentFields } : {}),
        ...(o.agentSpeaker !== undefined ? { agentSpeaker: o.agentSpeaker } : {}),
        ...(metaFromFilename ? { metaFromFilename } : {}),
        ...(o.metaFile !== undefined ? { metaFile: o.metaFile } : {}),
        onNote: (n) => stderrLine(`cxlint: note: ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}`),
      },
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Agent-scoped rules never run on a speaker whose role is unknown; say so once per file (and count the
 * rest), so an export without roles is never scored as if its agent had been checked.
 */
export function roleWarnings(write: (line: string) => void = stderrLine) {
  const files = new Set<string>();
  let calls = 0;
  return {
    note(call: Pick<Call, 'id' | 'source' | 'meta'>): void {
      const labels = unresolvedSpeakers(call);
      if (labels === undefined) return;
      calls++;
      if (files.has(call.source.file)) return;
      files.add(call.source.file);
      write(
        `cxlint: warning: ${call.source.file}: could not tell which speaker is the agent in call ${call.id} (${labels}); agent-scoped rules did not run on its turns — name the agent with --agent-speaker LABEL`,
      );
    },
    finish(): void {
      if (calls > files.size) write(`cxlint: warning: ${calls} call(s) in ${files.size} file(s) have unresolved speaker roles`);
    },
  };
}
