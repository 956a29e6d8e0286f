// The cost model of a scenario: offered loads from Little's law, and every limit refusing
// a scenario with the field that drives it, the figure and the limit — before anything is
// compiled or run. A replication that outgrows its budget says which resource cannot keep up.
import { describe, expect, test } from 'vitest';
import { parseScenario, type Scenario } from '../../../scenarios/schema/scenario.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { estimate } from '../../../scenarios/cost/estimate.ts';
import { offeredLoads } from '../../../scenarios/cost/load.ts';
import { defaultCostLimits, parseLimit, type CostLimits } from '../../../scenarios/cost/limits.ts';
import { compileVariants, runOne } from '../../../runner/replicate.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { smallScenario } from '../scenario-fixture.ts';

function parsed(doc: unknown): Scenario {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(formatIssues(p.issues));
  return p.value;
}

/** The small scenario with one change; the limits' issues as `check` prints them. */
function over(change: (d: any) => void, limits: Partial<CostLimits> = {}): string {
  const d = smallScenario();
  change(d);
  return formatIssues(checkCost(parsed(d), { ...defaultCostLimits, ...limits }).issues);
}

describe('offered loads', () => {
  test('arrival rate × mean time held (Little\'s law) against beds, session hours and staff on duty', () => {
    const ratio = (resource: string) => offeredLoads(parsed(smallScenario())).loads.find((l) => l.resource === resource)!.ratio;
    // 10 a day, 20% admitted for a mean of 3 days: 6 beds busy of 10.
    expect(ratio('ward "medical" at site "dgh"')).toBeCloseTo(0.6, 12);
    // 10 a day, 30 minutes in a cubicle (kept only until the branch), 2 cubicles.
    expect(ratio('cubicles "cubicles" at site "dgh"')).toBeCloseTo((10 / 24) * 0.5 / 2, 12);
    // 5 a week, 2 h in theatre and 3 days on the 4-bed hub.
    expect(ratio('ward "hub" at site "dgh"')).toBeCloseTo((5 * (2 + 72)) / 168 / 4, 12);
    // Theatre and surgeon: 10 h a week of the 45 h of sessions and shifts.
    expect(ratio('theatre "th1" at site "dgh"')).toBeCloseTo(10 / 45, 12);
    expect(ratio('skill "operate" at site "dgh"')).toBeCloseTo(10 / 45, 12);
    expect(ratio('skill "treat" at site "dgh"')).toBeCloseTo((10 / 24) * 0.5, 12);
  });

  test('visits follow branches and readmissions: a readmission with probability 0.5 doubles the expected stays', () => {
    const d = smallScenario();
    d.pathways.ed.splice(4, 0, { id: 'again', do: 'readmit', probability: 0.5, afterDays: { dist: 'deterministic', value: 1, unit: 'days' }, to: 'admit' });
    // Admitted patients come back on average once more: 2 stays of 3 days.
    expect(offeredLoads(parsed(d)).loads.find((l) => l.resource === 'ward "medical" at site "dgh"')!.ratio).toBeCloseTo(1.2, 6);
  });

  test('a resource at 1× or more is a warning (the run is allowed), naming its capacity field', () => {
    const r = checkCost(parsed(((d) => { d.classes[0].arrivals.perDay = 20; return d; })(smallScenario())), defaultCostLimits);
    expect(r.issues).toEqual([]);
    expect(formatIssues(r.warnings)).toMatchInlineSnapshot(`
      "  ✖ sites[0].wards[1].beds: ward "medical" at site "dgh" has an offered load of 1.2× its 10 beds: it cannot keep up, so its queue grows through the run and waits depend on the run's length rather than settling
        ✖ variants[0].patch.sites.dgh.wards.medical.beds: ward "medical" at site "dgh" has an offered load of 1× its 12 beds: it cannot keep up, so its queue grows through the run and waits depend on the run's length rather than settling (variant "more-beds")"
    `);
  });
});

