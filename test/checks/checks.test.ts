import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import type { Finding } from '../../src/model/finding.js';
import { compilePack, type CompiledPack } from '../../src/ruleset/compile-pack.js';
import { loadPack } from '../../src/ruleset/load-pack.js';
import { makeCall, tempTree, UNIT_PACK_DIR, type TurnSpec } from '../helpers/fixtures.js';

/** A pack holding the unit pack's pack.yaml and one rule (file "rule.yaml", id "unit/rule"). */
const trees: { remove: () => void }[] = [];
afterAll(() => trees.forEach((t) => t.remove()));
function packWith(ruleYaml: string): CompiledPack {
  const tree = tempTree({ 'pack.yaml': readFileSync(join(UNIT_PACK_DIR, 'pack.yaml'), 'utf8'), 'rule.yaml': ruleYaml });
  trees.push(tree);
  const loaded = loadPack(tree.dir);
  expect(loaded.errors).toEqual([]);
  const { pack, errors } = compilePack(loaded.source!);
  expect(errors).toEqual([]);
  expect(pack.rules.map((r) => r.id)).toEqual(['unit/rule']);
  return pack;
}
const EXAMPLES = 'examples: { match: ["A: x"], noMatch: ["A: y"] }\n';
const run = (pack: CompiledPack, turns: TurnSpec[]): Finding[] => runPack(pack, makeCall('c', turns)).findings;
const turnsOf = (findings: Finding[]) => findings.map((f) => f.turn);

describe('phrase check', () => {
  const pack = packWith(`type: phrase
signal: apology
weight: 6
message: 'Said "{{match}}"'
scope: { speaker: agent }
phrases: [sorry * (slow|down)]
exceptions: [sorry to hear]
turnExceptions: [only joking]
nextTurnExceptions: [instead I can]
cues: [silence, hold music]
${EXAMPLES}`);

  it('fires on scoped turns only, with the matched span and message', () => {
    const findings = run(pack, [
      ['agent', 'Hi. Sorry, the system is slow today.'],
      ['customer', 'Sorry, my phone is slow.'],
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'unit/rule', signal: 'apology', polarity: 'inward', weight: 6, turn: 0, speaker: 'agent', span: { start: 4, end: 29, text: 'Sorry, the system is slow' } });
    expect(findings[0]!.message).toContain('Sorry, the system is slow');
    expect(findings[0]!.message).not.toContain('{{');
  });

  it('an exception cancels a match in the same sentence only', () => {
    expect(run(pack, [['agent', 'Sorry to hear the line is down.']])).toEqual([]);
    expect(turnsOf(run(pack, [['agent', 'Sorry to hear that. Sorry, it is down.']]))).toEqual([0]);
  });

  it('a turn exception cancels the whole turn', () => {
    expect(run(pack, [['agent', 'Sorry, it is down. Only joking!']])).toEqual([]);
  });

  it("a next-turn exception in the same speaker's next turn cancels the match", () => {
    expect(run(pack, [
      ['agent', 'Sorry, it is down.'],
      ['customer', 'Oh.'],
      ['agent', 'Instead I can post it.'],
    ])).toEqual([]);
    expect(turnsOf(run(pack, [
      ['agent', 'Sorry, it is down.'],
      ['customer', 'Instead I can wait.'],
    ]))).toEqual([0]);
  });

  it('fires on bracketed cues, quoting the annotation', () => {
    const findings = run(pack, [['agent', 'Right. [silence] Okay.'], ['agent', '(Hold Music)'], ['agent', 'silence is golden']]);
    expect(findings.map((f) => [f.turn, f.span?.text])).toEqual([
      [0, 'silence'],
      [1, 'Hold Music'],
    ]);
  });

  it('a cue inside a URL (not read as words) is not a finding, and not a rule failure', () => {
    const { findings, ruleErrors } = runPack(pack, makeCall('url-cue', [['agent', 'see https://example.com/a[silence]b'], ['agent', 'Right. [silence] Okay.']]));
    expect(ruleErrors).toEqual([]);
    expect(findings.map((f) => [f.turn, f.span?.text])).toEqual([[1, 'silence']]);
  });

  it('reports one finding per turn', () => {
    expect(turnsOf(run(pack, [['agent', 'Sorry, it is slow. Sorry, it is down.']]))).toEqual([0]);
  });
});

