// Arrival profiles: exact counts and exposures on a small window, recovery of the synthetic
// extract's known shape within the intervals, and the two weekday tests on a separable and a
// non-separable profile.
import { describe, expect, test } from 'vitest';
import { arrivalProfile, windowOf } from '../../../scenarios/fit/arrival-profile.ts';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { readStays } from '../../../scenarios/fit/stays.ts';
import { syntheticExtract, NO_MESS, TRUTH, START, DAYS, EXTRACT } from '../../../validation/fit-example.ts';

const MONDAY = Date.UTC(2024, 0, 1) / 3_600_000; // 2024-01-01 was a Monday

describe('arrival profile', () => {
  test('two weeks, exactly: counts per hour × weekday, two hours of exposure each, rates per hour, the daily rate', () => {
    // Mondays 09:10 and 09:50, Tuesdays 14:00, for two weeks; window Monday 1 to Sunday 14.
    const arrivals = [0, 7].flatMap((d) => [MONDAY + d * 24 + 9 + 1 / 6, MONDAY + d * 24 + 9 + 5 / 6, MONDAY + (d + 1) * 24 + 14]);
    const w = windowOf([...arrivals, MONDAY + 13 * 24 + 1], MONDAY + 14 * 24);
    expect([w.start, w.end]).toEqual([MONDAY, MONDAY + 14 * 24]);
    const p = arrivalProfile(arrivals, w);
    expect(p.n).toBe(6);
    expect(p.perDay).toBe(6 / 14);
    expect(p.cells[0][9]).toMatchObject({ count: 4, exposureHours: 2, perHour: 2 });
    expect(p.cells[1][14]).toMatchObject({ count: 2, exposureHours: 2, perHour: 1 });
    expect(p.byWeekday.map((r) => r.count)).toEqual([4, 2, 0, 0, 0, 0, 0]);
    expect(p.byWeekday[0].exposureHours).toBe(48);
    expect(p.byMonth).toBeUndefined(); // one month
    // The window ends at the extract when that is earlier than the end of the last day.
    expect(windowOf([MONDAY + 5], MONDAY + 12).end).toBe(MONDAY + 12);
  });

  // Clean: a row whose departure precedes its arrival puts an arrival at a departure's hour.
  const table = parseCsv(syntheticExtract(11, TRUTH, NO_MESS));
  const read = table.ok ? readStays(table.value, {}, '2025-01-01 00:00') : undefined;
  if (!read?.ok) throw new Error('the synthetic extract does not read');
  const window = windowOf(read.value.stays.map((s) => s.arrival), read.value.extract);

  test.each(TRUTH)('$id (synthetic, clean, seed 11): every weekday\'s and at least 22 of 24 hours\' 95% intervals cover the true rate; months too (11 of 12)', (truth) => {
    expect([window.start, window.end]).toEqual([START, EXTRACT]);
    const p = arrivalProfile(read.value.stays.filter((s) => s.class === truth.id).map((s) => s.arrival), window);
    // The true mean rate per hour at hour h of weekday d in month m is perDay/24 · hour · weekday · month
    // (shapes normalised to mean 1); over the year a month counts by its days.
    const monthDays = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2024, m + 1, 0)).getUTCDate());
    const season = monthDays.reduce((s, d, m) => s + d * truth.byMonth[m], 0) / DAYS;
    const mh = truth.byHour.reduce((s, x) => s + x, 0) / 24, mw = truth.byWeekday.reduce((s, x) => s + x, 0) / 7;
    const inside = (r: { low: number; high: number }, x: number) => r.low <= x && x <= r.high;
    truth.byWeekday.forEach((w, d) => expect(inside(p.byWeekday[d], (truth.perDay / 24) * (w / mw) * season)).toBe(true));
    const hours = truth.byHour.filter((h, i) => inside(p.byHour[i], (truth.perDay / 24) * (h / mh) * season)).length;
    expect(hours).toBeGreaterThanOrEqual(22);
    const months = p.byMonth!.filter((r, m) => inside(r!, (truth.perDay / 24) * truth.byMonth[m])).length;
    expect(months).toBeGreaterThanOrEqual(11);
    // A separable truth: the hourly shape does not differ by weekday.
    expect(p.weekdayShape.p).toBeGreaterThan(0.01);
    expect(p.weekdayShape.df).toBe(6 * (truth.byHour.filter((h) => h > 0).length - 1));
    expect(p.weekdayLevel.p).toBeLessThan(0.001);
  });

  test('a hospital whose weekends arrive in the evening and weekdays in office hours: the shape test rejects', () => {
    const arrivals: number[] = [];
    for (let day = 0; day < 56; day++) {
      const weekend = day % 7 >= 5;
      for (let k = 0; k < 10; k++) arrivals.push(MONDAY + day * 24 + (weekend ? 18 + (k % 5) : 9 + (k % 8)) + 0.5);
    }
    const p = arrivalProfile(arrivals, windowOf(arrivals, MONDAY + 56 * 24));
    expect(p.weekdayShape.p).toBeLessThan(1e-6);
    expect(p.weekdayLevel.p).toBeGreaterThan(0.99); // ten a day, every day
  });
});
