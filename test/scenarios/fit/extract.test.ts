// Reading an extract: the CSV format (quotes, line ends, limits, errors naming the line),
// timestamps, and every row accounted for by reason (a property over random extracts).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { parseTimestamp, readStays, type ProblemKind } from '../../../scenarios/fit/stays.ts';

const table = (text: string) => { const t = parseCsv(text); if (!t.ok) throw new Error(t.message); return t.value; };

describe('CSV', () => {
  test('quoted fields with commas, doubled quotes and line breaks; CRLF; a BOM; blank lines skipped', () => {
    const t = table('\uFEFFclass,arrival,departure,note\r\n"Acute, Medicine",2024-01-01 10:00,2024-01-02 10:00,"said ""hi""\nthen left"\r\n\r\nx,2024-01-01 11:00,,\n');
    expect(t.header).toEqual(['class', 'arrival', 'departure', 'note']);
    expect([...t.rows]).toEqual([
      { line: 2, fields: ['Acute, Medicine', '2024-01-01 10:00', '2024-01-02 10:00', 'said "hi"\nthen left'] },
      { line: 5, fields: ['x', '2024-01-01 11:00', '', ''] },
    ]);
  });

  test('errors name the line (and the field): a short row, an open quote, a stray quote, too many rows, nothing', () => {
    const msg = (text: string, rows?: number) => { const r = parseCsv(text, rows); return r.ok ? 'ok' : r.message; };
    expect(msg('a,b,c\n1,2,3\n4,5\n')).toBe('line 3: 2 fields, but the header has 3 (a, b, c)');
    expect(msg('a,b\n1,"2\n')).toBe('line 2: a quoted field is not closed (a " is missing)');
    expect(msg('a,b\n1,2"x\n')).toBe('line 2, field 2: a quote inside an unquoted field (quote the whole field and write " as "")');
    expect(msg('a\n1\n2\n3\n', 2)).toBe('more than 2 rows (raise the limit with --max-rows N)');
    expect(msg('a\n1\n2\n', 2)).toBe('ok');
    expect(msg('\n\n')).toBe('the file is empty: expected a header line of column names');
  });
});

describe('timestamps', () => {
  test('ISO with a space or T (seconds, fractions and Z optional) and UK day-first; wall clock, no zone', () => {
    const h = Date.UTC(2024, 1, 29, 14, 5) / 3_600_000;
    for (const t of ['2024-02-29 14:05', '2024-02-29T14:05', '2024-02-29T14:05:00', '2024-02-29T14:05:00.000Z', '29/02/2024 14:05', ' 29/02/2024 14:05:00 ']) expect(parseTimestamp(t)).toBe(h);
  });
  test('not dates: 30 February, month 13, hour 24, a date alone, an offset, US month-first beyond 12', () => {
    for (const t of ['2024-02-30 10:00', '2024-13-01 10:00', '2024-01-01 24:00', '2024-01-01', '2024-01-01T10:00+01:00', '12/31/2024 10:00', 'yesterday']) expect(parseTimestamp(t)).toBeUndefined();
  });
});