describe('scope windows', () => {
  const scoped = (scope: string) =>
    packWith(`type: phrase
signal: apology
weight: 1
message: m
scope: ${scope}
phrases: [hello]
${EXAMPLES}`);
  const turns: TurnSpec[] = [
    ['agent', 'hello', 0, 5],
    ['customer', 'hello', 6, 10],
    ['agent', 'hello', 30, 40],
    ['agent', 'hello', 90, 100],
  ];

  it('speaker any / customer', () => {
    expect(turnsOf(run(scoped('{ speaker: any }'), turns))).toEqual([0, 1, 2, 3]);
    expect(turnsOf(run(scoped('{ speaker: customer }'), turns))).toEqual([1]);
  });

  it('first/last N turns', () => {
    expect(turnsOf(run(scoped('{ speaker: agent, first: 2 turns }'), turns))).toEqual([0]);
    expect(turnsOf(run(scoped('{ speaker: agent, last: 1 turn }'), turns))).toEqual([3]);
  });

  it('first/last N seconds and percent of the call', () => {
    expect(turnsOf(run(scoped('{ speaker: agent, first: 30s }'), turns))).toEqual([0]);
    expect(turnsOf(run(scoped('{ speaker: agent, last: 15s }'), turns))).toEqual([3]);
    expect(turnsOf(run(scoped('{ speaker: agent, first: 50% }'), turns))).toEqual([0, 2]);
  });
});

describe('substitution check', () => {
  const pack = packWith(`type: substitution
signal: jargon
weight: 3
message: 'Term "{{match}}", say "{{suggestion}}"'
terms:
  - { term: tier (2|two), say: our specialist team }
  - { term: back office }
exceptions: [which means]
${EXAMPLES}`);

  it('reports each term used, with its plain-language suggestion', () => {
    const findings = run(pack, [['agent', "It's gone to Tier 2 and then the back office."]]);
    expect(findings.map((f) => [f.span?.text, f.suggestion])).toEqual([
      ['Tier 2', 'our specialist team'],
      ['back office', undefined],
    ]);
    expect(findings[0]!.message).toContain('our specialist team');
  });

  it('an explanation in the same sentence cancels the term', () => {
    expect(run(pack, [['agent', 'Tier two, which means our experts, has it.']])).toEqual([]);
  });

  it('ignores the customer by default', () => {
    expect(run(pack, [['customer', 'Is that tier 2?']])).toEqual([]);
  });
});

describe('sequence check', () => {
  const pack = packWith(`type: sequence
signal: jargon
weight: 2
message: m
first: { speaker: agent, phrases: [tier 2] }
then: { speaker: customer, phrases: ["what (is|does) (that|it)"] }
within: { turns: 2 }
report: then
${EXAMPLES}`);

  it('fires when the second step follows within N turns, on the reported step', () => {
    const findings = run(pack, [
      ['agent', 'It is with tier 2.'],
      ['customer', 'Sorry, what is that?'],
    ]);
    expect(findings.map((f) => [f.turn, f.span?.text])).toEqual([[1, 'what is that']]);
  });

  it('does not fire when the second step is too late or missing', () => {
    expect(run(pack, [
      ['agent', 'It is with tier 2.'],
      ['customer', 'Okay.'],
      ['agent', 'Anything else?'],
      ['customer', 'What is that?'],
    ])).toEqual([]);
    expect(run(pack, [['customer', 'What is that?'], ['agent', 'tier 2']])).toEqual([]);
  });

  const gapPack = packWith(`type: sequence
signal: silence
weight: 2
message: m
first: { speaker: agent, phrases: [let me check] }
gapSeconds: 20
within: { turns: 2 }
${EXAMPLES}`);

  it('a silence after the first step counts as the second step on timed calls', () => {
    expect(turnsOf(run(gapPack, [['agent', 'Let me check.', 0, 2], ['agent', 'Found it.', 25, 27]]))).toEqual([0]);
    expect(run(gapPack, [['agent', 'Let me check.', 0, 2], ['agent', 'Found it.', 10, 12]])).toEqual([]);
    expect(run(gapPack, [['agent', 'Let me check.'], ['agent', 'Found it.']])).toEqual([]);
  });
});

