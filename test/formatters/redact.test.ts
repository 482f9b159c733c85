import { describe, expect, it } from 'vitest';
import { redactText, stripControls } from '../../src/formatters/redact.js';

describe('redactText', () => {
  it('redacts card numbers in any grouping, even when they fail a Luhn check', () => {
    expect(redactText('card 4111 1111 1111 1111 ok')).toBe('card [CARD] ok');
    expect(redactText('it is 1234567890123')).toBe('it is [CARD]');
    expect(redactText('4111-1111-1111-1112')).toBe('[CARD]');
  });
  it('redacts e-mail addresses and phone numbers', () => {
    expect(redactText('mail me at jo.bloggs+x@example.co.uk please')).toBe('mail me at [EMAIL] please');
    expect(redactText('call 0333 014 2290 now')).toBe('call [PHONE] now');
    expect(redactText('or +44 7700 900418')).toBe('or [PHONE]');
  });
  it('leaves short numbers, amounts, dates and existing [PII] tokens alone', () => {
    for (const text of ['it was £42.50', 'in 3 to 5 days', 'on 12/03/2026', 'your PIN [PII] is set', 'order 4471']) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('stripControls', () => {
  it('removes terminal escape sequences and control characters but keeps text and newlines', () => {
    expect(stripControls('a\x1b[31mred\x1b[0m b\x07\x00c\nd')).toBe('ared bc\nd');
    expect(stripControls('title\x1b]0;pwned\x07 after')).toBe('title after');
  });
});

describe('dates are not phone numbers', () => {
  it('leaves ISO and day-month-year dates alone', () => {
    for (const text of ['2026-11-02', 'on 02/11/2026 at noon', '2026.11.02']) expect(redactText(text)).toBe(text);
  });
});
