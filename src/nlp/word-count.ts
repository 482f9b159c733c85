/**
 * Characters JavaScript's \s matches: ASCII white space, no-break and other Unicode spaces, line
 * and paragraph separators and the byte-order mark.
 */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Runs of non-space characters: `text.split(/\s+/).filter(Boolean).length` without building the
 * pieces (speech rate and estimated turn lengths count the words of every turn).
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