describe('offered loads under seasons', () => {
  // smallScenario: 14 days from day 0, no warm-up. A factor of 2 over days 7-13 is a mean of 1.5.
  const seasonal = (edit: (d: any) => void) => {
    const d = smallScenario();
    d.seasons = { winter: { ranges: [{ fromDay: 7, toDay: 13, factor: 2 }] } };
    edit(d);
    return offeredLoads(parsed(d)).loads.find((l) => l.resource === 'ward "medical" at site "dgh"')!.ratio;
  };

  test('arrivals under a season: the mean factor over the window multiplies the load, 0.6 × 1.5', () => {
    expect(seasonal((d) => { d.classes[0].arrivals.season = 'winter'; })).toBeCloseTo(0.9, 12);
  });

  test('a stay under a season: its duration by the mean factor, 0.6 × 1.5; both: 0.6 × 1.5 × 1.5 (a lower bound of the mean of the product, 0.6 × 2.5)', () => {
    expect(seasonal((d) => { d.pathways.ed[3].season = 'winter'; })).toBeCloseTo(0.9, 12);
    expect(seasonal((d) => { d.classes[0].arrivals.season = 'winter'; d.pathways.ed[3].season = 'winter'; })).toBeCloseTo(1.35, 12);
  });

  test('so `check` warns of a ward a season overloads on average, which it did not see before', () => {
    const d = smallScenario();
    d.variants = [];
    d.classes[0].arrivals.perDay = 14; // 0.84 of the beds without the season
    d.seasons = { winter: { ranges: [{ fromDay: 7, toDay: 13, factor: 1.5 }] } };
    d.classes[0].arrivals.season = 'winter';
    expect(formatIssues(checkCost(parsed(d), defaultCostLimits).warnings)).toMatch(/^  ✖ sites\[0\]\.wards\[1\]\.beds: ward "medical" at site "dgh" has an offered load of 1\.05× its 10 beds/);
  });
});

describe('the estimate', () => {
  test('counts staff, arrivals and samples from the numbers', () => {
    const e = estimate(parsed(smallScenario()));
    expect(e.staff).toBe(2);
    expect(e.arrivalsTotal).toBeCloseTo(10 * 14 + 5 * 2, 9);
    expect(e.series).toBe(2 * 3);
    expect(e.days).toBe(14);
  });

  test('a billion staff, a trillion arrivals a day, a billion days: counted, never listed', () => {
    const d = smallScenario();
    d.sites[0].staff[1].shifts[0].count = 1e15;
    d.classes[0].arrivals.perDay = 1e300;
    d.time.horizonDays = 1e300;
    const e = estimate(parsed(d));
    expect(e.staff).toBe(1e15 + 1);
    expect(e.arrivalsTotal).toBe(Infinity);
  });
});

