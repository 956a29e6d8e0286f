// The scenario library (scenarios/library/*.yaml): every file is a valid scenario whose
// baseline and variants compile and run, and the stories its README tells show in the
// numbers, as paired differences under common random numbers (replication k of every
// variant uses the same random streams, so the 95% interval of the per-replication
// differences is what decides "fewer" or "more").
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadScenario } from '../../scenarios/load.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { ScenarioCoreSchema, variantScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { applyVariant } from '../../scenarios/variants.ts';
import { compileScenario, type HospitalModel } from '../../scenarios/compile/compile.ts';
import { compileVariants, runReplication } from '../../runner/replicate.ts';
import { pairedDifference, type Estimate } from '../../engine/experiment/summary.ts';

const dir = fileURLToPath(new URL('../../scenarios/library/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function load(file: string): Scenario {
  const r = loadScenario(join(dir, file));
  if (!r.ok) throw new Error(`${file} is invalid:\n${formatIssues(r.issues)}`);
  return r.value;
}

function compiled(s: ReturnType<typeof variantScenario>, what: string): HospitalModel {
  const c = compileScenario(s);
  if (!c.ok) throw new Error(`${what} does not compile:\n${formatIssues(c.issues)}`);
  return c.value;
}

describe('every library scenario', () => {
  test('the library has the five scenarios of issue 4', () => {
    expect(files).toEqual(expect.arrayContaining(['surgical-hub.yaml', 'mutual-aid.yaml', 'ed-skill-mix.yaml', 'discharge-to-assess.yaml', 'teaching-clinic.yaml']));
  });

  test.each(files)('%s: passes the schema, compiles (baseline and each variant) and runs a short replication', (file) => {
    // A copy: the loaded scenario keeps its variants as parsed, which would ignore the
    // shorter horizon set below (and run region.yaml's year of a million ED attendances).
    const s = structuredClone(load(file));
    expect(s.variants.length).toBeGreaterThanOrEqual(2);
    for (const v of s.variants) expect(v.description, `${file}: variant ${v.id} has a description`).toBeTruthy();
    expect(s.sources.length).toBeGreaterThan(0);
    expect(s.assumptions.length).toBeGreaterThan(0);
    // A short run (a week after a day's warm-up) is enough to show nothing throws; the
    // stories below run the real lengths.
    s.time.warmupDays = 1;
    s.time.horizonDays = 8;
    const runs: [string, HospitalModel][] = [
      ['baseline', compiled(ScenarioCoreSchema.parse(applyVariant(s as unknown as Record<string, unknown>, {})), `${file} (baseline)`)],
      ...s.variants.map((v): [string, HospitalModel] => [v.id, compiled(variantScenario(s, v.id), `${file} (variant ${v.id})`)]),
    ];
    for (const [id, model] of runs) {
      const kpis = runReplication(model, s.time.seed, 0);
      expect(Object.keys(kpis).length, `${file} (${id}) reports KPIs`).toBeGreaterThan(0);
    }
  });
});

/** Per-replication KPIs of the baseline and the named variants, replication k of each with the same streams. */
function replicate(s: Scenario, variants: string[], replications: number): Map<string, Record<string, number>[]> {
  const c = compileVariants(s, variants);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  return new Map(c.value.map((v) => [v.id, Array.from({ length: replications }, (_, k) => runReplication(v.model, s.time.seed, k))]));
}

/** Paired 95% interval of variant − baseline for one KPI. */
function delta(runs: Map<string, Record<string, number>[]>, variant: string, kpi: string): Estimate {
  const column = (id: string) => runs.get(id)!.map((r) => {
    if (!(kpi in r)) throw new Error(`no KPI "${kpi}" in ${id} (have: ${Object.keys(r).join(', ')})`);
    return r[kpi];
  });
  return pairedDifference(column('baseline'), column(variant)).difference;
}

describe('surgical-hub.yaml: the hub cuts on-the-day cancellations and raises elective throughput', () => {
  // The file's own horizon (4-week warm-up, two years measured) and 10 replications:
  // about 3 s; the differences are several half-widths from zero.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('surgical-hub.yaml'), ['hub', 'hub-high-volume'], 10); });

  test.each(['hub', 'hub-high-volume'])('%s: fewer cancellations, more operations a week, shorter referral to treatment', (variant) => {
    const cancelled = delta(runs, variant, 'elective.cancelled[joints]');
    const operated = delta(runs, variant, 'elective.operated[joints]');
    const rtt = delta(runs, variant, 'elective.rtt.mean[joints]');
    expect(cancelled.upper).toBeLessThan(0);
    expect(operated.lower).toBeGreaterThan(0);
    expect(rtt.upper).toBeLessThan(0);
  });

  test('the hub costs more a week; high-volume lists with shorter stays cost less than the hub', () => {
    expect(delta(runs, 'hub', 'cost.total[all]').lower).toBeGreaterThan(0);
    const hv = runs.get('hub-high-volume')!, hub = runs.get('hub')!;
    expect(pairedDifference(hub.map((r) => r['cost.total[all]']), hv.map((r) => r['cost.total[all]'])).difference.upper).toBeLessThan(0);
  });
});

describe('mutual-aid.yaml: mutual aid narrows the spread of waits between trusts', () => {
  // The file's own four years (North's waits pass 40 weeks only in the third year, so the
  // horizon is not shortened), with 5 replications instead of the file's 6: about 6 s.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('mutual-aid.yaml'), ['aid-40w', 'aid-26w'], 5); });

  test.each(['aid-40w', 'aid-26w'])('%s: a smaller gap between the trusts, fewer 52-week waiters at North, a modest number of transfers', (variant) => {
    expect(delta(runs, variant, 'elective.rtt.spread[all]').upper).toBeLessThan(0);
    expect(delta(runs, variant, 'list.over52w[north]').upper).toBeLessThan(0);
    for (const r of runs.get(variant)!) {
      expect(r['mutualAid.transfers[region]']).toBeGreaterThan(0);
      expect(r['mutualAid.transfers[region]']).toBeLessThanOrEqual(5); // the weekly cap
    }
  });

  test('offering at 26 weeks narrows the gap more than at 40 weeks', () => {
    const at40 = runs.get('aid-40w')!.map((r) => r['elective.rtt.spread[all]']);
    const at26 = runs.get('aid-26w')!.map((r) => r['elective.rtt.spread[all]']);
    expect(pairedDifference(at40, at26).difference.upper).toBeLessThan(0);
  });
});

describe('diagnostics-dm01.yaml: weekend lists and text reminders against the six-week standard', () => {
  // The file's own year and 10 replications: about 5 s.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('diagnostics-dm01.yaml'), ['weekend-sessions', 'text-reminders', 'weekend-and-reminders', 'weekend-initiative'], 10); });

  test('weekend lists scan more a week and cut the share of the list over six weeks and the wait; they cost more', () => {
    expect(delta(runs, 'weekend-sessions', 'scans[mri]').lower).toBeGreaterThan(30);
    expect(delta(runs, 'weekend-sessions', 'list.over[mri/6w]').upper).toBeLessThan(-0.2);
    expect(delta(runs, 'weekend-sessions', 'measure.within[referral-to-test]').lower).toBeGreaterThan(0.5);
    expect(delta(runs, 'weekend-sessions', 'cost.staff[all]').lower).toBeGreaterThan(0);
  });

  test('text reminders halve DNAs and fill more slots, but alone leave the list far over the standard', () => {
    expect(delta(runs, 'text-reminders', 'dna.share[mri]').upper).toBeLessThan(-0.03);
    expect(delta(runs, 'text-reminders', 'scans[mri]').lower).toBeGreaterThan(0);
    expect(delta(runs, 'text-reminders', 'list.over[mri/6w]').upper).toBeLessThan(0);
    for (const r of runs.get('text-reminders')!) expect(r['list.over[mri/6w]']).toBeGreaterThan(0.1);
  });

  test('urgent patients are booked first: their wait is the booking notice, whatever the option', () => {
    for (const [, rs] of runs) for (const r of rs) expect(r['referral.wait.mean[mri/mri-urgent]']).toBeLessThan(3);
  });

  test('weekend lists run only while the list is long open once and never stop: the scanners alone cannot keep up', () => {
    const weeks = 364 / 7; // the file's year, no warm-up
    for (const r of runs.get('weekend-initiative')!) {
      expect(r['extraSessions.openings[mri]'] * weeks).toBeCloseTo(1, 6);
      expect(r['extraSessions.run[mri]']).toBeGreaterThan(1.5);
      expect(r['extraSessions.run[mri]']).toBeLessThan(2);
      // The premium is £70 an hour of the 10-hour sessions run.
      expect(r['cost.extraSessions[mri]']).toBeCloseTo(70 * 10 * r['extraSessions.run[mri]'], 6);
    }
  });

  test('started three weeks late, they do less than permanent weekend lists for a little less money', () => {
    expect(delta(runs, 'weekend-initiative', 'measure.within[referral-to-test]').lower).toBeGreaterThan(0.3);
    expect(delta(runs, 'weekend-initiative', 'measure.within[referral-to-test]').upper).toBeLessThan(delta(runs, 'weekend-sessions', 'measure.within[referral-to-test]').lower);
    expect(delta(runs, 'weekend-initiative', 'list.over[mri/6w]').lower).toBeGreaterThan(delta(runs, 'weekend-sessions', 'list.over[mri/6w]').upper);
    expect(delta(runs, 'weekend-initiative', 'cost.total[all]').upper).toBeLessThan(delta(runs, 'weekend-sessions', 'cost.total[all]').lower);
  });

  test("together they bring the year's mean share over six weeks under the 1% of DM01; neither alone does", () => {
    const mean = (id: string) => runs.get(id)!.reduce((a, r) => a + r['list.over[mri/6w]'], 0) / 10;
    expect(mean('weekend-and-reminders')).toBeLessThan(0.01);
    expect(mean('weekend-sessions')).toBeGreaterThan(0.01);
    expect(mean('text-reminders')).toBeGreaterThan(0.01);
  });
});

describe('sources cited by the library', () => {
  test('every "nhs-facts §N" a scenario cites is a section of docs/sources.md', async () => {
    const { readFileSync } = await import('node:fs');
    const sheet = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');
    const sections = new Set([...sheet.matchAll(/^## (\d+)\. /gm)].map((m) => m[1]));
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/nhs-facts §(\d+)/g)) expect(sections.has(m[1]), `${file} cites nhs-facts §${m[1]}`).toBe(true);
    }
  });
});

describe('hyperacute-stroke.yaml: a second CT scanner or direct to CT, against door to needle', () => {
  // The file's own 26 weeks and 20 replications: about 2 s.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('hyperacute-stroke.yaml'), ['second-ct', 'direct-to-ct'], 20); });

  test.each(['second-ct', 'direct-to-ct'])('%s: more patients thrombolysed within 60 minutes of arrival, sooner, and a few more treated in the window', (variant) => {
    expect(delta(runs, variant, 'measure.within[door-to-needle]').lower).toBeGreaterThan(0.04);
    expect(delta(runs, variant, 'measure.p50[door-to-needle]').upper).toBeLessThan(0);
    expect(delta(runs, variant, 'measure.within[door-to-ct]').lower).toBeGreaterThan(0.1);
    expect(delta(runs, variant, 'measure.count[door-to-needle]').lower).toBeGreaterThan(0);
  });

  test('the second scanner also shortens every other CT wait and costs a radiographer; direct to CT changes no one else\'s wait and costs nothing', () => {
    expect(delta(runs, 'second-ct', 'measure.mean[ct-wait/inpatient-ct]').upper).toBeLessThan(-1);
    expect(delta(runs, 'second-ct', 'cost.staff[all]').lower).toBeGreaterThan(0);
    const others = delta(runs, 'direct-to-ct', 'measure.mean[ct-wait/ed-ct]');
    expect(Math.max(Math.abs(others.lower), Math.abs(others.upper))).toBeLessThan(0.01);
    expect(delta(runs, 'direct-to-ct', 'cost.staff[all]').upper).toBe(0);
  });

  test('about one stroke patient in five is thrombolysed: the onset window and eligibility decide who', () => {
    for (const r of runs.get('baseline')!) {
      const share = r['measure.count[door-to-needle]'] / (r['arrivals[stroke]'] / 26);
      expect(share).toBeGreaterThan(0.12);
      expect(share).toBeLessThan(0.26);
    }
  });
});

describe('ed-skill-mix.yaml: two doctors called in when majors is full, against two more on the roster', () => {
  // The file's own eight weeks and 12 replications of the two options: about 3 s.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('ed-skill-mix.yaml'), ['more-doctors', 'doctors-on-call'], 12); });

  test('they are on duty exactly while the escalation is open, paid only then, outside the roster\'s cost', () => {
    for (const r of runs.get('doctors-on-call')!) {
      expect(r['escalation.staffHours[dgh/majors-cubicles]']).toBeCloseTo(2 * r['escalation.hoursOpen[dgh/majors-cubicles]'], 6);
      expect(r['cost.escalation[all]']).toBeCloseTo(100 * r['escalation.staffHours[dgh/majors-cubicles]'], 6);
      expect(r['escalation.hoursOpen[dgh/majors-cubicles]']).toBeGreaterThan(0);
      expect(r['escalation.hoursOpen[dgh/majors-cubicles]']).toBeLessThan(168);
    }
    const d = delta(runs, 'doctors-on-call', 'cost.staff[all]');
    expect([d.lower, d.upper]).toEqual([0, 0]);
  });

  test('called in when majors is full, they raise the four-hour share more than two rostered doctors, and cost more', () => {
    const onCall = delta(runs, 'doctors-on-call', 'ed.4h[all]'), roster = delta(runs, 'more-doctors', 'ed.4h[all]');
    expect(onCall.lower).toBeGreaterThan(roster.upper);
    expect(delta(runs, 'doctors-on-call', 'ed.4h[majors]').lower).toBeGreaterThan(delta(runs, 'more-doctors', 'ed.4h[majors]').upper);
    expect(delta(runs, 'doctors-on-call', 'cost.total[all]').lower).toBeGreaterThan(delta(runs, 'more-doctors', 'cost.total[all]').upper);
  });
});

describe('winter-dgh.yaml: escalation beds, outliers and cancelled electives through a winter; a ring-fenced elective ward', () => {
  // The file's own winter (4 October to 31 March) and 10 replications: about 3 s.
  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => { runs = replicate(load('winter-dgh.yaml'), ['ring-fenced-elective', 'no-escalation'], 10); });

  test('the escalation beds are open much of the winter, at a cost, and open a handful of times (hysteresis keeps them open)', () => {
    for (const r of runs.get('baseline')!) {
      expect(r['escalation.hoursOpen[dgh/medical]']).toBeGreaterThan(40);
      expect(r['escalation.openings[dgh/medical]'] * 21.6).toBeLessThan(10); // openings in the 21.6 measured weeks
      expect(r['cost.escalation[all]']).toBeCloseTo(r['escalation.bedHoursOpen[dgh/medical]'] * 15, 6);
    }
  });

  test('without them: more medical outliers on the surgical ward, more electives cancelled for want of a bed, worse four-hour performance', () => {
    expect(delta(runs, 'no-escalation', 'outliers.placed[dgh/surgical]').lower).toBeGreaterThan(0);
    expect(delta(runs, 'no-escalation', 'elective.cancelled.noBed[general-surgery]').lower).toBeGreaterThan(0);
    expect(delta(runs, 'no-escalation', 'ed.4h[all]').upper).toBeLessThan(0);
    expect(delta(runs, 'no-escalation', 'cost.total[all]').upper).toBeLessThan(0);
  });

  test('the ring-fenced elective ward protects the elective programme, and emergency surgery pays for it in the emergency department', () => {
    expect(delta(runs, 'ring-fenced-elective', 'elective.cancelled.noBed[general-surgery]').upper).toBeLessThan(0);
    expect(delta(runs, 'ring-fenced-elective', 'elective.operated[general-surgery]').lower).toBeGreaterThan(0);
    expect(delta(runs, 'ring-fenced-elective', 'ed.4h[surgical]').upper).toBeLessThan(-0.1);
  });
});

