import { describe, expect, it } from 'vitest';
import { LengthError, parseLength } from '../../../src/postprocess/index.ts';

describe('parseLength', () => {
  it.each([
    ['3mm', 8.50394],
    ['0.125in', 9],
    ['8.5pt', 8.5],
    ['0.3cm', 8.50394],
    [' 5 MM ', 14.17323],
    ['.5in', 36],
    ['0mm', 0],
  ])('%s → %f pt', (text, pt) => {
    expect(parseLength(text)).toBeCloseTo(pt, 4);
  });

  it.each([
    ['3', /a unit is required/],
    ['', /expected a number and a unit/],
    ['-3mm', /expected a number and a unit/],
    ['3 furlongs', /expected a number and a unit/],
    ['3px', /expected a number and a unit/],
    ['1e2mm', /expected a number and a unit/],
    ['30mm', /more than the maximum/],
  ])('refuses %j', (text, message) => {
    expect(() => parseLength(text)).toThrow(LengthError);
    expect(() => parseLength(text)).toThrow(message);
  });
});