describe('limits: a refusal names the field, the figure and the limit', () => {
  test('staff in a role, by count or by shift', () => {
    expect(over((d) => (d.sites[0].staff[0].count = 1e9))).toMatchInlineSnapshot(`"  ✖ sites[0].staff[0].count: 1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)"`);
    expect(over((d) => (d.sites[0].staff[1].shifts[0].count = 1e6))).toMatchInlineSnapshot(`"  ✖ sites[0].staff[1].shifts[0].count: 1,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)"`);
    expect(over((d) => (d.sites[0].staff[0].count = 9_000), { staff: 5_000 })).toMatchInlineSnapshot(`"  ✖ sites[0].staff[0].count: 9,001 staff at all sites exceeds the limit of 5,000 per scenario (raise with --limit staff=N)"`);
  });

  test('arrivals: the rate, or the horizon when a year of them would be within the limit', () => {
    expect(over((d) => (d.classes[0].arrivals.perDay = 1e12))).toMatchInlineSnapshot(`"  ✖ classes[0].arrivals.perDay: about 14,000,000,000,010 patients would arrive in one replication (class "ed": 1000000000000 a day for 14 days), over the limit of 10,000,000 (raise with --limit arrivals=N)"`);
    expect(over((d) => { d.time.horizonDays = 1e9; })).toMatchInlineSnapshot(`"  ✖ time.horizonDays: about 10,714,285,714 patients would arrive in one replication (class "ed": 10 a day for 1000000000 days), over the limit of 10,000,000 (raise with --limit arrivals=N)"`);
  });

  test('events, daily samples and memory', () => {
    expect(over((d) => { d.sites[0].staff[1].shifts[0].count = 10_000; d.time.horizonDays = 36_500; }, { arrivals: 1e12 })).toMatchInlineSnapshot(`"  ✖ sites[0].staff[1].shifts[0].count: about 522,398,429 events in one replication (most from shift changes of role "surgeon"), over the limit of 200,000,000 (raise with --limit events=N)"`);
    expect(over((d) => { d.time.horizonDays = 100_000; }, { arrivals: 1e12, events: 1e12 })).toMatchInlineSnapshot(`"  ✖ time.horizonDays: 100,000 days × 6 daily series × 2 variants is about 1,200,000 samples in a run, over the limit of 500,000 (raise with --limit seriesPoints=N)"`);
    expect(over((d) => { d.sites[0].staff[0].count = 10_000; d.sites[0].staff[0].skills = ['treat', ...Array.from({ length: 2000 }, (_, k) => `skill-${k}`)]; })).toMatchInlineSnapshot(`"  ✖ sites[0].staff[0].count: one replication would take about 651 MB (most for 10000 staff in role "nurse"), over the limit of 200 MB (raise with --limit memoryMb=N)"`);
  });

  test('appointments a week and patients on a starting list', () => {
    expect(over((d) => { d.classes[1].arrivals = { appointments: { slots: [{ days: ['mon'], start: '09:00', end: '10:00', everyMinutes: 1e-6 }] } }; })).toMatch(
      /^ {2}✖ classes\[1\]\.arrivals\.appointments\.slots\[0\]: 60,000,000 appointments a week for class "hip" exceeds the limit of 50,000 \(raise with --limit appointmentsPerWeek=N\)/);
    expect(over((d) => {
      d.classes.push({ id: 'knee', site: 'dgh' });
      d.waitingLists = [{ id: 'ortho', site: 'dgh', ward: 'medical', theatres: ['th1'], referrals: [{ class: 'knee', perWeek: 5 }], plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'deterministic', value: 2, unit: 'days' }, initialList: { patients: 2e9, oldestWeeks: 52 } }];
    })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].initialList.patients: 2,000,000,000 patients on the waiting lists at the start exceeds the limit of 1,000,000 in the system at once (raise with --limit inSystem=N)
        ✖ waitingLists[0].initialList.patients: about 2,000,000,160 patients would arrive in one replication (waiting list "ortho" at the start), over the limit of 10,000,000 (raise with --limit arrivals=N)"
    `);
  });

  test('a variant over a limit is named by its patch, once the base is within them', () => {
    expect(over((d) => (d.variants[0].patch = { sites: { dgh: { staff: { nurse: { count: 1e9 } } } } }))).toMatchInlineSnapshot(`"  ✖ variants[0].patch.sites.dgh.staff.nurse.count: 1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N) (in the patched scenario)"`);
  });

  test('a limit raised lets the scenario through', () => {
    const raised = parseLimit('staffPerRole=2_000_000');
    expect(raised).toEqual({ ok: true, name: 'staffPerRole', value: 2_000_000 });
    expect(over((d) => (d.sites[0].staff[0].count = 15_000), { staffPerRole: 20_000 })).toBe('');
    expect(parseLimit('beds=3')).toMatchObject({ ok: false, message: expect.stringMatching(/^unknown limit "beds" \(names: staffPerRole, staff, /) });
    expect(parseLimit('staff=0')).toMatchObject({ ok: false });
  });
});

describe('a replication that outgrows its budget', () => {
  test('names the replication, the day, the budget and the ward whose offered load exceeds its beds', () => {
    const d = smallScenario();
    d.classes[0].arrivals.perDay = 2000;
    d.time.horizonDays = 3650;
    const c = compileVariants(parsed(d), [], { ...defaultCostLimits, arrivals: 1e8 });
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const [base] = c.value;
    expect(() => runOne(base.model, 1, 3, false, { budget: { inSystem: 20_000, events: 1e9 }, loads: base.loads })).toThrow(
      /^replication 3 exceeded 20,000 patients in the system on day \d+: the model is unstable — ward "medical" at site "dgh" has an offered load of 120× its 10 beds; skill "treat" at site "dgh" has an offered load of 42× the 1 staff with it on duty on average; cubicles "cubicles" at site "dgh" has an offered load of 21× its 2 cubicles \(if the model is right, raise with --limit inSystem=N\)$/);
  });
});
