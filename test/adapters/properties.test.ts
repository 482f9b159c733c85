import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAPTERS, type Adapter } from '../../src/adapters/index.js';
import { readCalls } from '../../src/io/read-calls.js';
import { decodeBytes } from '../../src/io/read-source.js';
import type { Call, Speaker } from '../../src/model/call.js';
import { callSchema } from '../../src/model/call.js';
import { isInputError, normaliseCall } from '../../src/model/normalise-call.js';
import type { AdapterItem } from '../../src/model/raw-call.js';
import { ROOT, tempTree } from '../helpers/fixtures.js';

/**
 * Property-based tests (fast-check). Every adapter, given any text at all, yields calls or
 * positioned errors and never throws; and well-formed calls written as cxlint JSONL, plain text or
 * CSV read back as the same calls.
 */
const FILE = 'input.any';
const RUNS = { numRuns: 150 };

/** One real file per adapter: mutating it reaches deeper into the reader than random text does. */
const SEEDS: Record<string, string> = {
  'cxlint-json': 'fixtures/calls/calls.jsonl',
  'contact-lens': 'fixtures/formats/contact-lens/voice-call.json',
  'transcribe-call-analytics': 'fixtures/formats/transcribe-call-analytics/billing-call.json',
  pca: 'fixtures/formats/pca/parsed-call.json',
  transcribe: 'fixtures/formats/transcribe/diarized.json',
  'ccai-insights': 'fixtures/formats/ccai-insights/conversation-resource.json',
  genesys: 'fixtures/formats/genesys/conversation-transcript.json',
  whisper: 'fixtures/formats/whisper/whisperx.json',
  segments: 'fixtures/formats/segments/two-calls.json',
  webvtt: 'fixtures/formats/webvtt/voices.vtt',
  srt: 'fixtures/formats/srt/names.srt',
  rttm: 'fixtures/formats/rttm/diarization.rttm',
  stm: 'fixtures/formats/stm/calls.stm',
  csv: 'fixtures/calls/calls.csv',
  text: 'fixtures/calls/call-007.txt',
};

/** A read item is a call from this file, or an error naming this file with a message and a sane position. */
function checkItem(item: AdapterItem): void {
  if (item.kind === 'error') {
    expect(item.error.file).toBe(FILE);
    expect(item.error.message).toEqual(expect.any(String));
    expect(item.error.message.length).toBeGreaterThan(0);
    if (item.error.line !== undefined) expect(Number.isInteger(item.error.line) && item.error.line >= 1).toBe(true);
    if (item.error.record !== undefined) expect(Number.isInteger(item.error.record) && item.error.record >= 0).toBe(true);
    return;
  }
  expect(item.call.source.file).toBe(FILE);
  // normalisation is the other half of "read": a call or a positioned error, never an exception
  const call = normaliseCall(item.call, 'fallback');
  if (isInputError(call)) expect(call.file).toBe(FILE);
  else {
    expect(call.turns.length).toBe(item.call.turns.length);
    // only the call's header goes through zod at run time; the whole call must still fit the schema
    expect(callSchema.safeParse(call).success).toBe(true);
  }
}

const readAll = (adapter: Adapter, text: string) => {
  const items = [...adapter.read(text, FILE, {})];
  items.forEach(checkItem);
  return items;
};

/** Text near the format: the seed cut short, with a slice cut out, or with junk put in. */
const mutated = (seed: string) =>
  fc.oneof(
    fc.nat({ max: seed.length }).map((n) => seed.slice(0, n)),
    fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: 200 })).map(([at, n]) => seed.slice(0, at) + seed.slice(at + n)),
    fc.tuple(fc.nat({ max: seed.length }), fc.string({ unit: 'binary', maxLength: 20 })).map(([at, junk]) => seed.slice(0, at) + junk + seed.slice(at)),
    fc.tuple(fc.nat({ max: seed.length }), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\n', '\r', '-->', '\u0000', '\\', '-1', 'NaN', '1e999')).map(
      ([at, token]) => seed.slice(0, at) + token + seed.slice(at),
    ),
  );

describe('every adapter: any input in, calls or positioned errors out, never an exception', () => {
  it('covers every adapter', () => {
    expect(Object.keys(SEEDS).sort()).toEqual(ADAPTERS.map((a) => a.name).sort());
  });

  for (const adapter of ADAPTERS) {
    describe(adapter.name, () => {
      const seed = readFileSync(join(ROOT, SEEDS[adapter.name]!), 'utf8');

      it('the seed file reads', () => {
        expect(readAll(adapter, seed).some((i) => i.kind === 'call')).toBe(true);
      });

      it('any string', () => {
        fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void readAll(adapter, text)), RUNS);
      });

      it('any bytes, decoded as cxlint decodes files', () => {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void readAll(adapter, decodeBytes(bytes))), RUNS);
      });

      it('the seed file, damaged', () => {
        fc.assert(fc.property(mutated(seed), (text) => void readAll(adapter, text)), RUNS);
      });

      if (adapter.readJson) {
        const readJson = adapter.readJson.bind(adapter);
        it('any JSON value (a parsed document handed over by detection)', () => {
          fc.assert(
            fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
              [...readJson(value, FILE, {})].forEach(checkItem);
              readAll(adapter, JSON.stringify(value) ?? '');
            }),
            RUNS,
          );
        });
      }
    });
  }
});

