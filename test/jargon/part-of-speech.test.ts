import { describe, expect, it } from 'vitest';
import { tagPhrase } from '../../src/nlp/part-of-speech.js';

describe('tagPhrase (compromise, loaded only here)', () => {
  it.each([
    ['back office', ['It is with the back office now.']],
    ['email address', ['Please DM your email address.']],
    ['account', ['I can see your account here.', 'Your account is up to date.']],
    ['troubleshooting steps', []],
  ])('"%s" is a noun phrase', (term, contexts) => {
    expect(tagPhrase(term, contexts)).toEqual({ nounPhrase: true, name: false });
  });

  it.each([
    ['look into', ['We will look into it.']],
    ['sorry', ['Sorry to hear that.']],
    ['let us know', []],
    ['tuesday', ['The engineer comes on Tuesday.']],
    ['send', ['Send us a DM.']],
  ])('"%s" is not a noun phrase', (term, contexts) => {
    expect(tagPhrase(term, contexts).nounPhrase).toBe(false);
  });

  it('knows a first name, and does not take a common noun in context for one', () => {
    expect(tagPhrase('Daniel', ['Thanks, Daniel, have a good day.']).name).toBe(true);
    expect(tagPhrase('bill', ['Your bill is ready.']).name).toBe(false);
  });
});
