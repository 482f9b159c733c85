import { describe, expect, it } from 'vitest';
import { questionCue } from '../../src/jargon/question-cue.js';

describe('questionCue', () => {
  it.each([
    'Sorry, what\u2019s that?',
    'What does that mean?',
    'Who are they?',
    'Sorry, who is that?',
    'What do you mean?',
    "I've never heard of them.",
    "Sorry, I don't know what that is.",
    'What is it?',
  ])('"%s" asks about the agent\'s last turn as a whole', (text) => {
    expect(questionCue(text)).toEqual({ generic: true, terms: [] });
  });

  it.each([
    ["What's a PAC code?", ['pac', 'code']],
    ['Sorry, what is an RMA?', ['rma']],
    ['What does BAU mean?', ['bau']],
    ['What does DSO stand for?', ['dso']],
    ['Who are the CRT team?', ['crt', 'team']],
    ['What do you mean by tier 2?', ['tier', '2']],
    ["I've never heard of the Orbit queue.", ['orbit', 'queue']],
    ["I don't understand what a STAC code is.", ['stac', 'code']],
  ])('"%s" asks about named words', (text, words) => {
    expect(questionCue(text)).toEqual({ generic: false, terms: [words] });
  });

  it.each([
    "What's the postcode of the old address?",
    "What's your number?",
    'What is the best way to pay my bill this month?',
    'Who are you?',
    "What's the problem?",
    'Okay, thanks.',
    'What time is the engineer coming?',
    'I know what that is.',
  ])('"%s" does not ask what the agent meant', (text) => {
    expect(questionCue(text)).toBeUndefined();
  });

  it('reads every sentence of the turn', () => {
    expect(questionCue("Okay. What's an RMA? Never heard of it.")).toEqual({ generic: true, terms: [['rma']] });
  });
});
