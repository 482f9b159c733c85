import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read at a time; a chunk is cut at the last line break, so it holds whole lines only. */
export const JSONL_CHUNK_BYTES = 256 << 10;

/**
 * Whole lines of a JSONL file as raw UTF-8 bytes, with the numbers of the lines and records before
 * them: enough for any thread to decode the chunk and number its lines as a reader of the whole file
 * would (see chunkLines). The reader only cuts and counts (indexOf over bytes); decoding is left to
 * whoever scores the chunk. Each chunk owns its buffer, so it can be sent to a worker as is.
 */
export interface JsonlChunk {
  bytes: Uint8Array;
  /** Lines before the chunk (its first line is line + 1). */
  line: number;
  /** Non-blank lines (records) before the chunk. */
  record: number;
  /** Non-blank lines in the chunk. */
  records: number;
  /** Size of the whole file, in bytes: how much work is coming. */
  fileBytes: number;
}

/** One non-blank line of a JSONL file: its text, 1-based line number and record number. */
export interface JsonlLine {
  text: string;
  line: number;
  record: number;
}

// a BOM is dropped at the start of the file only, as a streaming decoder drops it; elsewhere it is text
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const lineText = (raw: string) => (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();

/**
 * Whether bytes [start, end) are a line that trims to nothing. A line starting with printable ASCII
 * cannot (the common case, decided from one byte); anything else is decoded and trimmed exactly as
 * chunkLines does, so both count the same records.
 */
function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true;
  const b = bytes[start]!;
  if ((b > 0x20 && b < 0x80) || b < 0x09 || (b > 0x0d && b < 0x20)) return false;
  return lineText(decoder.decode(bytes.subarray(start, end))) === '';
}

/**
 * The chunks of a JSONL file, in order; a line longer than a chunk makes its chunk longer. `spare`
 * gives back the buffer of a chunk the caller is done with, to be read into again: buffers are
 * memory outside the JS heap, which V8 frees only when it collects, long after they are done with.
 */
export function* jsonlChunks(path: string, chunkBytes = JSONL_CHUNK_BYTES, spare?: () => Uint8Array | undefined): Iterable<JsonlChunk> {
  const fd = openSync(path, 'r');
  const fileBytes = fstatSync(fd).size;
  let line = 0;
  let record = 0;
  let carry: Uint8Array | undefined;
  let start = true;
  try {
    for (;;) {
      const size = Math.max(chunkBytes, (carry?.length ?? 0) * 2);
      const reused = spare?.();
      const buffer = reused && reused.length >= size ? reused : new Uint8Array(size);
      let filled = 0;
      if (carry) {
        buffer.set(carry);
        filled = carry.length;
        carry = undefined;
      }
      const n = readSync(fd, buffer, filled, size - filled, null);
      filled += n;
      let from = 0;
      if (start) {
        start = false;
        if (filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) from = 3;
      }
      const cut = n === 0 ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      if (cut <= from) {
        // no whole line yet: read on (or, at the end, nothing left)
        if (n === 0) return;
        carry = buffer.subarray(from, filled);
        continue;
      }
      let lines = 0;
      let records = 0;
      for (let at = from; at < cut; ) {
        const nl = buffer.indexOf(10, at);
        const end = nl === -1 || nl >= cut ? cut : nl;
        lines++;
        if (!isBlank(buffer, at, end)) records++;
        at = end + 1;
      }
      yield { bytes: buffer.subarray(from, cut), line, record, records, fileBytes };
      line += lines;
      record += records;
      if (n === 0) return;
      if (cut < filled) carry = buffer.slice(cut, filled);
    }
  } finally {
    closeSync(fd);
  }
}

/** The non-blank lines of a chunk, decoded (undecodable bytes become U+FFFD) and numbered. */
export function chunkLines(chunk: JsonlChunk): JsonlLine[] {
  const text = decoder.decode(chunk.bytes);
  const raws = text.split('\n');
  // a chunk ends at a line break, except the file's last line
  if (raws.at(-1) === '') raws.pop();
  const lines: JsonlLine[] = [];
  let line = chunk.line;
  let record = chunk.record;
  for (const raw of raws) {
    line++;
    const t = lineText(raw);
    if (t !== '') lines.push({ text: t, line, record: record++ });
  }
  return lines;
}
