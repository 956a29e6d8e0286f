// Seasons in the scenario language: time.startDate, named seasons (byMonth, date ranges,
// growthPerYear) on a class's random arrivals and on a step's duration. The compiled
// breakpoints are checked exactly; arrivals against the integral of rate × factor over
// replications; a stay against its exact length; mistakes by their messages (pinned).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../engine/core/simulation.ts';
import { compileTimeFactor, factorAt } from '../../engine/core/time-factor.ts';
import { estimate } from '../../engine/experiment/summary.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { seasonFactor } from '../../scenarios/compile/season.ts';
import { parseScenario, variantScenario, ScenarioCoreSchema, type Scenario } from '../../scenarios/schema/scenario.ts';
import { checkCost } from '../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { smallScenario, yamlFixture, checkEdited, runEdited } from './scenario-fixture.ts';
import { runReplication } from '../../runner/replicate.ts';

const DAY = 24;

/** One class arriving at random and staying `stayDays` (deterministic) on a roomy ward. */
function ward(extra: { time?: object; arrivals?: object; seasons?: object; stay?: object } = {}): any {
  return {
    id: 't', title: 't',
    time: { horizonDays: 120, ...extra.time },
    sites: [{ id: 's', wards: [{ id: 'w', beds: 10_000 }], staff: [] }],
    classes: [{ id: 'med', site: 's', arrivals: { perDay: 20, ...extra.arrivals }, pathway: 'p' }],
    pathways: { p: [{ id: 'in', do: 'admit', ward: 'w' }, { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 2, unit: 'days' }, ...extra.stay }, { id: 'out', do: 'discharge' }] },
    ...(extra.seasons ? { seasons: extra.seasons } : {}),
  };
}

