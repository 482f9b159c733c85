import { redactText, stripControls } from '../formatters/redact.js';
import type { TermExample } from './term-table.js';

/** @handles name customers: kept as "@…". */
const HANDLE = /(^|[^\w@])@\w+/g;

/**
 * An example turn cut to about `width` characters around the term, on word boundaries, with "…"
 * where it was cut, on one line, redacted (card numbers, phones, e-mails, @handles) and free of control
 * characters. The cut is made with a margin before redaction so a number at the edge is still whole.
 */
export function exampleSnippet(example: TermExample, width = 120): string {
  const { text, start, end } = example;
  const room = Math.max(0, width - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  let to = Math.min(text.length, end + Math.ceil(room / 2));
  if (from === 0) to = Math.min(text.length, Math.max(to, width));
  if (to === text.length) from = Math.max(0, Math.min(from, text.length - width));
  while (from > 0 && from < start && !/\s/.test(text[from - 1]!)) from++;
  while (to < text.length && to > end && !/\s/.test(text[to]!)) to--;
  const body = redactText(stripControls(text.slice(from, to)))
    .replace(HANDLE, '$1@…')
    .replace(/\s+/g, ' ')
    .trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
