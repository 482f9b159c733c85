import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../src/baseline/fingerprint.js';
import { githubFormatter } from '../../src/formatters/github-report.js';
import { junitFormatter } from '../../src/formatters/junit-report.js';
import { keepWorst } from '../../src/aggregate/worst-calls.js';
import { markdownFormatter, mdCode } from '../../src/formatters/markdown-report.js';
import { artifactUri, SARIF_FINGERPRINT_KEY, sarifFormatter } from '../../src/formatters/sarif-report.js';
import { xmlAttr, xmlText } from '../../src/formatters/xml-text.js';
import { loadPacks } from '../../src/io/load-packs.js';
import { ROOT, tempTree, UNIT } from '../helpers/fixtures.js';
import { formatInputs } from '../helpers/report.js';

const { pack } = loadPacks([]);
const CALLS = join(ROOT, 'fixtures/calls');

/** Characters XML 1.0 cannot carry at all (not even as references). */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

// A call whose id and words carry control characters, an escape sequence, a lone surrogate, U+FFFF
// and markup: what an ASR export or a copy-paste can hold.
const nasty = tempTree({
  'nasty.jsonl': `${JSON.stringify({
    id: 'ctl-\u0001-"call"&<x>',
    turns: [
      { speaker: 'agent', text: 'Sorry, my system is really slow today \u001b[31m\u0007\u000b <b>&amp; "quoted" ]]> \ud800 \uffff bear with me.' },
      { speaker: 'customer', text: 'ok\u0000?' },
    ],
  })}\n`,
});
afterAll(nasty.remove);

describe('xml text', () => {
  it('escapes markup and drops what XML 1.0 cannot carry', () => {
    expect(xmlText('a<b>&c\u0001\u001b\ud800\uffff\u{1F600}')).toBe('a&lt;b&gt;&amp;c\u{1F600}');
    expect(xmlAttr('say "hi"\n\tnow')).toBe('say &quot;hi&quot;&#10;&#9;now');
  });
});

describe('JUnit report', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testcase', 'property', 'failure'].includes(name) });

  it('is valid XML 1.0 even when transcripts carry control characters', () => {
    const input = readFileSync(join(nasty.dir, 'nasty.jsonl'), 'utf8');
    expect(input).toMatch(/\\u0001|\\u001b/); // the control: the input really has them
    const { text } = formatInputs(junitFormatter(), pack!, [join(nasty.dir, 'nasty.jsonl')]);
    expect(XMLValidator.validate(text)).toBe(true);
    expect(NOT_XML.test(text)).toBe(false);
    const doc = parser.parse(text);
    const testcase = doc.testsuites.testsuite.testcase[0];
    expect(testcase.name).toBe('ctl--"call"&<x>');
    expect(testcase.failure[0]['#text']).toContain('inward/system-apology');
  });

  it('one test case per call and per input error; failures carry the evidence', () => {
    const { text, results } = formatInputs(junitFormatter(), pack!, [CALLS, join(UNIT, 'malformed.jsonl')]);
    expect(XMLValidator.validate(text)).toBe(true);
    const suite = parser.parse(text).testsuites.testsuite;
    const cases = suite.testcase as { name: string; failure?: { '#text': string; message: string }[]; error?: unknown }[];
    expect(cases.filter((c) => !c.error).map((c) => c.name)).toEqual(results.map((r) => r.id));
    expect(cases.filter((c) => c.error)).toHaveLength(1);
    const failing = results.filter((r) => r.findings.some((f) => f.polarity === 'inward'));
    expect(Number(suite.failures)).toBe(failing.length);
    expect(Number(suite.tests)).toBe(results.length + 1);
    expect(Number(suite.errors)).toBe(1);
    const first = failing[0]!;
    const failure = cases.find((c) => c.name === first.id)!.failure![0]!['#text'];
    for (const f of first.findings.filter((x) => x.polarity === 'inward')) expect(failure).toContain(`turn ${f.turn}`);
    expect(failure).toContain(first.findings.find((f) => f.span)!.span!.text);
  });

  it('--fail-on error and --fail-under decide which calls fail', () => {
    const strict = parser.parse(formatInputs(junitFormatter({ failOn: 'error' }), pack!, [CALLS]).text).testsuites.testsuite;
    expect(Number(strict.failures)).toBe(0);
    const { text, results } = formatInputs(junitFormatter({ failOn: 'error', failUnder: 70 }), pack!, [CALLS]);
    const suite = parser.parse(text).testsuites.testsuite;
    expect(Number(suite.failures)).toBe(results.filter((r) => r.score < 70).length);
    expect(suite.testcase.find((c: { failure?: unknown }) => c.failure).failure[0].message).toMatch(/below --fail-under 70/);
  });
});

