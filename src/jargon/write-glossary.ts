import { stringify } from 'yaml';
import { normaliseText } from '../nlp/tokenize.js';
import type { JargonCandidate } from './rank-candidates.js';

/** One glossary entry, as the internal-jargon rule reads it (`glossary:` of a substitution rule). */
export interface GlossaryEntry {
  term: string;
  say?: string;
  /** Shown as a comment after the term, for the analyst. */
  note?: string;
}

/** A term as a rule phrase: its words only, so "(", "|", "#", "*", "?" in a transcript never become syntax. */
export function glossaryTerm(term: string): string {
  return term
    .replace(/[^\p{L}\p{N}'’\s-]/gu, ' ')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entries from ranked candidates, with their evidence as a note; `say` is left for the analyst. */
export function glossaryEntries(candidates: JargonCandidate[]): GlossaryEntry[] {
  return candidates
    .map((c) => ({
      term: glossaryTerm(c.term),
      note: `${c.kind}; agents ${c.agentCount}, customers ${c.customerCount}${c.asked > 0 ? `, asked ${c.asked}` : ''}, score ${c.score}`,
    }))
    .filter((e) => e.term !== '');
}

/** Entries already in a glossary first (the analyst's `say` kept), then the new ones not already there. */
export function mergeGlossary(existing: GlossaryEntry[], added: GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set(existing.map((e) => normaliseText(e.term)));
  const out = [...existing];
  for (const e of added) {
    const key = normaliseText(e.term);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/** The glossary file: the same YAML the starter glossary uses, `say:` empty where nobody has written one. */
export function glossaryYaml(entries: GlossaryEntry[], description = 'Internal terms found by cxlint jargon'): string {
  const lines = [
    '# Glossary for a substitution rule (`glossary: <this file>`, relative to the pack folder).',
    '# term: a phrase in rule syntax; say: the plain-language alternative the finding suggests.',
    '# Fill in `say:` for the terms you keep and delete the ones that are not jargon.',
    `description: ${scalar(description)}`,
    'terms:',
  ];
  for (const e of entries) {
    lines.push(`  - term: ${scalar(e.term)}${e.note ? `  # ${e.note.replace(/\s+/g, ' ')}` : ''}`);
    lines.push(e.say ? `    say: ${scalar(e.say)}` : '    say:');
  }
  if (entries.length === 0) lines[lines.length - 1] = 'terms: []';
  return `${lines.join('\n')}\n`;
}
