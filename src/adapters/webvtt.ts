import type { AdapterItem } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { blocks, captionCall, parseTiming, type Cue } from './captions.js';

/** WebVTT: "WEBVTT" header, cues with optional identifiers; speakers as <v Name> spans or "Name:" prefixes. */
export const webvttAdapter: Adapter = {
  name: 'webvtt',
  description: 'WebVTT captions: speakers as <v Name> voice spans, "Name:" or "[SPEAKER_00]:" prefixes',
  extensions: ['.vtt'],
  sniff: (head) => /^\uFEFF?WEBVTT(?:[ \t]|\r?\n|$)/.test(head),
  *read(text, file): Iterable<AdapterItem> {
    const all = blocks(text);
    const header = all[0];
    if (!header || !/^\uFEFF?WEBVTT(?:[ \t]|$)/.test(header.lines[0]!)) {
      yield { kind: 'error', error: { file, line: header?.line ?? 1, message: 'WebVTT: expected the file to start with "WEBVTT"' } };
      return;
    }
    const cues: Cue[] = [];
    for (const block of all.slice(1)) {
      if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block.lines[0]!)) continue;
      const at = block.lines.findIndex((l) => l.includes('-->'));
      if (at < 0 || at > 1) {
        yield { kind: 'error', error: { file, line: block.line, message: 'WebVTT: expected a cue timing line "00:00:01.000 --> 00:00:04.000" (after an optional cue id)' } };
        continue;
      }
      const timing = parseTiming(block.lines[at]!);
      if (!timing || timing.endMs < timing.startMs) {
        yield { kind: 'error', error: { file, line: block.line + at, message: `WebVTT: bad cue timing "${block.lines[at]!.trim()}"; expected "hh:mm:ss.ttt --> hh:mm:ss.ttt" with the end after the start` } };
        continue;
      }
      cues.push({ ...timing, lines: block.lines.slice(at + 1), line: block.line });
    }
    yield captionCall(cues, file, 'WebVTT');
  },
};
