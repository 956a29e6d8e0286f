// Numbers as typed into the app's forms: decimal notation only, and a message that quotes
// what was typed (JavaScript's Number() reads "0x10" as 16 and "1e-400" as 0).
import { describe, expect, test } from 'vitest';
import { fieldValue, readNumber, wholeNumberError } from '../../ui/src/lib/number-text.ts';
import { MAX_SEED } from '../../scenarios/schema/time.ts';

describe('readNumber', () => {
  test.each([['12', 12], [' -0.5 ', -0.5], ['.5', 0.5], ['3.', 3], ['1e3', 1000], ['2.5E-2', 0.025], ['+7', 7], ['0', 0], ['0.000', 0], ['0e5', 0]])('%j is %d', (text, value) => {
    expect(readNumber(text)).toEqual({ kind: 'number', value });
  });

  test('empty', () => {
    expect(readNumber('')).toEqual({ kind: 'empty' });
    expect(readNumber('   ')).toEqual({ kind: 'empty' });
  });

  test.each(['0x10', '0b11', '0o7', 'abc', 'Infinity', '1_000', '1,5', '12 3', '--1', '1e', 'e3', '.'])('%j is not a number in decimal notation', (text) => {
    const r = readNumber(text);
    expect(r).toEqual({ kind: 'invalid', text, message: `expected a number written with digits (such as 12, 0.5 or 1e3), got ${JSON.stringify(text)}` });
  });

  test('too small or too large to hold: the message quotes the text, not 0 or Infinity', () => {
    expect(readNumber('1e-400')).toEqual({ kind: 'invalid', text: '1e-400', message: 'expected a number, got "1e-400": too close to 0 to hold' });
    expect(readNumber('-2.5e-999')).toMatchObject({ kind: 'invalid', message: 'expected a number, got "-2.5e-999": too close to 0 to hold' });
    expect(readNumber('1e400')).toEqual({ kind: 'invalid', text: '1e400', message: 'expected a number, got "1e400": too large to hold' });
  });

  test('what a field stores: nothing, the number, or the text for the check to refuse', () => {
    expect(fieldValue('')).toBeUndefined();
    expect(fieldValue(' 45 ')).toBe(45);
    expect(fieldValue('0x10')).toBe('0x10');
    expect(fieldValue('1e-400')).toBe('1e-400');
  });
});

describe('wholeNumberError', () => {
  test('a seed: 0 to the largest exact integer, as the server and time.seed take it', () => {
    for (const ok of ['0', '42', '2147483648', String(MAX_SEED), '1e3']) expect(wholeNumberError(ok, 0, MAX_SEED)).toBeNull();
    for (const bad of ['1e20', String(MAX_SEED + 1), '-1', '2.5', '', '0x10', 'abc'])
      expect(wholeNumberError(bad, 0, MAX_SEED)).toBe(`expected a whole number from 0 to 9007199254740991, got ${JSON.stringify(bad)}`);
  });
});
