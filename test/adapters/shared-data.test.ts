import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../src/model/call.js';
import { readAll, sharedDir, turnsOf } from './format-helpers.js';

/**
 * The real examples in ../shared/data (never copied into this repository): every file reads without
 * error, with the number of turns, the roles and the times (ms) that the file itself says.
 */

const formats = sharedDir('formats');
const hv = sharedDir('harper-valley');
const byFile = (calls: Call[], suffix: string) => calls.filter((c) => c.source.file.endsWith(suffix));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe.skipIf(!formats.exists)('shared examples: ../shared/data/formats', () => {
  const { calls, errors } = readAll([formats.dir]);
  const one = (suffix: string) => {
    const found = byFile(calls, suffix);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('every transcript file reads without error, one call each', () => {
    expect(errors).toEqual([]);
    const files = readdirSync(formats.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(formats.dir, d.name)).map((f) => join(d.name, f)))
      .filter((f) => /\.(json|vtt|srt|stm|rttm)$/.test(f));
    expect(files.length).toBe(8);
    for (const f of files) {
      const single = readAll([join(formats.dir, f)]);
      expect(single.errors).toEqual([]);
      expect(single.calls).toHaveLength(1);
    }
  });

  it('Contact Lens voice: one turn per Transcript item, roles and offsets as in the file', () => {
    const doc = json(join(formats.dir, 'contact-lens/voice-analysis.json'));
    const call = one('voice-analysis.json');
    expect(turnsOf(call)).toEqual(
      doc.Transcript.map((t: Record<string, unknown>) => [String(t.ParticipantId).toLowerCase(), t.Content, t.BeginOffsetMillis, t.EndOffsetMillis]),
    );
    expect(call.meta).toMatchObject({ durationMs: 32110, agentTalkTimeMs: 15079, customerTalkTimeMs: 13619, agentWordsPerMinute: 239, customerSentiment: 3.1 });
  });

  it('Contact Lens chat: the MESSAGE items, times from AbsoluteTime, the agent named', () => {
    const doc = json(join(formats.dir, 'contact-lens/chat-analysis.json'));
    const messages = doc.Transcript.filter((t: Record<string, unknown>) => t.Type === 'MESSAGE');
    const t0 = Date.parse(doc.Transcript[0].AbsoluteTime);
    const call = one('chat-analysis.json');
    expect(call.turns).toHaveLength(messages.length);
    expect(call.turns.map((t) => [t.speaker, t.startMs])).toEqual(
      messages.map((m: Record<string, string>) => [m.ParticipantRole!.toLowerCase(), Date.parse(m.AbsoluteTime!) - t0]),
    );
    expect(call.turns.slice(0, 4).map((t) => t.speaker)).toEqual(['system', 'system', 'system', 'agent']);
    expect(call.meta).toMatchObject({ agent: 'Jane', channel: 'chat', categories: 'agent-intro', agentGreetingTimeMs: 2511 });
  });

  it('Transcribe diarization and channel identification: words grouped into two turns, customer then agent', () => {
    expect(turnsOf(one('diarization-output.json'))).toEqual([
      ['customer', "I've been on hold for an hour.", 4870, 6880],
      ['agent', 'Sorry about that.', 8490, 9240],
    ]);
    expect(turnsOf(one('channel-id-output.json'))).toEqual([
      ['customer', "I've been on hold for an hour.", 4860, 6870],
      ['agent', 'Sorry about that.', 8500, 9250],
    ]);
    expect(one('channel-id-output.json').meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'ch_1' });
  });

  it('CCAI Insights entries: roles as labelled, times from start_timestamp_usec', () => {
    const doc = json(join(formats.dir, 'ccai-insights/conversation.json'));
    const t0 = doc.entries[0].start_timestamp_usec;
    expect(turnsOf(one('conversation.json'))).toEqual(
      doc.entries.map((e: Record<string, unknown>) => [String(e.role).toLowerCase(), e.text, ((e.start_timestamp_usec as number) - t0) / 1000, undefined]),
    );
  });

  it('WebVTT (an interview, not a service call): five turns, roles honestly unresolved', () => {
    const call = one('w3c-spec-example-0.vtt');
    expect(call.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [11000, 31500],
      [30500, 32500],
      [32000, 35500],
      [32500, 33500],
      [35500, 38000],
    ]);
    expect(call.turns.every((t) => t.speaker === 'unknown')).toBe(true);
    expect(call.meta).toMatchObject({ roles: 'unresolved', unresolvedSpeakers: 'Roger Bingham, Neil deGrasse Tyson' });
    const named = readAll([join(formats.dir, 'webvtt/w3c-spec-example-0.vtt')], { agentSpeaker: 'Roger Bingham' }).calls[0]!;
    expect(named.turns.map((t) => t.speaker)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent']);
  });

  it('pyannote STM and RTTM: one turn per line with its times, speakers unresolved (a private call, no agent)', () => {
    const stm = one('sample.stm');
    expect(stm.turns).toHaveLength(13);
    expect(turnsOf(stm)[0]).toEqual(['unknown', 'Hello?', 6680, 7160]);
    expect(turnsOf(stm)[12]).toEqual(['unknown', "Oh, I don't hear that in New Jersey now.", 28445, 29987]);
    const rttm = one('sample.rttm');
    expect(rttm.turns).toHaveLength(10);
    expect(rttm.turns.map((t) => [t.startMs, t.endMs]).slice(0, 2)).toEqual([
      [6690, 7120],
      [7550, 8350],
    ]);
    for (const c of [stm, rttm]) expect(c.meta.roles).toBe('unresolved');
  });
});

