// Extracts a careless or hostile user could hand to `pathflow fit` (issue 17's audit):
// within the size limit (--max-mb, 100 MB by default), none may take memory out of
// proportion to the file, and no message may grow with it. Found by hand: a 95 MB field
// left in an open quote took 48 s and 3.2 GB (the field grown one character at a time),
// and a header of a million columns gave a 10 MB message listing every one; a row of
// 200,000 quoted fields (1.9 MB) took 3 s, each field searching the rest of the row for a line break.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { readStays } from '../../../scenarios/fit/stays.ts';

describe('parseCsv under hostile input', () => {
  test('a 20 MB quoted field: read whole as one string, its heap about its size (it took 34 times)', () => {
    const body = 'x'.repeat(20_000_000);
    const before = process.memoryUsage().heapUsed;
    const r = parseCsv(`arrival,departure\n"${body}",2\n`);
    const grown = process.memoryUsage().heapUsed - before;
    expect(r.ok).toBe(true);
    if (r.ok) expect([...r.value.rows][0].fields[0].length).toBe(20_000_000);
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
    expect(ok.ok && [...ok.value.rows]).toEqual([{ line: 2, fields: ['say "hi"', 'one,\ntwo'] }, { line: 4, fields: ['3', '4'] }]);
  });

  test('a header of a million quoted columns is read in one pass (each field searched the rest of its row for a line break: hours)', () => {
    const header = Array.from({ length: 1_000_000 }, (_, k) => `"c${k}"`);
    const r = parseCsv(`${header.join(',')}\n${header.map(() => '"1\n2"').join(',')}\n"x",1\n`);
    expect(r.ok).toBe(false);
    // The second row's million quoted fields each hold a line break: the third row starts on line 1,000,003.
    if (!r.ok) expect(r.message).toMatch(/^line 1000003: 2 fields, but the header has 1000000 \(c0, c1, /);
  });

  test('property: each row is reported at the line it starts on, whatever line breaks its quoted fields hold', () => {
    const field = fc.oneof(fc.stringMatching(/^[a-z0-9 ]{0,4}$/), fc.array(fc.constantFrom('a', ',', '\n', '""', '\r\n'), { maxLength: 5 }).map((cs) => `"${cs.join('')}"`));
    fc.assert(fc.property(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, crlf) => {
      const eol = crlf ? '\r\n' : '\n';
      const text = `a,b${eol}${rows.map(([x, y]) => `${x},${y}`).join(eol)}${eol}`;
      const r = parseCsv(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      let line = 2;
      const starts = rows.map(([x, y]) => { const at = line; line += 1 + (`${x},${y}`.match(/\n/g) ?? []).length; return at; });
      expect([...r.value.rows].map((row) => row.line)).toEqual(starts);
      expect([...r.value.rows].map((row) => row.fields)).toEqual(rows.map((row) => row.map((f) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f))));
    }));
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

  test('the rows are read afresh at each pass (none held between): every pass gives the same rows, and a pass may stop early', () => {
    const r = parseCsv('a,b\n1,"x\ny"\n\n3,4\n5,6\n');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.rows.length).toBe(3);
    const once = [...r.value.rows];
    expect([...r.value.rows]).toEqual(once);
    expect(once.map((x) => x.line)).toEqual([2, 5, 6]);
    const [first] = r.value.rows;
    expect(first).toEqual({ line: 2, fields: ['1', 'x\ny'] });
    expect([...r.value.rows]).toEqual(once);
  });
});
