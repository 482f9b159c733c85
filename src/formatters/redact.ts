import type { CallResult } from '../model/result.js';

/**
 * Private data out of evidence. Speech recognition breaks card numbers into groups and Luhn checks
 * fail on mis-heard digits, so any run of 12 or more digits (spaces, dashes and dots allowed
 * between them) counts as a card number; phone numbers are 7–11 digit runs with the usual
 * separators and an optional +country code; already-redacted tokens such as "[PII]" stay as they are.
 */
const CARD = /(?<![\d])(?:\d[ \-.]?){11,}\d(?![\d])/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const INTERNATIONAL_PHONE = /\+\d{1,3}(?:[ \-.]?\(?\d{1,5}\)?){2,5}(?![\d])/g;
const PHONE = /(?<![\w])(?:\+\d{1,3}[ \-.]?)?(?:\(\d{2,5}\)[ \-.]?)?\d{2,5}(?:[ \-.]?\d{2,5}){1,3}(?![\w])/g;

/** 2026-11-02, 02/11/2026, 2026.11.02: dates, not phone numbers. */
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;
const digitCount = (s: string) => s.replace(/\D/g, '').length;

export function redactText(text: string): string {
  return text
    .replace(EMAIL, '[EMAIL]')
    .replace(INTERNATIONAL_PHONE, '[PHONE]')
    .replace(CARD, '[CARD]')
    .replace(PHONE, (m) => (digitCount(m) >= 7 && digitCount(m) <= 13 && !DATE.test(m.trim()) ? '[PHONE]' : m));
}

/** A copy of the result with evidence and messages redacted; offsets still point into the original turn. */
export function redactResult(result: CallResult): CallResult {
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      message: redactText(f.message),
      ...(f.span ? { span: { ...f.span, text: redactText(f.span.text) } } : {}),
    })),
  };
}

/** Terminal escape sequences and other control characters out of text bound for a terminal. */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
}

