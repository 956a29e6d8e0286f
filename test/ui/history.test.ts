// Undo and redo of edits: steps in order, keystrokes in one field as one step, a bound on
// the steps kept, and the key presses that mean undo and redo (not inside a text field).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { canRedo, canUndo, historyKey, record, redo, replace, seal, startHistory, undo } from '../../ui/src/lib/history.ts';

describe('history', () => {
  test('undo walks back through the edits and redo forward again', () => {
    let h = startHistory('a');
    h = record(h, 'b'); h = record(h, 'c');
    expect(canRedo(h)).toBe(false);
    h = undo(h); expect(h.present).toBe('b');
    h = undo(h); expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h).present).toBe('a');
    h = redo(h); h = redo(h); expect(h.present).toBe('c');
  });

  test('an edit after an undo drops the steps that were undone', () => {
    let h = record(record(startHistory(1), 2), 3);
    h = record(undo(h), 9);
    expect(h.present).toBe(9);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  test('keystrokes in one field are one step; another field, or leaving the field, starts a new one', () => {
    let h = startHistory('');
    for (const s of ['4', '40', '40 ']) h = record(h, s, 'beds');
    expect(h.past).toEqual(['']);
    h = record(h, 'x', 'name');
    expect(h.past).toEqual(['', '40 ']);
    h = seal(h);
    h = record(h, 'xy', 'name');
    expect(h.past).toEqual(['', '40 ', 'x']);
    // An edit without a key (the advanced editor's Apply) is its own step, twice over.
    h = record(record(h, 'A'), 'B');
    expect(h.past.slice(-2)).toEqual(['xy', 'A']);
  });

  test('an undo closes the open step: typing again is a new step', () => {
    let h = record(record(startHistory('a'), 'b', 'f'), 'bc', 'f');
    h = undo(h);
    h = record(h, 'z', 'f');
    expect(h.past).toEqual(['a']);
    expect(undo(h).present).toBe('a');
  });

  test('replace changes the present without a step (a save)', () => {
    const h = replace(record(startHistory('a'), 'b'), 'b saved');
    expect(h.present).toBe('b saved');
    expect(undo(h).present).toBe('a');
  });

  test('bounded: at most the limit of steps back, the newest kept', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 }), (edits, limit) => {
      let h = startHistory(0);
      for (let i = 1; i <= edits; i++) h = record(h, i, undefined, limit);
      expect(h.past.length).toBe(Math.min(edits, limit));
      let back = 0;
      while (canUndo(h)) { h = undo(h); back++; }
      expect(back).toBe(Math.min(edits, limit));
      expect(h.present).toBe(edits - Math.min(edits, limit));
    }));
  });

  test('undo then redo of every step gives back the same present', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer(), fc.constantFrom(undefined, 'a', 'b'))), (edits) => {
      let h = startHistory(-1);
      for (const [v, k] of edits) h = record(h, v, k);
      const end = h.present, steps = h.past.length;
      for (let i = 0; i < steps; i++) h = undo(h);
      for (let i = 0; i < steps; i++) h = redo(h);
      expect(h.present).toBe(end);
    }));
  });

  test('the keys: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, none inside a text field', () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
      ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(historyKey(k('z', { ctrlKey: true }), false)).toBe('undo');
    expect(historyKey(k('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(historyKey(k('y', { ctrlKey: true }), false)).toBe('redo');
    expect(historyKey(k('z', { metaKey: true }), false)).toBe('undo');
    expect(historyKey(k('z', { ctrlKey: true }), true)).toBeNull();
    expect(historyKey(k('z'), false)).toBeNull();
  });
});