describe.skipIf(!hv.exists)('shared examples: ../shared/data/harper-valley', () => {
  const transcripts = hv.exists ? readdirSync(hv.dir).filter((n) => /^[0-9a-f]+\.json$/.test(n)).sort() : [];
  interface Segment {
    speaker_role: string;
    human_transcript: string;
    offset_ms: number;
    duration_ms: number;
  }
  const segments = (name: string) => json(join(hv.dir, name)) as Segment[];

  it('the folder reads without error: one call per transcript, the metadata file read as its sidecar', () => {
    const { calls, errors } = readAll([hv.dir]);
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(transcripts.map((n) => n.replace('.json', '')));
    expect(calls.find((c) => c.id === '004860b1ab2e4c88')!.meta).toMatchObject({ agent: 'Robert', task: 'replace card', date: '2020-05-30', session: 'Little Harper Valley 2' });
  });

  it.each(transcripts)('%s: every segment a turn, role from speaker_role, times from offset_ms + duration_ms', (name) => {
    const { calls, errors } = readAll([join(hv.dir, name)]);
    expect(errors).toEqual([]);
    expect(turnsOf(calls[0]!)).toEqual(
      segments(name).map((s) => [s.speaker_role === 'agent' ? 'agent' : 'customer', s.human_transcript, s.offset_ms, s.offset_ms + s.duration_ms]),
    );
  });

  it('the documented explicit mapping gives the same calls as detection', () => {
    const auto = readAll([hv.dir]).calls;
    const explicit = readAll([hv.dir], {
      inputFormat: 'segments',
      segmentFields: { text: 'human_transcript', speaker: 'speaker_role', start: 'offset_ms', duration: 'duration_ms' },
    }).calls;
    expect(explicit.map(turnsOf)).toEqual(auto.map(turnsOf));
  });

  it('without speaker_role (channels only), the resolver finds the agent channel in every call', () => {
    const { calls, errors } = readAll([hv.dir], { segmentFields: { speaker: 'channel_index' } });
    expect(errors).toEqual([]);
    for (const call of calls) {
      expect(call.meta).toMatchObject({ roles: 'inferred', agentSpeaker: '2' });
      expect(call.turns.map((t) => t.speaker)).toEqual(segments(`${call.id}.json`).map((s) => (s.speaker_role === 'agent' ? 'agent' : 'customer')));
    }
  });
});
