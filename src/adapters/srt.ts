import type { AdapterItem } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { blocks, captionCall, parseTiming, TIMING, type Cue } from './captions.js';

/** SubRip: numbered cues, "00:00:01,000 --> 00:00:04,000", text; speakers as "Name:" / "[SPEAKER_00]:" prefixes. */
export const srtAdapter: Adapter = {
  name: 'srt',
  description: 'SubRip (.srt) subtitles: speakers as "Name:" or "[SPEAKER_00]:" prefixes (WhisperX writes these)',
  extensions: ['.srt'],
  sniff: (head) => {
    const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
    return lines.length >= 2 && /^\d+\s*$/.test(lines[0]!) && TIMING.test(lines[1]!);
  },
  *read(text, file): Iterable<AdapterItem> {
    const cues: Cue[] = [];
    for (const block of blocks(text.replace(/^\uFEFF/, ''))) {
      const at = /^\d+\s*$/.test(block.lines[0]!) ? 1 : 0;
      const timingLine = block.lines[at];
      const timing = timingLine !== undefined ? parseTiming(timingLine) : undefined;
      if (!timing || timing.endMs < timing.startMs) {
        const line = block.line + (timingLine !== undefined ? at : 0);
        yield { kind: 'error', error: { file, line, message: `SRT: expected a timing line "00:00:01,000 --> 00:00:04,000"${timingLine !== undefined ? `, found "${timingLine.trim()}"` : ' after the cue number'}` } };
        continue;
      }
      cues.push({ ...timing, lines: block.lines.slice(at + 1), line: block.line });
    }
    yield captionCall(cues, file, 'SRT');
  },
};
