// Teaching mode's seed and wait-target boxes: what a typed text means, and the question
// asked before a new session would discard the session log.
import { describe, expect, test } from 'vitest';
import { discardQuestion, readSeed, readWaitMinutes } from '../../ui/src/teach/picker-input.ts';
import { defaultSpec } from '../../ui/src/teach/session.ts';

describe('the seed box', () => {
  test('a whole number from 0 to the largest exact integer, kept as typed', () => {
    expect(readSeed('42')).toEqual({ ok: true, value: 42 });
    expect(readSeed('0')).toEqual({ ok: true, value: 0 });
    expect(readSeed('9007199254740991')).toEqual({ ok: true, value: 9007199254740991 });
  });

  test('refused at the box: empty is not seed 0, 1e400 is not seed 0', () => {
    expect(readSeed('')).toEqual({ ok: false, message: 'seed: expected a whole number from 0 to 9007199254740991, got ""' });
    expect(readSeed('1e400')).toEqual({ ok: false, message: 'seed: expected a whole number from 0 to 9007199254740991, got "1e400"' });
    for (const bad of ['-1', '2.5', '0x10', '1e20', 'abc']) expect(readSeed(bad).ok).toBe(false);
  });
});

describe('the wait-target box', () => {
  test('minutes > 0, to hours', () => {
    expect(readWaitMinutes('30')).toEqual({ ok: true, value: 0.5 });
    expect(readWaitMinutes(' 90 ')).toEqual({ ok: true, value: 1.5 });
    expect(readWaitMinutes('0')).toEqual({ ok: false, message: 'wait target: expected a number of minutes > 0, got "0"' });
    expect(readWaitMinutes('')).toEqual({ ok: false, message: 'wait target: expected a number of minutes > 0, got ""' });
    expect(readWaitMinutes('0x1e')).toEqual({ ok: false, message: 'wait target: expected a number written with digits (such as 12, 0.5 or 1e3), got "0x1e"' });
  });
});

describe('before discarding the session log', () => {
  test('nothing to ask without logged changes; the number of changes otherwise', () => {
    const spec = defaultSpec();
    expect(discardQuestion(spec, 'Seed 42')).toBeNull();
    const one = { ...spec, changes: [{ kind: 'staff' as const, at: 3, team: 'clinic', role: 'staff', delta: 1 }] };
    expect(discardQuestion(one, 'Seed 42')).toBe('Seed 42 starts a new session from the beginning: the change in the session log will be discarded (a share link keeps them). Start the new session?');
    expect(discardQuestion({ ...one, changes: [...one.changes, ...one.changes] }, 'Seed 42')).toContain('the 2 changes in the session log');
  });
});