describe('stays', () => {
  const csv = [
    'id,Class,Arrival,Departure',
    '1,Acute Medicine,2024-01-01 10:00,2024-01-03 10:00',   // 48 h
    '2,acute medicine,2024-01-01 11:00,',                   // censored: still in at the extract
    '3,surgery,,2024-01-02 10:00',                          // no arrival
    '4,surgery,2024-02-30 10:00,2024-03-02 10:00',          // unreadable arrival
    '5,surgery,2024-01-02 10:00,2024-01-01 10:00',          // departure before arrival
    '6,surgery,2024-01-02 10:00,2024-01-02 10:00',          // a stay of 0
    '7,surgery,2024-01-02 10:00,soon',                      // unreadable departure
    '8,,2024-01-02 10:00,2024-01-03 10:00',                 // no class
    '9,surgery,2024-01-04 10:00,2024-01-06 10:00',          // 48 h, ends after the extract given
  ].join('\n');

  test('each problem counted with its line, column and value; classes made ids; censored stays observed up to the extract', () => {
    const r = readStays(table(csv), {}, '2024-01-05 10:00');
    if (!r.ok) throw new Error(r.message);
    const counts = Object.fromEntries(Object.entries(r.value.problems).map(([k, p]) => [k, p.count]));
    expect(counts).toEqual({ 'censored': 1, 'missing-arrival': 1, 'bad-arrival': 1, 'negative': 1, 'zero': 1, 'bad-departure': 1, 'missing-class': 1, 'departure-after-extract': 1 });
    expect(r.value.problems['bad-arrival']!.examples).toEqual([{ line: 5, column: 'Arrival', value: '2024-02-30 10:00' }]);
    expect(r.value.problems['negative']!.examples).toEqual([{ line: 6, column: 'Departure', value: '2024-01-01 10:00' }]);
    expect(r.value.stays.map((s) => [s.line, s.class, s.hours, s.censoredFor])).toEqual([
      [2, 'acute-medicine', 48, undefined], [3, 'acute-medicine', undefined, 95],
      [6, 'surgery', undefined, undefined], [7, 'surgery', undefined, undefined], [8, 'surgery', undefined, undefined],
      [10, 'surgery', undefined, undefined],
    ]);
  });

  test('destinations: made ids, counted on stays that ended; an empty one on such a stay counted, ignored elsewhere', () => {
    const t = table('class,arrival,departure,Destination\na,2024-01-01 10:00,2024-01-02 10:00,Care Home\na,2024-01-01 10:00,2024-01-02 10:00,\na,2024-01-01 10:00,,\n');
    const r = readStays(t);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.stays.map((s) => s.destination)).toEqual(['care-home', undefined, undefined]);
    expect(r.value.problems['missing-destination']).toEqual({ count: 1, examples: [{ line: 3, column: 'Destination', value: '' }] });
  });

  test('a missing column is named with the columns there; other names through the options', () => {
    const t = table('when,left,ward\n2024-01-01 10:00,2024-01-02 10:00,a\n');
    const r = readStays(t);
    expect(r.ok ? 'ok' : r.message).toBe('no "arrival" column (columns: "when", "left", "ward"); name it with --arrival-column NAME');
    const named = readStays(t, { arrival: 'when', departure: 'left', class: 'ward' });
    expect(named.ok && named.value.stays[0]).toEqual({ line: 2, class: 'a', arrival: Date.UTC(2024, 0, 1, 10) / 3_600_000, hours: 24 });
    const noClass = readStays(table('arrival,departure\n2024-01-01 10:00,2024-01-02 10:00\n'));
    expect(noClass.ok && noClass.value.stays[0].class).toBe('patients');
  });

  test('every row is accounted for: used or counted as unusable, and every used row a stay that ended, one still running or a counted problem (property)', () => {
    const time = fc.oneof(
      fc.integer({ min: 0, max: 24 * 60 }).map((m) => new Date(Date.UTC(2024, 0, 1) + m * 60_000 * 30).toISOString().slice(0, 16).replace('T', ' ')),
      fc.constantFrom('', 'n/a', '2024-02-30 10:00'),
    );
    const row = fc.tuple(fc.constantFrom('med', 'surg', ''), time, time);
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, given) => {
      const text = ['class,arrival,departure', ...rows.map((r) => r.join(','))].join('\n');
      const r = readStays(table(text), {}, given ? '2024-01-10 00:00' : undefined);
      if (!r.ok) throw new Error(r.message);
      const c = (k: ProblemKind) => r.value.problems[k]?.count ?? 0;
      const stays = r.value.stays;
      expect(stays.length + c('missing-arrival') + c('bad-arrival') + c('missing-class') + c('arrival-after-extract')).toBe(rows.length);
      const ended = stays.filter((s) => s.hours !== undefined), running = stays.filter((s) => s.censoredFor !== undefined);
      expect(running.length).toBe(c('censored'));
      expect(ended.length + running.length + c('bad-departure') + c('negative') + c('zero') + c('departure-after-extract')).toBe(stays.length);
      for (const s of ended) expect(s.hours).toBeGreaterThan(0);
      for (const s of running) expect(s.censoredFor).toBeGreaterThanOrEqual(0);
    }));
  });
});
