import { describe, expect, it } from 'vitest';
import { looksEnglish } from '../../src/jargon/english-turn.js';
import { jargonLexicon } from '../../src/jargon/jargon-lexicon.js';
import { tokenize } from '../../src/nlp/tokenize.js';

const english = (text: string) => looksEnglish(tokenize(text), jargonLexicon().stopWords);

describe('looksEnglish', () => {
  it('accepts English turns, jargon-heavy ones included', () => {
    expect(english('I have raised it with tier 2 and logged it on Siebel for the NOC.')).toBe(true);
    expect(english('Please DM us your booking reference and we will take a look.')).toBe(true);
  });

  it('rejects turns in another language, even with an English word or two', () => {
    expect(english('Lamentamos el inconveniente, envíanos tu número de pedido por DM y lo revisamos.')).toBe(false);
    expect(english('Nous sommes désolés, pouvez-vous nous envoyer votre numéro de commande en DM ?')).toBe(false);
  });

  it('accepts turns too short to judge', () => {
    expect(english('¿Qué pasa?')).toBe(true);
    expect(english('PAC code?')).toBe(true);
  });
});