describe('region.yaml: transfers to the hubs and mutual aid narrow the gap between sites and cut the large trusts\' 52-week waits', () => {
  // The file's eight EDs see a million attendances a year (about half a minute a
  // replication-year here); the lists have elective wards of their own, so their story is
  // the same without the EDs (checked first, on a week). The story's runs leave the ED
  // classes out, measure 13 weeks after the file's 4-week warm-up instead of a year, and
  // run 3 replications of the two single policies: about 6 s.
  const scenario = () => structuredClone(load('region.yaml'));
  const withoutEds = (s: Scenario) => ({ ...s, classes: s.classes.filter((c) => !c.ed) });

  test('the waiting lists\' figures are the same with and without the EDs', () => {
    const s = scenario();
    s.time.warmupDays = 1;
    s.time.horizonDays = 8;
    const run = (x: Scenario) => {
      const c = compileVariants(x, ['both']);
      if (!c.ok) throw new Error(formatIssues(c.issues));
      return runReplication(c.value.find((v) => v.id === 'both')!.model, x.time.seed, 0);
    };
    const all = run(s), lists = run(withoutEds(s));
    const names = Object.keys(lists).filter((k) => /^(list|elective|mutualAid)\./.test(k));
    expect(names.length).toBeGreaterThan(50);
    for (const k of names) expect(lists[k], k).toBe(all[k]);
    expect(all['ed.4h[all]']).toBeGreaterThan(0);
  });

  let runs: Map<string, Record<string, number>[]>;
  beforeAll(() => {
    const s = withoutEds(scenario());
    s.time.horizonDays = s.time.warmupDays + 91;
    runs = replicate(s, ['aid-40w', 'hubs-26w'], 3);
  });

  test.each(['aid-40w', 'hubs-26w'])('%s: a smaller gap in waits between sites, fewer 52-week waiters at the large trusts, transfers at the weekly cap', (variant) => {
    expect(delta(runs, variant, 'elective.rtt.spread[all]').upper).toBeLessThan(0);
    for (const site of ['city', 'northgate', 'eastshore']) expect(delta(runs, variant, `list.over52w[${site}]`).upper).toBeLessThan(0);
    const cap = variant === 'aid-40w' ? 40 : 60;
    for (const r of runs.get(variant)!) expect(r[`mutualAid.transfers[${variant === 'aid-40w' ? 'region' : 'to-hubs'}]`]).toBeCloseTo(cap, 6);
  });

  test('the hubs take the long waiters: their lists grow and their own share within 18 weeks falls', () => {
    for (const hub of ['hub-west', 'hub-east']) {
      expect(delta(runs, 'hubs-26w', `list.size[${hub}]`).lower).toBeGreaterThan(0);
      expect(delta(runs, 'hubs-26w', `list.within18w[${hub}]`).upper).toBeLessThan(0);
    }
  });
});
