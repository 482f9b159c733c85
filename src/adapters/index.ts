import type { Adapter } from './adapter.js';
import { csvAdapter } from './csv-utterances.js';
import { cxlintJsonAdapter } from './cxlint-json.js';
import { plainTextAdapter } from './plain-text.js';

/** In detection order: the most specific structure first, plain text (the most lenient) last. */
export const ADAPTERS: Adapter[] = [cxlintJsonAdapter, csvAdapter, plainTextAdapter];

export function adapterByName(name: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

/** Choose by content first (extensions lie: a .txt that holds JSONL), then by extension. */
export function detectAdapter(file: string, head: string): Adapter | undefined {
  const byContent = ADAPTERS.find((a) => a.sniff(head));
  if (byContent) return byContent;
  const lower = file.toLowerCase();
  return ADAPTERS.find((a) => a.extensions.some((ext) => lower.endsWith(ext)));
}

export type { Adapter };
