// Extracts a careless or hostile user could hand to `pathflow fit` (issue 17's audit):
// within the size limit (--max-mb, 100 MB by default), none may take memory out of
// proportion to the file, and no message may grow with it. Found by hand: a 95 MB field
// left in an open quote took 48 s and 3.2 GB (the field grown one character at a time),
// and a header of a million columns gave a 10 MB message listing every one.
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { readStays } from '../../../scenarios/fit/stays.ts';

describe('parseCsv under hostile input', () => {
  test('a 20 MB quoted field: read whole as one string, its heap about its size (it took 34 times)', () => {
    const body = 'x'.repeat(20_000_000);
    const before = process.memoryUsage().heapUsed;
    const r = parseCsv(`arrival,departure\n"${body}",2\n`);
    const grown = process.memoryUsage().heapUsed - before;
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.rows[0].fields[0].length).toBe(20_000_000);
    // The text itself (20 MB, one byte a character) and the field: well under 34 × 20 MB.
    expect(grown).toBeLessThan(200e6);
  });

  test('a quote left open at the end of a large file: one line naming where it opened', () => {
    const r = parseCsv(`arrival,departure\n1,2\n"${'x'.repeat(5_000_000)}`);
    expect(r).toEqual({ ok: false, message: 'line 3: a quoted field is not closed (a " is missing)' });
  });

  test('quoted fields keep their quotes, commas and line breaks, and the lines after them are counted', () => {
    const r = parseCsv('a,b\n"say ""hi""","one,\ntwo"\n"3",4\n5,"x"y\n');
    expect(r).toEqual({ ok: false, message: 'line 5, field 2: text after a closing quote' });
    const ok = parseCsv('a,b\n"say ""hi""","one,\ntwo"\n"3",4\n');
    expect(ok.ok && ok.value.rows).toEqual([{ line: 2, fields: ['say "hi"', 'one,\ntwo'] }, { line: 4, fields: ['3', '4'] }]);
  });

  test('a million columns: the messages list the first 20 and count the rest', () => {
    const header = Array.from({ length: 1_000_000 }, (_, k) => `c${k}`);
    const table = parseCsv(`${header.join(',')}\n${header.map(() => '1').join(',')}\n`);
    expect(table.ok).toBe(true);
    if (!table.ok) return;
    const r = readStays(table.value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe(`no "arrival" column (columns: ${header.slice(0, 20).map((h) => `"${h}"`).join(', ')}, … and 999,980 more); name it with --arrival-column NAME`);
    }
    const short = parseCsv(`${header.join(',')}\n1,2\n`);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message.length).toBeLessThan(400);
  });
});
