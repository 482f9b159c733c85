import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metaFromSidecar } from '../../src/adapters/sidecar-meta.js';
import { isSidecarOfTranscript, loadMetaFile, metaFromFilename } from '../../src/io/meta-sources.js';
import { readCalls } from '../../src/io/read-calls.js';
import type { Call } from '../../src/model/call.js';
import type { InputError } from '../../src/model/raw-call.js';
import { tempTree } from '../helpers/fixtures.js';

const segment = (speaker: string, text: string, start: number) => ({ speaker, text, start, end: start + 1 });
const transcript = JSON.stringify([segment('agent', 'Thanks for calling.', 0), segment('customer', 'Hi.', 2)]);

const tree = tempTree({
  'calls.csv': '\uFEFFcall_id,agent,team,queue\nA-17,Priya Shah,Billing,billing\nA-17,Someone Else,,\n,No Id,,\nsales_tom_0042,Tom Reed,,\n',
  'plain.csv': 'ref,agent\nx-1,Ann\n',
  'empty.csv': '',
  'hv/0001.json': transcript,
  'hv/metadata_0001.json': JSON.stringify({ sid: '0001', start_time_ms: 1590860609249, agent: { metadata: { agent_name: 'Robert' } }, tasks: [{ task_type: 'replace card' }] }),
  'named/sales_tom_0042.json': transcript,
  'named/sales_tom_0042.meta.json': JSON.stringify({ queue: 'upgrades', team: 'From Sidecar' }),
  'corpus/transcript/77.json': transcript,
  'corpus/metadata/77.json': JSON.stringify({ team: 'Corpus' }),
  'broken/9.json': transcript,
  'broken/9.meta.json': '{ nope',
  'labelled.jsonl': `${JSON.stringify({ id: 'A-17', meta: { agent: 'In File', team: 'In File' }, turns: [{ speaker: 'agent', text: 'hi' }] })}\n`,
});
afterAll(tree.remove);
const at = (rel: string) => join(tree.dir, rel);

function read(inputs: string[], options = {}): { calls: Call[]; errors: InputError[] } {
  const calls: Call[] = [];
  const errors: InputError[] = [];
  for (const item of readCalls(inputs, options)) {
    if (item.kind === 'call') calls.push(item.call);
    else errors.push(item.error);
  }
  return { calls, errors };
}

describe('--meta-file', () => {
  it('reads rows keyed by the id column (BOM and all), reporting repeated and missing ids with their lines', () => {
    const { rows, errors } = loadMetaFile(at('calls.csv'));
    expect(Object.fromEntries(rows)).toEqual({
      'A-17': { agent: 'Priya Shah', team: 'Billing', queue: 'billing' },
      sales_tom_0042: { agent: 'Tom Reed' },
    });
    expect(errors.map((e) => [e.line, e.message.slice(0, 30)])).toEqual([
      [3, '--meta-file: call id "A-17" ap'],
      [4, '--meta-file: no call id in col'],
    ]);
  });

  it('takes the first column as the key when no column is named like an id; reports an empty file', () => {
    expect(Object.fromEntries(loadMetaFile(at('plain.csv')).rows)).toEqual({ 'x-1': { agent: 'Ann' } });
    expect(loadMetaFile(at('empty.csv')).errors).toEqual([expect.objectContaining({ file: at('empty.csv') })]);
    expect(loadMetaFile(at('missing.csv')).errors).toEqual([expect.objectContaining({ file: at('missing.csv') })]);
  });

  it('its row wins over the meta in the export; calls are matched by id, then by file name', () => {
    const { calls } = read([at('labelled.jsonl'), at('named/sales_tom_0042.json')], { metaFile: at('calls.csv') });
    expect(calls.map((c) => [c.id, c.meta.agent, c.meta.team])).toEqual([
      ['A-17', 'Priya Shah', 'Billing'],
      ['sales_tom_0042', 'Tom Reed', 'From Sidecar'],
    ]);
  });
});

describe('--meta-from-filename', () => {
  it('takes the named groups that match the path', () => {
    expect(metaFromFilename(/(?<team>[^/]+)_(?<agent>[^_/]+)_(?<seq>\d+)\.json$/, 'exports\\sales_tom_0042.json')).toEqual({ team: 'sales', agent: 'tom', seq: '0042' });
    expect(metaFromFilename(/(?<agent>zzz)/, 'x.json')).toEqual({});
  });

  it('applies to every call of the file, over a sidecar and under --meta-file', () => {
    const { calls } = read([at('named/sales_tom_0042.json')], { metaFromFilename: '(?<team>[a-z]+)_(?<agent>[a-z]+)_\\d+', metaFile: at('calls.csv') });
    expect(calls[0]!.meta).toMatchObject({ team: 'sales', agent: 'Tom Reed', queue: 'upgrades' });
  });

  it('a pattern that does not compile is an input error, not a crash', () => {
    expect(read([at('hv/0001.json')], { metaFromFilename: '(?<a>' }).errors).toEqual([expect.objectContaining({ file: '--meta-from-filename' })]);
  });
});

describe('metadata files beside a transcript', () => {
  it('metadata_<name>.json is merged into the call and skipped as an input when its folder is read', () => {
    const { calls, errors } = read([at('hv')]);
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['0001']);
    expect(calls[0]!.meta).toMatchObject({ agent: 'Robert', task: 'replace card', date: '2020-05-30', sid: '0001' });
  });

  it('<name>.meta.json and the corpus layout metadata/<name>.json beside transcript/ work the same way', () => {
    expect(read([at('named')]).calls[0]!.meta).toMatchObject({ queue: 'upgrades', team: 'From Sidecar' });
    const corpus = read([at('corpus')]);
    expect(corpus.errors).toEqual([]);
    expect(corpus.calls.map((c) => [c.id, c.meta.team])).toEqual([['77', 'Corpus']]);
    expect(isSidecarOfTranscript(at('corpus/metadata/77.json'), ['.json'])).toBe(true);
    expect(isSidecarOfTranscript(at('corpus/transcript/77.json'), ['.json'])).toBe(false);
  });

  it('a metadata file named on its own says what it is; an unreadable one is an error and the call is still read', () => {
    expect(read([at('hv/metadata_0001.json')]).errors).toEqual([{ file: at('hv/metadata_0001.json'), message: expect.stringContaining('a metadata file') }]);
    const broken = read([at('broken/9.json')]);
    expect(broken.errors).toEqual([expect.objectContaining({ file: join(at('broken'), '9.meta.json') })]);
    expect(broken.calls.map((c) => c.id)).toEqual(['9']);
  });

  it('metaFromSidecar keeps top-level scalars and finds agent, team, queue, direction and task by name', () => {
    expect(metaFromSidecar({ id: 'x', nested: { deeper: { agentName: 'Ann', queue_name: 'q1' } }, legs: [{ originatingDirection: 'outbound' }], startTime: '2024-01-02T03:04:05Z' })).toEqual({
      id: 'x',
      startTime: '2024-01-02T03:04:05Z',
      agent: 'Ann',
      queue: 'q1',
      direction: 'outbound',
      date: '2024-01-02',
    });
    expect(metaFromSidecar([1, 2])).toEqual({});
  });
});