function compiled(doc: unknown) {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

function check(doc: unknown): string {
  const r = parseScenario(doc);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

describe('time.startDate', () => {
  test('gives the weekday of day 0 when startWeekday is left out; both given must agree', () => {
    const parsed = (time: object) => ScenarioCoreSchema.parse(ward({ time })).time.startWeekday;
    expect(parsed({ startDate: '2025-12-03' })).toBe('wed');
    expect(parsed({ startDate: '2025-12-03', startWeekday: 'wednesday' })).toBe('wednesday');
    expect(parsed({})).toBe('monday');
    expect(check(ward({ time: { startDate: '2025-12-03', startWeekday: 'mon' } }))).toMatchInlineSnapshot(`"  ✖ time.startWeekday: startDate 2025-12-03 is a wednesday: expected wed (or leave startWeekday out), got mon"`);
    expect(check(ward({ time: { startDate: '2025-02-29' } }))).toMatchInlineSnapshot(`"  ✖ time.startDate: expected a real date "YYYY-MM-DD" (years 1900 to 2200), got "2025-02-29""`);
    expect(check(ward({ time: { startDate: '1/12/2025' } }))).toMatchInlineSnapshot(`"  ✖ time.startDate: expected a real date "YYYY-MM-DD" (years 1900 to 2200), got "1/12/2025""`);
  });
});

describe('a season in hours', () => {
  test('months and a bank holiday from 15 November: breakpoints at 00:00 on each first of the month and around the holiday, factors multiplied', () => {
    const byMonth = [1.13, 1.12, 1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07, 1.08, 1.09, 1.11];
    const f = seasonFactor({ byMonth, ranges: [{ from: '2025-12-25', to: '2025-12-26', factor: 0.7 }] }, { startDate: '2025-11-15', horizonDays: 120 }, 'arrivals');
    // Day 16 is 1 December, 40 is Christmas Day, 42 the day after Boxing Day, 47 is 1 January, 78 1 February, 106 1 March.
    expect(f.breaks).toEqual([16, 40, 42, 47, 78, 106].map((d) => d * DAY));
    expect(f.factors).toEqual([1.09, 1.11, 1.11 * 0.7, 1.11, 1.13, 1.12, 1.01]);
    expect(f.growth).toBeUndefined();
  });

  test('ranges by day number without a date; a range started before day 0 or ending after the horizon is cut to the run', () => {
    const f = seasonFactor({ ranges: [{ fromDay: 0, toDay: 2, factor: 2 }, { fromDay: 10, toDay: 10, factor: 0.5 }, { fromDay: 100, toDay: 200, factor: 3 }] }, { horizonDays: 120 }, 'arrivals');
    expect(f.breaks).toEqual([3, 10, 11, 100].map((d) => d * DAY));
    expect(f.factors).toEqual([2, 1, 0.5, 1, 3]);
  });

  test('growth compounds from day 0: the factor is 1.03 after 365.25 days and 1.03² after twice that; durations have none', () => {
    const season = { growthPerYear: 0.03 };
    const f = compileTimeFactor(seasonFactor(season, { horizonDays: 1000 }, 'arrivals'), 'f')!;
    expect(factorAt(f, 0)).toBe(1);
    expect(factorAt(f, 365.25 * DAY)).toBeCloseTo(1.03, 12);
    expect(factorAt(f, 2 * 365.25 * DAY)).toBeCloseTo(1.03 ** 2, 12);
    expect(compileTimeFactor(seasonFactor(season, { horizonDays: 1000 }, 'durations'), 'f')).toBeNull();
  });
});

describe('arrivals through the year', () => {
  test('a winter surge, a bank holiday and a shape by hour: the mean count over each stretch is the integral of rate × factor (99% intervals over 30 replications)', () => {
    const byHour = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 3 : 1));
    const doc = ward({
      time: { startDate: '2025-11-17', horizonDays: 56 }, // Monday 17 November to 11 January
      arrivals: { perDay: 20, byHour, season: 'winter' },
      seasons: { winter: { byMonth: [1.15, 1.15, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.15], ranges: [{ from: '2025-12-25', to: '2025-12-26', factor: 0.7 }] } },
    });
    const { model, horizon } = compiled(doc);
    // Days of the run: November 0-13, December 14-44 (Christmas 38-39), January 45-55.
    const edges = [0, 14, 38, 40, 45, 56].map((d) => d * DAY);
    const expected = [14 * 20, 24 * 20 * 1.15, 2 * 20 * 1.15 * 0.7, 5 * 20 * 1.15, 11 * 20 * 1.15];
    const rows = Array.from({ length: 30 }, (_, r) => {
      const sim = new Simulation(model, { seed: 5, replication: r, horizon });
      const n = new Array<number>(expected.length).fill(0);
      sim.observe((e) => { if (e.type === 'arrive') n[edges.findIndex((x, i) => e.time >= x && e.time < edges[i + 1])]++; });
      sim.runUntil(horizon);
      return n;
    });
    expected.forEach((x, w) => {
      const e = estimate(rows.map((r) => r[w]), 0.99);
      expect(e.lower <= x && x <= e.upper, `stretch ${w}: expected ${x}, got ${e.mean.toFixed(1)} ± ${e.halfWidth.toFixed(1)}`).toBe(true);
    });
  });

  test('3% a year for two years: arrivals in year 2 are 3% above year 1 (99% interval over 30 replications of the closed form)', () => {
    const doc = ward({ time: { horizonDays: 2 * 365.25 }, arrivals: { perDay: 40, season: 'trend' }, seasons: { trend: { growthPerYear: 0.03 } } });
    const { model, horizon } = compiled(doc);
    // ∫ 40 × 1.03^y dy over a year, in days: 40 × 365.25 × (1.03^(k+1) − 1.03^k) / ln 1.03.
    const year = (k: number) => 40 * 365.25 * (1.03 ** (k + 1) - 1.03 ** k) / Math.log(1.03);
    const rows = Array.from({ length: 30 }, (_, r) => {
      const sim = new Simulation(model, { seed: 9, replication: r, horizon });
      const n = [0, 0];
      sim.observe((e) => { if (e.type === 'arrive') n[e.time < 365.25 * DAY ? 0 : 1]++; });
      sim.runUntil(horizon);
      return n;
    });
    [0, 1].forEach((k) => {
      const e = estimate(rows.map((r) => r[k]), 0.99);
      expect(e.lower <= year(k) && year(k) <= e.upper, `year ${k + 1}: expected ${year(k)}, got ${e.mean} ± ${e.halfWidth}`).toBe(true);
    });
  });
});

describe('length of stay through the year', () => {
  test('a 2-day stay is 3 days for patients admitted on days 3 to 5 (factor 1.5), exactly', () => {
    const doc = ward({ time: { horizonDays: 20 }, stay: { season: 'long' }, seasons: { long: { ranges: [{ fromDay: 3, toDay: 5, factor: 1.5 }] } } });
    const { model, horizon } = compiled(doc);
    const sim = new Simulation(model, { seed: 2, horizon });
    const born = new Map<number, number>();
    const stays: [number, number][] = [];
    sim.observe((e) => {
      if (e.type === 'arrive') born.set(e.entity!, e.time);
      if (e.type === 'exit') stays.push([born.get(e.entity!)!, e.time - born.get(e.entity!)!]);
    });
    sim.runUntil(horizon);
    expect(stays.length).toBeGreaterThan(200);
    for (const [t, los] of stays) expect(los).toBeCloseTo(t >= 3 * DAY && t < 6 * DAY ? 3 * DAY : 2 * DAY, 9);
    expect(stays.some(([t]) => t >= 3 * DAY && t < 6 * DAY)).toBe(true);
  });
});

