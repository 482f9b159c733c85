import type { PatternElement, PhrasePattern } from './phrase-pattern.js';

/**
 * How much work a phrase can cost at one word of a turn, known before any turn is read.
 *
 * Phrases are not regular expressions: they compile to a list of elements that the matcher walks
 * left to right inside one sentence, trying each way an element can match (an alternative, an
 * optional part present or absent, a gap of 0..N words) before giving up at that word. The number of
 * matcher steps started at one word is therefore at most
 *
 *   cost = 1 + b1 + b1·b2 + … + b1·…·bn
 *
 * where bi is how many ways element i can match at one place. A phrase of many optional parts and
 * gaps multiplies them ("a? a? a? …": 2^n), so a pack could make one long unpunctuated turn take
 * minutes; a phrase whose cost is over MAX_PHRASE_COST is therefore a load error, and every phrase
 * that loads costs at most that many steps per word of a turn: the work of a run is linear in the
 * length of its transcripts.
 */
export const MAX_PHRASE_COST = 2000;

const NUMBER_WORDS = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|first|second|third|fourth|fifth)$/;

/** Whether two pattern words can match the same token (conservative: true when unsure). */
function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  const wild = (w: string) => w.startsWith('~') || w === 'is' || w === 's';
  if (wild(a) || wild(b)) return true;
  if (a === '#' || b === '#') {
    const other = a === '#' ? b : a;
    return other.endsWith('*') || /\d/.test(other) || NUMBER_WORDS.test(other);
  }
  const prefix = (w: string) => (w.endsWith('*') ? w.slice(0, -1) : undefined);
  const pa = prefix(a);
  const pb = prefix(b);
  if (pa !== undefined && pb !== undefined) return pa.startsWith(pb) || pb.startsWith(pa);
  if (pa !== undefined) return b.startsWith(pa);
  if (pb !== undefined) return a.startsWith(pb);
  return false;
}

/** Two alternatives can both match at one place when one's words can match the other's, as far as the shorter goes. */
const overlap = (a: string[], b: string[]) => a.every((w, i) => i >= b.length || sameToken(w, b[i]!));

/** How many ways an element can match at one place in a turn. */
export function branching(element: PatternElement): number {
  switch (element.kind) {
    case 'gap':
      return element.max + 1;
    case 'sentence-start':
      return 1;
    case 'words': {
      const together = Math.max(...element.options.map((o) => element.options.filter((p) => overlap(o, p)).length));
      return together + (element.optional ? 1 : 0);
    }
    default:
      return element.optional ? 2 : 1;
  }
}

/** The most matcher steps the phrase can take from one word of a turn (see above). */
export function phraseCost(pattern: PhrasePattern): number {
  let ways = 1;
  let cost = 1;
  for (const element of pattern.elements) {
    ways *= branching(element);
    cost += ways;
  }
  return cost;
}

/** Why a phrase is too costly to run, or undefined when it is within the limit. */
export function phraseCostProblem(pattern: PhrasePattern): string | undefined {
  const cost = phraseCost(pattern);
  if (cost <= MAX_PHRASE_COST) return undefined;
  return `"${pattern.source}" can take ${cost} matching steps at every word of a turn (the limit is ${MAX_PHRASE_COST}): use fewer optional parts ("word?"), fewer or shorter gaps ("*N") or split it into several phrases`;
}
