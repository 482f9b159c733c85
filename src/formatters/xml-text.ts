/**
 * XML 1.0 allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]:
 * anything else (NUL, escape, form feed, lone surrogates, U+FFFE/FFFF) cannot even be written as a
 * character reference, so it is dropped. Transcripts do carry such bytes (ASR exports, copy-paste).
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlSafe = (s: string) => s.replace(NOT_XML, '');

/** Text content. */
export const xmlText = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An attribute value in double quotes; line breaks and tabs kept as references, not normalised away. */
export const xmlAttr = (s: string | number) =>
  xmlText(String(s)).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
