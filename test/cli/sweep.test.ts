// `pathflow sweep` as a user runs it (main(argv, io)): a library scenario shortened with
// --set, the same numbers whatever the worker count, common random numbers across points,
// and a clear message for every kind of bad input.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';
import { pathflow } from './in-process.ts';
import { SweepResultSchema } from '../../runner/experiment/results.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const library = `${root}scenarios/library/ed-skill-mix.yaml`;
const fixture = `${root}test/fixtures/small-ed.yaml`;

// Two weeks (four days of warm-up) of a busy ED: enough to see the beds matter, quick enough for a test.
const short = ['--set', 'time.horizonDays=14', '--set', 'time.warmupDays=4', '--reps', '3'];
const grid = ['--param', 'sites[dgh].wards[majors-cubicles].beds=16,24', '--param', 'costs.bedDay=300,600', '--kpi', 'ed.4h[all],arrivals[majors]', '--kpi', 'cost.total[all]'];

describe('pathflow sweep on a library scenario', () => {
  test('the same document on 1 and 2 workers; common random numbers across points', async () => {
    const one = await pathflow('sweep', library, ...grid, ...short, '--workers', '1', '--json');
    const two = await pathflow('sweep', library, ...grid, ...short, '--workers', '2', '--json');
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const doc = SweepResultSchema.parse(JSON.parse(one.stdout));
    expect(doc.points.map((p) => p.values)).toEqual([[16, 300], [16, 600], [24, 300], [24, 600]]);
    expect(doc.parameters[0]).toEqual({ name: 'sites[dgh].wards[majors-cubicles].beds', path: 'sites[0].wards[1].beds', values: [16, 24] });
    const [a, b, c, d] = doc.points.map((p) => p.kpis);
    // Same streams at every point: arrivals do not depend on beds or prices, to the last bit.
    for (const p of [b, c, d]) expect(p['arrivals[majors]']).toEqual(a['arrivals[majors]']);
    // The price of a bed-day changes the cost and nothing the patients see.
    expect(b['ed.4h[all]']).toEqual(a['ed.4h[all]']);
    expect(d['ed.4h[all]']).toEqual(c['ed.4h[all]']);
    expect(b['cost.total[all]'].mean!).toBeGreaterThan(a['cost.total[all]'].mean!);
    // More majors cubicles: more patients within four hours (the story of the parameter).
    expect(c['ed.4h[all]'].mean!).toBeGreaterThan(a['ed.4h[all]'].ciHigh!);
    // Differences from the first point, replication by replication: none where nothing changed, and
    // where the beds changed an interval narrower than independent runs would give, √(w₁² + w₂²)
    // (the noise the points share cancels).
    const diff = doc.points.map((p) => p.differences);
    // (Three replications: every interval is marked unreliable, as `run` marks them.)
    expect(diff[0]['ed.4h[all]']).toEqual({ mean: 0, ciLow: 0, ciHigh: 0, unreliable: 'only 3 replications (fewer than 5)' });
    expect(diff[1]['arrivals[majors]']).toMatchObject({ mean: 0, ciLow: 0, ciHigh: 0 });
    const beds = diff[2]['ed.4h[all]'];
    expect(beds.mean!).toBeCloseTo(c['ed.4h[all]'].mean! - a['ed.4h[all]'].mean!, 12);
    const width = (e: { ciLow: number | null; ciHigh: number | null }) => e.ciHigh! - e.ciLow!;
    expect(width(beds)).toBeLessThan(Math.hypot(width(a['ed.4h[all]']), width(c['ed.4h[all]'])));
  });

  test('the table and the CSV', async () => {
    const table = await pathflow('sweep', fixture, '--param', 'sites[dgh].wards[medical].beds=16..20:2', '--kpi', 'arrivals[majors]', '--reps', '2', '--workers', '1');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('A small emergency department — 3 points × 2 replications, seed 1, common random numbers');
    expect(lines[1]).toBe('sites[dgh].wards[medical].beds  arrivals[majors] (patients) mean [95% CI]');
    expect(lines.slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(['16', '18', '20']);
    const csv = await pathflow('sweep', fixture, '--param', 'sites[dgh].wards[medical].beds=16,20', '--kpi', 'arrivals[majors],ed.4h[all]', '--reps', '2', '--workers', '1', '--csv');
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('sites[dgh].wards[medical].beds,kpi,unit,better,mean,ciLow,ciHigh,difference,diffCiLow,diffCiHigh');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 4).join(','))).toEqual([
      '16,arrivals[majors],patients,neither', '16,ed.4h[all],fraction,higher', '20,arrivals[majors],patients,neither', '20,ed.4h[all],fraction,higher',
    ]);
  });
});

