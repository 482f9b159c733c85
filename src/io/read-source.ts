import { readFileSync, readSync } from 'node:fs';
import { STDIN } from './expand-inputs.js';

/** The note for text whose UTF-8 was damaged, from the first damaged line on. */
export const invalidUtf8Note = (line: number) => `invalid UTF-8 from line ${line}: bytes replaced by U+FFFD`;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** How the encoding was chosen, when it was not plain UTF-8: for a note to the user. */
  note?: string;
  /** 1-based line of the first undecodable byte, when some bytes were replaced by U+FFFD. */
  invalidLine?: number;
}

/**
 * UTF-16 without a byte-order mark, as some Windows tools write it: in Latin text every other byte
 * is NUL. Judged on the first KB; at least 90 % of the code units must have a NUL high byte.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] !== 0 && bytes[i + 1] === 0) le++;
    if (bytes[i] === 0 && bytes[i + 1] !== 0) be++;
  }
  const units = n / 2;
  return le >= 0.9 * units ? 'utf-16le' : be >= 0.9 * units ? 'utf-16be' : undefined;
}

const lineOf = (text: string, offset: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/** Windows-1252's 0x80–0x9F, which Latin-1 leaves as control characters ("’" is 0x92); 0 where it has none. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252 by hand: Node's TextDecoder('windows-1252') decodes it as Latin-1, which turns the
 * curly quotes and dashes of Windows exports into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b)));
  }
  return out;
}

/**
 * Bytes → text, never a crash: a BOM names UTF-8 or UTF-16 LE/BE (and is dropped); BOM-less UTF-16
 * is recognised by its NUL bytes; otherwise UTF-8. Bytes that are not valid UTF-8 are read as
 * Windows-1252 (the usual export of older Windows tools: "café" as E9, "’" as 92) when no valid
 * multi-byte UTF-8 sequence appears in the file; a file that mixes both is UTF-8 with damaged bytes,
 * which become U+FFFD and are reported with the line of the first.
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  // before UTF-8: ASCII in UTF-16 is valid UTF-8 too, full of NULs
  const utf16 = start === 0 ? bomlessUtf16(body) : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(body), encoding: utf16, note: `read as ${utf16.toUpperCase()} without a byte-order mark` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // not valid UTF-8: Windows-1252, or UTF-8 with damaged bytes
  }
  const lossy = new TextDecoder('utf-8').decode(body);
  // eslint-disable-next-line no-control-regex
  const validMultiByte = /[^\x00-\x7f\ufffd]/.test(lossy);
  if (!validMultiByte) return { text: decodeWindows1252(body), encoding: 'windows-1252', note: 'not valid UTF-8; read as Windows-1252' };
  const invalidLine = lineOf(lossy, lossy.indexOf('\ufffd'));
  return { text: lossy, encoding: 'utf-8', note: invalidUtf8Note(invalidLine), invalidLine };
}

/** Bytes → text (see decodeSource). */
export function decodeBytes(bytes: Uint8Array): string {
  return decodeSource(bytes).text;
}

/** True for content that is clearly not text (NUL bytes in the first KB). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 1024).includes('\u0000');
}

/**
 * All of standard input. fd 0 may be non-blocking (Node makes a pipe non-blocking once anything
 * touches process.stdin), where a read before the writer has written fails with EAGAIN: wait a
 * little and read again rather than give up.
 */
function readStdinBytes(): Buffer {
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

export function readSourceBytes(file: string): Decoded {
  return decodeSource(file === STDIN ? readStdinBytes() : readFileSync(file));
}

export function readSource(file: string): string {
  return readSourceBytes(file).text;
}