describe('a season of 1 changes nothing', () => {
  test('property: factors of 1 by month and over any ranges give the same KPIs, replication by replication, as no season', () => {
    const kpis = (doc: unknown) => {
      const { model, horizon } = compiled(doc);
      const sim = new Simulation(model, { seed: 4, horizon });
      sim.runUntil(horizon);
      return sim.results();
    };
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 4 }),
      fc.boolean(),
      (starts, byMonth) => {
        const ranges = [...starts].sort((a, b) => a - b).filter((x, i, xs) => i === 0 || x > xs[i - 1] + 1).map((d) => ({ fromDay: d, toDay: d, factor: 1 }));
        const season = { ...(byMonth ? { byMonth: Array(12).fill(1) } : {}), ranges };
        const base = { time: { startDate: '2025-12-20', horizonDays: 30 }, arrivals: { perDay: 20, byHour: Array.from({ length: 24 }, (_, h) => 1 + (h % 5)) } };
        const plain = ward(base);
        const seasonal = ward({ ...base, arrivals: { ...base.arrivals, season: 'flat' }, stay: { season: 'flat' }, seasons: { flat: season } });
        expect(kpis(seasonal)).toEqual(kpis(plain));
      },
    ), { numRuns: 15 });
  });
});

describe('mistakes, by path', () => {
  const withSeason = (season: object, extra: object = {}) => ward({ arrivals: { season: 'winter' }, seasons: { winter: season }, ...extra });

  test('shapes: 12 months, factors within 0 to 100, a growth within −50% to +100% a year, a range with one kind of ends', () => {
    expect(check(withSeason({ byMonth: [1, 1, 1], growthPerYear: 2, ranges: [{ fromDay: 1, toDay: 2, factor: 101 }, { from: '2025-12-25', fromDay: 3, toDay: 4, factor: 1 }] }, { time: { startDate: '2025-11-01' } })))
      .toMatchInlineSnapshot(`
        "  ✖ seasons.winter.byMonth: expected 12 factors, January to December, got 3
          ✖ seasons.winter.growthPerYear: expected a number ≤ 1, got 2
          ✖ seasons.winter.ranges[0].factor: expected a number ≤ 100, got 101
          ✖ seasons.winter.ranges[1]: give either from and to (dates) or fromDay and toDay (day numbers of the run)"
      `);
  });

  test('ends in order, no overlap', () => {
    expect(check(withSeason({ ranges: [{ from: '2025-12-26', to: '2025-12-25', factor: 0.7 }, { fromDay: 5, toDay: 9, factor: 1.2 }, { fromDay: 9, toDay: 12, factor: 1.1 }] }, { time: { startDate: '2025-11-01' } })))
      .toMatchInlineSnapshot(`
        "  ✖ seasons.winter.ranges[0].to: expected a day on or after 2025-12-26, got 2025-12-25
          ✖ seasons.winter.ranges[2]: overlaps ranges[1]: ranges may not overlap (give the days they share a range of their own, with the product of the factors)"
      `);
  });

  test('a date and a day number meet on the calendar: 5 November is day 4 of a run from 1 November', () => {
    const ranges = [{ fromDay: 5, toDay: 5, factor: 1.2 }, { from: '2025-11-05', to: '2025-11-06', factor: 0.7 }, { fromDay: 7, toDay: 7, factor: 1.2 }];
    expect(check(withSeason({ ranges }, { time: { startDate: '2025-11-01' } }))).toMatchInlineSnapshot(`"  ✖ seasons.winter.ranges[1]: overlaps ranges[0]: ranges may not overlap (give the days they share a range of their own, with the product of the factors)"`);
  });

  test('months and dates need time.startDate', () => {
    expect(check(withSeason({ byMonth: Array(12).fill(1.1), ranges: [{ from: '2025-12-25', to: '2025-12-26', factor: 0.7 }] }))).toMatchInlineSnapshot(`
      "  ✖ seasons.winter.byMonth: months need a calendar: give time.startDate (the date of day 0)
        ✖ seasons.winter.ranges[0].from: dates need a calendar: give time.startDate (the date of day 0), or give the range as fromDay and toDay"
    `);
  });

  test('references: an unknown season; appointments keep their times; a duration season has no growth and no 0', () => {
    expect(check(ward({ arrivals: { season: 'wintr' }, seasons: { winter: {} } }))).toMatchInlineSnapshot(`"  ✖ classes[0].arrivals.season: unknown season "wintr": did you mean "winter"? (known: winter)"`);
    const booked = { appointments: { slots: [{ days: ['mon'], start: '09:00', end: '10:00', everyMinutes: 30 }] }, season: 'winter' };
    const doc = ward({ seasons: { winter: { growthPerYear: 0.03, ranges: [{ fromDay: 1, toDay: 1, factor: 0 }] } }, stay: { season: 'winter' } });
    doc.classes[0].arrivals = booked;
    expect(check(doc)).toMatchInlineSnapshot(`
      "  ✖ classes[0].arrivals.season: booked appointments keep their times: a season multiplies random arrivals (perDay, perWeek) only
        ✖ pathways.p[1].season: season "winter" has a growthPerYear, which is for arrivals: give durations a season without one
        ✖ pathways.p[1].season: season "winter" has a factor of 0, which would make a duration 0: a duration's factors must be > 0"
    `);
  });

  test('a variant may change a season, like any object', () => {
    const doc = ward({ arrivals: { season: 'winter' }, seasons: { winter: { growthPerYear: 0.03 } } });
    doc.variants = [{ id: 'faster', name: '5% a year', patch: { seasons: { winter: { growthPerYear: 0.05, byMonth: null } } } }];
    const r = parseScenario(doc);
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(variantScenario(r.value, 'faster').seasons).toEqual({ winter: { growthPerYear: 0.05 } });
  });

  test('a variant may add a season to a class', () => {
    const doc = ward({ seasons: { winter: { ranges: [{ fromDay: 1, toDay: 3, factor: 1.2 }] } } });
    doc.variants = [{ id: 'surge', name: 'winter surge', patch: { classes: { med: { arrivals: { season: 'winter' } } } } }, { id: 'bad', name: 'a season that is not there', patch: { classes: { med: { arrivals: { season: 'summer' } } } } }];
    expect(check(doc)).toMatchInlineSnapshot(`"  ✖ variants[1].patch.classes.med.arrivals.season: unknown season "summer" (known: winter) (in the patched scenario)"`);
  });

  test('the cost check counts the season: 100% growth a year for 30 years is over the arrivals limit, at the class', () => {
    const doc = ward({ time: { horizonDays: 30 * 365 }, arrivals: { perDay: 10, season: 'boom' }, seasons: { boom: { growthPerYear: 1 } } });
    const r = parseScenario(doc);
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(formatIssues(checkCost(r.value as Scenario, defaultCostLimits).issues)).toMatchInlineSnapshot(`"  ✖ classes[0].arrivals.perDay: about 115,913,141,151,824 patients would arrive in one replication (class "med": 10 a day × up to 1,058,567,499 (season "boom") for 10950 days), over the limit of 10,000,000 (raise with --limit arrivals=N)"`);
    doc.seasons.boom.growthPerYear = 0;
    const ok = parseScenario(doc);
    expect(ok.ok && checkCost(ok.value, defaultCostLimits).issues).toEqual([]);
  });
});