describe('pathflow sweep: bad input', () => {
  const run = (...args: string[]) => pathflow('sweep', fixture, '--reps', '2', '--workers', '1', ...args);

  test('an unknown path names it and what exists there, exit 1', async () => {
    expect(await run('--param', 'sites[9].wards[0].beds=1..2', '--kpi', 'arrivals[majors]')).toEqual({ code: 1, stdout: '', stderr: 'pathflow sweep: sites[9]: no such entry; sites has 1 ([0] dgh)\n' });
    expect(await run('--param', 'sites[0].wardz=1..2', '--kpi', 'arrivals[majors]')).toEqual({ code: 1, stdout: '', stderr: 'pathflow sweep: sites[0].wardz: no field "wardz" in sites[0] (fields: id, wards, theatres, staff, allocation)\n' });
    expect((await run('--param', 'sites[dgh].wards[icu].beds=1..2', '--kpi', 'arrivals[majors]')).stderr).toBe('pathflow sweep: sites[0].wards[icu]: no entry with id "icu"; sites[0].wards has 2 ([0] cubicles, [1] medical)\n');
  });

  test('a value that makes the scenario invalid: the point and the path, exit 1, nothing run', async () => {
    const r = await run('--param', 'sites[dgh].wards[medical].beds=0..2', '--kpi', 'arrivals[majors]');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatchInlineSnapshot(`
      "pathflow sweep: 1 of 3 points give an invalid scenario:
      at sites[dgh].wards[medical].beds=0 the scenario is invalid:
        ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0
      "
    `);
  });

  test('an unknown KPI lists the KPIs that exist, exit 1', async () => {
    const r = await run('--param', 'sites[dgh].wards[medical].beds=16', '--kpi', 'ed.fourHour[all]');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pathflow sweep: unknown KPI "ed\.fourHour\[all\]"; this scenario reports:\n/);
    expect(r.stderr).toContain('\n    ed.4h[minors | majors | all]\n');
    expect(r.stderr).toContain('\n    wait.mean[dgh/cubicles | dgh/medical | dgh/skill:treat-minor | dgh/skill:assess]\n');
  });

  test('a KPI whose metric exists but whose scope never appears is unknown once the results are in', async () => {
    // wait.mean is reported per pool, some only once someone waits there, so the name is checked again on the results.
    const r = await run('--param', 'sites[dgh].wards[medical].beds=16', '--kpi', 'wait.mean[dgh/skill:triage]');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pathflow sweep: unknown KPI "wait\.mean\[dgh\/skill:triage\]"; this scenario reports:\n/);
  });

  test('usage errors exit 2 with the usage text', async () => {
    const noParam = await run('--kpi', 'arrivals[majors]');
    expect(noParam.code).toBe(2);
    expect(noParam.stderr).toMatch(/^pathflow: sweep: which parameter\? \(--param PATH=LO\.\.HI:STEP or PATH=a,b,c\)\n\nusage:/);
    expect((await run('--param', 'time.seed=1', '--kpi', 'arrivals[majors]', '--bogus')).stderr).toMatch(/^pathflow: sweep: unknown option "--bogus"/);
    expect((await run('--param', 'time.seed=1', '--kpi', 'arrivals[majors]', '--variant', 'nope')).stderr).toBe('pathflow sweep: unknown variant "nope" (known: baseline, more-acps, fewer-beds)\n');
  });
});

test('--variant: the sweep starts from the variant, and its parameters address the patched scenario', async () => {
  const base = await pathflow('sweep', fixture, '--param', 'sites[dgh].staff[acp].count=1', '--kpi', 'staff.utilisation[dgh/acp]', '--reps', '2', '--workers', '1', '--json');
  const variant = await pathflow('sweep', fixture, '--variant', 'fewer-beds', '--param', 'sites[dgh].staff[acp].count=1', '--kpi', 'occupancy.mean[dgh/medical]', '--reps', '2', '--workers', '1', '--json');
  const beds = await pathflow('sweep', fixture, '--param', 'sites[dgh].wards[medical].beds=16', '--kpi', 'occupancy.mean[dgh/medical]', '--reps', '2', '--workers', '1', '--json');
  expect([base.code, variant.code, beds.code]).toEqual([0, 0, 0]);
  // The variant "fewer-beds" is the baseline with 16 medical beds: the same numbers as setting them.
  expect(JSON.parse(variant.stdout).points[0].kpis).toEqual(JSON.parse(beds.stdout).points[0].kpis);
});