describe('metric check', () => {
  const metric = (condition: string) =>
    packWith(`type: metric
signal: silence
weight: 2
message: 'value {{value}} limit {{limit}}'
metric: handleTimeMs
${condition}
${EXAMPLES}`);

  it('fires above or below a threshold, on the last turn, without a span', () => {
    const turns: TurnSpec[] = [['agent', 'Hi', 0, 10], ['customer', 'Bye', 11, 70]];
    const above = run(metric('above: 60000'), turns);
    expect(above).toHaveLength(1);
    expect(above[0]).toMatchObject({ ruleId: 'unit/rule', turn: 1 });
    expect(above[0]!.span).toBeUndefined();
    expect(above[0]!.message).toBe('value 70 s limit 60 s');
    expect(run(metric('above: 70000'), turns)).toEqual([]);
    expect(turnsOf(run(metric('below: 80000'), turns))).toEqual([1]);
  });

  it('never fires on a metric that is not available', () => {
    expect(run(metric('below: 1000000'), [['agent', 'Hi'], ['customer', 'Bye']])).toEqual([]);
  });
});

describe('runPack', () => {
  it('orders findings by turn, then span start, then rule id', () => {
    const tree = tempTree({
      'pack.yaml': readFileSync(join(UNIT_PACK_DIR, 'pack.yaml'), 'utf8'),
      'b.yaml': `type: phrase\nsignal: jargon\nweight: 1\nmessage: m\nphrases: [hello]\n${EXAMPLES}`,
      'a.yaml': `type: phrase\nsignal: apology\nweight: 1\nmessage: m\nphrases: [hello]\n${EXAMPLES}`,
      'c.yaml': `type: phrase\nsignal: apology\nweight: 1\nmessage: m\nphrases: [world]\n${EXAMPLES}`,
    });
    trees.push(tree);
    const pack = compilePack(loadPack(tree.dir).source!).pack;
    const findings = run(pack, [['agent', 'world, hello'], ['agent', 'hello world']]);
    expect(findings.map((f) => `${f.turn}:${f.span!.start}:${f.ruleId}`)).toEqual(['0:0:unit/c', '0:7:unit/a', '0:7:unit/b', '1:0:unit/a', '1:0:unit/b', '1:6:unit/c']);
  });

  it('keeps one finding when two rules of one signal quote overlapping words: the heavier', () => {
    const tree = tempTree({
      'pack.yaml': readFileSync(join(UNIT_PACK_DIR, 'pack.yaml'), 'utf8'),
      'term.yaml': `type: phrase\nsignal: jargon\nweight: 2\nmessage: m\nphrases: [raise an rma]\n${EXAMPLES}`,
      'acronym.yaml': `type: phrase\nsignal: jargon\nweight: 3\nmessage: m\nphrases: [rma]\n${EXAMPLES}`,
      'other.yaml': `type: phrase\nsignal: apology\nweight: 1\nmessage: m\nphrases: [rma]\n${EXAMPLES}`,
    });
    trees.push(tree);
    const pack = compilePack(loadPack(tree.dir).source!).pack;
    const findings = run(pack, [['agent', 'I will raise an RMA today, then another RMA later.']]);
    expect(findings.map((f) => `${f.ruleId}@${f.span!.start}`)).toEqual(['unit/acronym@16', 'unit/other@16']);
  });
});
