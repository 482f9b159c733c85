import type { Adapter } from './adapter.js';
import { ccaiInsightsAdapter } from './ccai-insights.js';
import { contactLensAdapter } from './contact-lens.js';
import { csvAdapter } from './csv-utterances.js';
import { cxlintJsonAdapter } from './cxlint-json.js';
import { genesysAdapter } from './genesys.js';
import { isObject, parseJsonDocument } from './json-document.js';
import { pcaAdapter } from './pca.js';
import { plainTextAdapter } from './plain-text.js';
import { rttmAdapter } from './rttm.js';
import { segmentsAdapter } from './segments.js';
import { srtAdapter } from './srt.js';
import { stmAdapter } from './stm.js';
import { transcribeAdapter } from './transcribe.js';
import { transcribeCallAnalyticsAdapter } from './transcribe-call-analytics.js';
import { webvttAdapter } from './webvtt.js';
import { whisperJsonAdapter } from './whisper-json.js';

/**
 * In detection order. JSON formats first, cxlint's own form (objects with "turns") before the vendor
 * formats, each vendor format by the keys only it has (Contact Lens before Call Analytics: both have
 * Transcript[], only Contact Lens has ParticipantId), the generic segment array last among JSON; then the
 * line formats by their headers and timing lines (RTTM before STM: an RTTM line also has STM's shape); CSV; plain text (the most lenient) last.
 */
export const ADAPTERS: Adapter[] = [
  cxlintJsonAdapter,
  contactLensAdapter,
  transcribeCallAnalyticsAdapter,
  pcaAdapter,
  transcribeAdapter,
  ccaiInsightsAdapter,
  genesysAdapter,
  whisperJsonAdapter,
  segmentsAdapter,
  webvttAdapter,
  srtAdapter,
  rttmAdapter,
  stmAdapter,
  csvAdapter,
  plainTextAdapter,
];

export function adapterByName(name: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

/** How much of a file the text sniffers look at. */
export const HEAD_CHARS = 8192;

export interface Detection {
  adapter?: Adapter;
  /** The parsed document when the file was one JSON document: handed to adapter.readJson, never parsed twice. */
  json?: { value: unknown };
  /** Why nothing matched, when that can be said better than "unrecognised"; `line` where it shows. */
  reason?: string;
  line?: number;
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty JSON array: no calls' : `a JSON array of ${Array.isArray(value[0]) ? 'arrays' : typeof value[0] === 'object' ? 'objects without a text field' : `${typeof value[0]}s`}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    return `a JSON object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
  }
  return `a JSON ${typeof value}`;
}

/**
 * Choose by content first (extensions lie: a .txt that holds JSONL): a whole JSON document by its
 * structure, anything else (JSONL, truncated JSON, text formats) by its first few KB; then by extension.
 */
export function chooseAdapter(file: string, text: string): Detection {
  const head = text.slice(0, HEAD_CHARS);
  const lower = file.toLowerCase();
  if (/^\s*[[{]/.test(head)) {
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false;
    }
    if (parsed) {
      const adapter = ADAPTERS.find((a) => a.matchJson?.(value));
      if (adapter) return { adapter, json: { value } };
      // cxlint's JSONL reader explains a line without "turns" better than "unrecognised"
      if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return { adapter: cxlintJsonAdapter };
      return { reason: `unrecognised JSON: ${describeJson(value)}; choose a format with --input-format (${ADAPTERS.filter((a) => a.matchJson).map((a) => a.name).join(', ')})` };
    }
  }
  const byContent = ADAPTERS.find((a) => a.sniff(head));
  if (byContent) return { adapter: byContent };
  const firstLine = head.trimStart().split(/\r?\n/, 1)[0]!.trim();
  if ((firstLine === '{' || firstLine === '[') && !lower.endsWith('.jsonl') && !lower.endsWith('.ndjson')) {
    // a pretty-printed document that does not parse: where it breaks matters more than a guessed format
    const parsed = parseJsonDocument(text);
    if (!parsed.ok) return { reason: `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.problem}; the format cannot be told from the part that reads`, line: parsed.line };
  }
  const byExtension = ADAPTERS.find((a) => a.extensions.some((ext) => lower.endsWith(ext)));
  return byExtension ? { adapter: byExtension } : {};
}

/** The adapter for a file, judged on its content (or the part given) and then its name. */
export function detectAdapter(file: string, head: string): Adapter | undefined {
  return chooseAdapter(file, head).adapter;
}

export type { Adapter };