describe('SARIF report', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8'));
  // CommonJS packages: their default export is on .default under NodeNext
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  const run = () => formatInputs(sarifFormatter(pack!.rules), pack!, [CALLS, join(UNIT, 'malformed.jsonl'), join(nasty.dir, 'nasty.jsonl')]);
  const { text, results } = run();
  const log = JSON.parse(text);

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // the control: the validator does reject a broken log
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    const [first] = log.runs[0].results;
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...first, level: 'bogus' }] }] })).toBe(false);
  });

  it('lists the inward rules with ids and descriptions; every result names a listed rule', () => {
    const rules = log.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string } }[];
    expect(rules.map((r) => r.id)).toEqual(pack!.rules.filter((r) => r.polarity === 'inward').map((r) => r.id));
    expect(rules.every((r) => r.shortDescription.text && r.fullDescription.text)).toBe(true);
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const inward = results.flatMap((r) => r.findings.filter((f) => f.polarity === 'inward'));
    expect(log.runs[0].results).toHaveLength(inward.length);
  });

  it('locates each result at the input file and line, with call and turn as a logical location', () => {
    const call = results.find((r) => r.source.file.endsWith('calls.jsonl') && r.findings.some((f) => f.polarity === 'inward'))!;
    const f = call.findings.find((x) => x.polarity === 'inward')!;
    const res = log.runs[0].results.find((r: { properties: { callId: string } }) => r.properties.callId === call.id);
    expect(res.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: artifactUri(call.source.file) }, region: { startLine: call.source.line } });
    expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`${call.id}/turn ${f.turn}`);
    expect(res.partialFingerprints[SARIF_FINGERPRINT_KEY]).toBe(findingFingerprint(call.id, f));
  });

  it('fingerprints are unique within a run and identical across runs', () => {
    const prints = log.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    expect(run().text).toBe(text);
  });

  it('input errors are tool notifications and the invocation is marked unsuccessful', () => {
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
  });

  it('artifact URIs: relative paths stay relative and are escaped; absolute ones are file URLs', () => {
    expect(artifactUri('exports/a b#1.jsonl')).toBe('exports/a%20b%231.jsonl');
    expect(artifactUri('/tmp/x.jsonl')).toBe('file:///tmp/x.jsonl');
  });
});

describe('GitHub annotations', () => {
  it('one workflow command per inward finding, escaped, then a summary notice', () => {
    const { text, results } = formatInputs(githubFormatter(), pack!, [CALLS, join(nasty.dir, 'nasty.jsonl')]);
    const lines = text.trimEnd().split('\n');
    const inward = results.flatMap((r) => r.findings.filter((f) => f.polarity === 'inward'));
    expect(lines).toHaveLength(inward.length + 1);
    expect(lines[0]).toMatch(/^::warning file=[^,]+,line=\d+,title=[^:]+::.+/);
    expect(lines.at(-1)).toMatch(/^::notice title=cxlint summary::/);
    // nothing can break out of the one-line command
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
  });
});

describe('Markdown summary', () => {
  it('score statistics, a prevalence row per signal and the lowest-scoring calls', () => {
    const { text, results } = formatInputs(markdownFormatter(), pack!, [CALLS]);
    expect(text).toMatch(/^## cxlint: 14 call\(s\), mean score 85.7\n/);
    for (const signal of Object.keys(pack!.signals)) expect(text).toContain(`| ${signal} |`);
    const lowest = [...results].sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))[0]!;
    expect(text).toContain(`| \`${lowest.id}\` |`);
  });

  it('transcript text stays text: code spans, pipes escaped, one line', () => {
    expect(mdCode('a | b\nc')).toBe('`a \\| b c`');
    expect(mdCode('use `x` @team')).toBe('``use `x` @team``');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
  });

  it('the worst calls do not depend on the order they came in', () => {
    const calls = [
      { id: 'b', file: 'f', score: 50 },
      { id: 'a', file: 'f', score: 50 },
      { id: 'c', file: 'f', score: 10 },
    ];
    expect(keepWorst(calls, 2).map((c) => c.id)).toEqual(['c', 'a']);
    expect(keepWorst([...calls].reverse(), 2)).toEqual(keepWorst(calls, 2));
  });
});
