// A sweep's From, To and Step: checked at each field before Run, with the server's rules.
import { describe, expect, test } from 'vitest';
import { MAX_SWEEP_POINTS, sweepRangeErrors } from '../../ui/src/features/experiments/range-check.ts';
import { MAX_POINTS, parseValues } from '../../runner/experiment/grid.ts';

const none = { from: null, to: null, step: null };

describe('sweepRangeErrors', () => {
  test('a sound range has no message, and the server takes it', () => {
    expect(sweepRangeErrors({ from: '16', to: '24', step: '2' })).toEqual(none);
    expect(sweepRangeErrors({ from: '0.1', to: '0.1', step: '0.05' })).toEqual(none);
    expect(parseValues('16..24:2', 1).ok).toBe(true);
  });

  test('each field named in its own message', () => {
    expect(sweepRangeErrors({ from: 'abc', to: '1e9', step: '1e-9' })).toEqual({
      from: 'From: expected a number written with digits (such as 12, 0.5 or 1e3), got "abc"', to: null, step: null,
    });
    expect(sweepRangeErrors({ from: '', to: '', step: '' })).toEqual({ from: 'From: a number is required', to: 'To: a number is required', step: 'Step: a number is required' });
    expect(sweepRangeErrors({ from: '1', to: '5', step: '0' }).step).toBe('Step: expected a number > 0, got "0"');
    expect(sweepRangeErrors({ from: '1', to: '5', step: '-1' }).step).toBe('Step: expected a number > 0, got "-1"');
    expect(sweepRangeErrors({ from: '5', to: '1', step: '1' })).toEqual({ ...none, to: 'To: expected at least From (5), got "1"' });
    expect(sweepRangeErrors({ from: '0x10', to: '20', step: '1' }).from).toMatch(/^From: .*got "0x10"$/);
  });

  test('too many values, counted as the server counts them', () => {
    expect(MAX_SWEEP_POINTS).toBe(MAX_POINTS);
    expect(sweepRangeErrors({ from: '1', to: String(MAX_POINTS), step: '1' })).toEqual(none);
    expect(parseValues(`1..${MAX_POINTS}:1`, 1).ok).toBe(true);
    expect(sweepRangeErrors({ from: '1', to: String(MAX_POINTS + 1), step: '1' }).step).toBe('Step: 1 to 10001 in steps of 1 gives 10,001 values (at most 10,000): take a larger step');
    expect(parseValues(`1..${MAX_POINTS + 1}:1`, 1).ok).toBe(false);
    expect(sweepRangeErrors({ from: '1', to: '1e9', step: '1e-9' }).step).toMatch(/^Step: 1 to 1000000000 in steps of 1e-9 gives .* values \(at most 10,000\)/);
  });
});