describe('the whole reading pipeline on any bytes', () => {
  const tree = tempTree();
  afterAll(tree.remove);

  it.each(['x.jsonl', 'x.json', 'x.csv', 'x.txt', 'x.vtt', 'x.srt', 'x.rttm', 'x.stm'])('%s: calls or errors, every one naming the file', (name) => {
    const path = join(tree.dir, name);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s))), (bytes) => {
        writeFileSync(path, bytes);
        for (const item of readCalls([path], { onNote: () => undefined })) {
          expect(item.kind === 'call' ? item.call.source.file : item.error.file).toBe(path);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/*
 * Round trip. A generated call is written the way a user or an export would write it, and read back
 * through the whole pipeline (decoding, detection, adapter, normalisation). Speakers and times come
 * back exactly (times in whole milliseconds). Text comes back exactly from JSONL and CSV; the plain
 * text format trims each turn and reads a line break inside a turn as a space, so there the text is
 * compared with runs of whitespace made one space and the ends trimmed.
 */
const SPEAKER_LABEL: Record<Exclude<Speaker, 'unknown'>, string> = { agent: 'Agent', customer: 'Customer', system: 'IVR' };
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9'’.,!?-]{0,11}$/);
const utterance = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom(' ', ' ', ' ', '  ', '\t', ', ', '; ', ': ', ' "', '" ', ' — '), { minLength: 12, maxLength: 12 }))
  .map(([words, gaps]) => words.map((w, i) => (i === 0 ? w : `${gaps[i]}${w}`)).join(''));

interface GeneratedTurn {
  speaker: Exclude<Speaker, 'unknown'>;
  text: string;
  startMs: number;
  endMs: number;
}
interface GeneratedCall {
  id: string;
  turns: GeneratedTurn[];
}

const generatedCall = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    turns: fc.array(
      fc.record({ speaker: fc.constantFrom('agent', 'customer', 'system') as fc.Arbitrary<GeneratedTurn['speaker']>, text: utterance, pause: fc.nat({ max: 30000 }), length: fc.nat({ max: 60000 }) }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ id, turns }): GeneratedCall => {
    let clock = 0;
    return {
      id,
      turns: turns.map(({ speaker, text, pause, length }) => {
        const startMs = clock + pause;
        clock = startMs + length;
        return { speaker, text, startMs, endMs: clock };
      }),
    };
  });
const generatedCalls = fc.uniqueArray(generatedCall, { selector: (c) => c.id, minLength: 1, maxLength: 4 });

const clock = (ms: number) => {
  const h = Math.floor(ms / 3600000);
  const m = Math.floor(ms / 60000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
};
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const writers = {
  jsonl: (calls: GeneratedCall[]) =>
    calls.map((c) => JSON.stringify({ id: c.id, turns: c.turns.map((t) => ({ speaker: t.speaker, text: t.text, startMs: t.startMs, endMs: t.endMs })) })).join('\n'),
  text: (call: GeneratedCall) => [`# id: ${call.id}`, ...call.turns.map((t) => `[${clock(t.startMs)}-${clock(t.endMs)}] ${SPEAKER_LABEL[t.speaker]}: ${t.text}`)].join('\n'),
  csv: (calls: GeneratedCall[]) =>
    ['call_id,speaker,start_ms,end_ms,text', ...calls.flatMap((c) => c.turns.map((t) => [c.id, t.speaker, t.startMs, t.endMs, csvField(t.text)].join(',')))].join('\r\n'),
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const shape = (calls: (GeneratedCall | Call)[], text: (s: string) => string = (s) => s) =>
  calls.map((c) => ({ id: c.id, turns: c.turns.map((t) => ({ speaker: t.speaker, text: text(t.text), startMs: t.startMs, endMs: t.endMs })) }));

describe('round trip: generated calls written as JSONL, plain text and CSV read back the same', () => {
  const tree = tempTree();
  afterAll(tree.remove);
  const readBack = (name: string, content: string) => {
    const path = join(tree.dir, name);
    writeFileSync(path, content);
    const items = [...readCalls([path])];
    expect(items.filter((i) => i.kind === 'error')).toEqual([]);
    return items.flatMap((i) => (i.kind === 'call' ? [i.call] : []));
  };

  it('cxlint JSONL: exactly', () => {
    fc.assert(fc.property(generatedCalls, (calls) => void expect(shape(readBack('calls.jsonl', writers.jsonl(calls)))).toEqual(shape(calls))), RUNS);
  });

  it('CSV (quoted where needed, CRLF): exactly', () => {
    fc.assert(fc.property(generatedCalls, (calls) => void expect(shape(readBack('calls.csv', writers.csv(calls)))).toEqual(shape(calls))), RUNS);
  });

  it('plain text with [start-end] stamps: text up to whitespace', () => {
    fc.assert(fc.property(generatedCall, (call) => void expect(shape(readBack('call.txt', writers.text(call)), squash)).toEqual(shape([call], squash))), RUNS);
  });
});
