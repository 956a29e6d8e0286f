// The event log's chunks (runner/event-log/text-chunks.ts): whatever the lines and the
// chunk size, the chunks joined are the lines' UTF-8 in order, and none is larger than the
// buffer unless one line alone is.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TextChunks } from '../../../runner/event-log/text-chunks.ts';

describe('TextChunks', () => {
  test('the chunks joined are the UTF-8 of every line pushed, in order', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 200 }), fc.integer({ min: 8, max: 300 }), (lines, size) => {
      const parts: Uint8Array[] = [];
      const chunks = new TextChunks((c) => parts.push(c.slice()), size);
      for (const l of lines) chunks.push(l);
      chunks.flush();
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      expect(all).toEqual(new TextEncoder().encode(lines.join('')));
      for (const p of parts) expect(p.length <= size || lines.some((l) => l.length * 3 > size)).toBe(true);
    }));
  });
});
