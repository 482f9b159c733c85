import { readFileSync } from 'node:fs';
import { STDIN } from './expand-inputs.js';

/** Bytes → text: UTF-8 (BOM stripped), UTF-16 LE/BE by BOM; invalid UTF-8 becomes U+FFFD, never a crash. */
export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}

/** True for content that is clearly not text (NUL bytes in the first KB). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 1024).includes('\u0000');
}

export function readSource(file: string): string {
  return decodeBytes(readFileSync(file === STDIN ? 0 : file));
}
