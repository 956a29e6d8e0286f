// The text tables of sweep, seek and warmup (runner/report/format.ts): columns padded to
// their widest cell, however many rows; the widths were Math.max(h.length, ...cells), one
// argument per row, which overflows the stack past about 100,000 rows (probe #5).
import { expect, test } from 'vitest';
import { textTable } from '../../../runner/report/format.ts';

test('a few rows: each column as wide as its widest cell, numbers right-aligned, the named columns left-aligned', () => {
  expect(textTable(['name', 'n'], [['a', '1'], ['bbb', '22']], [0])).toBe('name   n\na      1\nbbb   22\n');
});

test('200,000 rows: padded to the widest, the last row as wide as the first', () => {
  const rows = Array.from({ length: 200_000 }, (_, k) => [`r${k}`, String(k)]);
  const lines = textTable(['row', 'value'], rows, [0]).trimEnd().split('\n');
  expect(lines).toHaveLength(200_001);
  expect(lines[1]).toBe('r0            0');
  expect(lines[200_000]).toBe('r199999  199999');
});
