// The event log's chunks (runner/event-log/text-chunks.ts): whatever the lines and the
// chunk size, the chunks joined are the lines' UTF-8 in order, and none is larger than the
// buffer unless one line alone is.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TextChunks } from '../../../runner/event-log/text-chunks.ts';
import { isoTime, startMs, writeIsoTime } from '../../../runner/event-log/clock.ts';

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

describe('the CSV writer\'s pieces (no string per event)', () => {
  const written = (f: (c: TextChunks) => void, size = 16) => {
    const parts: Uint8Array[] = [];
    const c = new TextChunks((x) => parts.push(x.slice()), size);
    f(c);
    c.flush();
    return new TextDecoder().decode(Buffer.concat(parts));
  };

  test('integers, zero-padded fields, ASCII text and bytes come out as the strings they stand for, across chunk ends', () => {
    fc.assert(fc.property(fc.array(fc.oneof(
      fc.nat({ max: Number.MAX_SAFE_INTEGER }).map((n) => ({ kind: 'integer' as const, n, text: String(n) })),
      fc.tuple(fc.nat({ max: 9999 }), fc.integer({ min: 4, max: 6 })).map(([n, w]) => ({ kind: 'padded' as const, n, w, text: String(n).padStart(w, '0') })),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => ({ kind: 'ascii' as const, text: JSON.stringify(x) })),
      fc.string({ unit: 'binary', maxLength: 30 }).map((s) => ({ kind: 'bytes' as const, text: s })),
    ), { maxLength: 60 }), fc.integer({ min: 8, max: 64 }), (pieces, size) => {
      const out = written((c) => {
        for (const p of pieces) {
          if (p.kind === 'integer') c.integer(p.n);
          else if (p.kind === 'padded') c.padded(p.n, p.w);
          else if (p.kind === 'ascii') c.ascii(p.text);
          else c.bytes(new TextEncoder().encode(p.text));
        }
      }, size);
      expect(out).toBe(pieces.map((p) => p.text).join(''));
    }));
  });

  test('the time in hours: JSON.stringify writes every finite number as String does (the CSV\'s text), without the number-to-string cache', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => { expect(JSON.stringify(x)).toBe(String(x)); }));
  });

  test('the date-time written from its digits is isoTime\'s, to the millisecond, from 1970 to 9999', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_900_000 }).map((d) => new Date(d * 3_600_000 / 24 * 24).toISOString().slice(0, 10)), fc.double({ min: 0, max: 24 * 365 * 200, noNaN: true }), (startDate, hours) => {
      expect(written((c) => writeIsoTime(c, startMs(startDate), hours))).toBe(isoTime(startDate, hours));
    }));
    for (const [d, h] of [['2024-02-28', 24], ['2024-02-28', 47.99999], ['1999-12-31', 23.9999999], ['2100-02-28', 24]] as const)
      expect(written((c) => writeIsoTime(c, startMs(d), h))).toBe(isoTime(d, h));
  });
});
