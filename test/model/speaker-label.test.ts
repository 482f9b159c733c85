import { describe, expect, it } from 'vitest';
import { speakerFromLabel } from '../../src/model/normalise-call.js';

describe('speakerFromLabel', () => {
  it.each([
    ['Agent', 'agent'],
    [' human-agent ', 'agent'],
    ['END USER', 'customer'],
    ['IVR', 'system'],
    ['constructor', 'unknown'],
    ['toString', 'unknown'],
    ['__proto__', 'unknown'],
    ['Priya', 'unknown'],
  ])('reads %j as %s', (label, role) => {
    expect(speakerFromLabel(label)).toBe(role);
    // asked again (remembered the second time), the answer is the same
    expect(speakerFromLabel(label)).toBe(role);
  });

  it('still reads a name from the call meta after the label was seen without it', () => {
    expect(speakerFromLabel('Dana')).toBe('unknown');
    expect(speakerFromLabel('Dana', { agent: 'dana' })).toBe('agent');
    expect(speakerFromLabel('Sam', { customer: 'Sam ' })).toBe('customer');
  });
});