test('smallScenario still parses (no season)', () => {
  expect(check(smallScenario())).toBe('ok');
});

describe('a season on a waiting list\'s referrals', () => {
  const base = () => { const s = yamlFixture('elective'); s.variants = []; s.mutualAid = []; return s; };

  test('multiplies the referral rate: none with a factor of 0 over the run, twice as many at 2 (mean over replications)', () => {
    const none = runEdited(base, (s) => {
      s.seasons = { closed: { ranges: [{ fromDay: 0, toDay: 419, factor: 0 }] } };
      s.waitingLists[0].referrals[0].season = 'closed';
    });
    expect(none['arrivals[north-routine]']).toBe(0);
    expect(none['arrivals[south-routine]']).toBeGreaterThan(0);
    // 6 a week over the 48 measured weeks is 288, doubled 576: each replication's count is Poisson.
    const doubled = Array.from({ length: 20 }, (_, k) => {
      const s = base();
      s.seasons = { busy: { ranges: [{ fromDay: 0, toDay: 419, factor: 2 }] } };
      s.waitingLists[0].referrals[0].season = 'busy';
      const parsed = parseScenario(s);
      if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
      const c = compileScenario(parsed.value);
      if (!c.ok) throw new Error(formatIssues(c.issues));
      return runReplication(c.value, 1, k)['arrivals[north-routine]'];
    });
    const e = estimate(doubled);
    expect(e.lower).toBeLessThan(576);
    expect(e.upper).toBeGreaterThan(576);
  });

  test('an unknown season is named at its path; the cost check counts the peak', () => {
    expect(checkEdited(base, (s) => { s.seasons = { winter: { byMonth: Array(12).fill(1) } }; s.time.startDate = '2026-01-05'; s.waitingLists[0].referrals[0].season = 'wintr'; }))
      .toMatch(/waitingLists\[0\]\.referrals\[0\]\.season: unknown season "wintr"/);
    const s = base();
    s.time.horizonDays = 30 * 365;
    s.seasons = { boom: { growthPerYear: 1 } };
    s.waitingLists[0].referrals[0].season = 'boom';
    const r = parseScenario(s);
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(formatIssues(checkCost(r.value as Scenario, defaultCostLimits).issues)).toMatch(/waitingLists\[0\]\.referrals\[0\]\.perWeek: about [\d,]+ patients would arrive in one replication \(referrals of class "north-routine": 6 a week × up to [\d,]+ \(season "boom"\)/);
  });
});

describe('a season on a waiting list\'s stays (staySeason)', () => {
  // Deterministic stays, so a factor multiplies them exactly: 3 days × 2 is 6 days.
  const base = () => {
    const s = yamlFixture('elective');
    s.variants = []; s.mutualAid = [];
    for (const l of s.waitingLists) {
      l.stay = { dist: 'deterministic', value: 3, unit: 'days' };
      l.delayedDischarge = { probability: 0.2, duration: { dist: 'deterministic', value: 5, unit: 'days' } };
    }
    return s;
  };

  test('a factor of 2 over the whole run is the same run, KPI for KPI, as stays and delayed discharges twice as long', () => {
    const seasonal = runEdited(base, (s) => {
      s.seasons = { winter: { ranges: [{ fromDay: 0, toDay: 419, factor: 2 }] } };
      s.waitingLists[0].staySeason = 'winter';
    });
    const doubled = runEdited(base, (s) => {
      s.waitingLists[0].stay.value = 6;
      s.waitingLists[0].delayedDischarge.duration.value = 10;
    });
    expect(seasonal).toEqual(doubled);
    // Not vacuous: the stays did change the ward.
    expect(seasonal['occupancy.mean[north/ortho]']).not.toBe(runEdited(base, () => {})['occupancy.mean[north/ortho]']);
  });

  test('a season of 1 is no season; a case mix\'s own stays are multiplied too', () => {
    const flat = runEdited(base, (s) => { s.seasons = { flat: { ranges: [{ fromDay: 0, toDay: 419, factor: 1 }] } }; s.waitingLists[0].staySeason = 'flat'; });
    expect(flat).toEqual(runEdited(base, () => {}));
    const mix = (factor: number, stayDays: number) => runEdited(base, (s) => {
      s.seasons = { winter: { ranges: [{ fromDay: 0, toDay: 419, factor }] } };
      s.waitingLists[0].staySeason = 'winter';
      s.waitingLists[0].caseMix = [
        { procedure: 'hip', share: 0.5, stay: { dist: 'deterministic', value: stayDays, unit: 'days' } },
        { procedure: 'knee', share: 0.5 },
      ];
      s.waitingLists[0].stay.value = 3 * (2 / factor);
      s.waitingLists[0].delayedDischarge.duration.value = 5 * (2 / factor);
    });
    expect(mix(2, 4)).toEqual(mix(1, 8));
  });

  test('mistakes by path: an unknown season, one with growth or a 0, and a clinic or scanner list (no stay)', () => {
    expect(checkEdited(base, (s) => { s.waitingLists[0].staySeason = 'wintr'; s.seasons = { winter: { ranges: [{ fromDay: 0, toDay: 9, factor: 2 }] } }; }))
      .toMatchInlineSnapshot(`"  ✖ waitingLists[0].staySeason: unknown season "wintr": did you mean "winter"? (known: winter)"`);
    expect(checkEdited(base, (s) => { s.waitingLists[0].staySeason = 'boom'; s.seasons = { boom: { growthPerYear: 0.1, ranges: [{ fromDay: 0, toDay: 9, factor: 0 }] } }; }))
      .toMatchInlineSnapshot(`
        "  ✖ waitingLists[0].staySeason: season "boom" has a growthPerYear, which is for arrivals: give durations a season without one
          ✖ waitingLists[0].staySeason: season "boom" has a factor of 0, which would make a duration 0: a duration's factors must be > 0"
      `);
    expect(checkEdited(() => yamlFixture('diagnostics'), (s) => { s.seasons = { w: { ranges: [{ fromDay: 0, toDay: 9, factor: 2 }] } }; s.waitingLists[0].staySeason = 'w'; }))
      .toMatch(/waitingLists\[0\]\.staySeason: a list booked into clinic or scanner slots \(bookInto\) has no staySeason/);
  });
});
