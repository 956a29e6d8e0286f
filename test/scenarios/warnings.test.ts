// The run document's warnings: an overloaded resource found by arithmetic, a queue still
// growing and a backlog still falling (trend across replications), a run too short for its
// lengths of stay, too few replications; and none where the model is sound.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../scenarios/load.ts';
import { compileVariants } from '../../runner/replicate.ts';
import { runVariants } from '../../runner/summary.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { offeredLoad } from '../../scenarios/warnings/offered-load.ts';
import { FAMILY_ALPHA, significantChange, thirds } from '../../scenarios/warnings/trends.ts';
import { stream } from '../../engine/core/random.ts';
import { estimate } from '../../engine/experiment/summary.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}.yaml`, import.meta.url).pathname;

function load(name: string): Scenario {
  const s = loadScenario(fixture(name));
  if (!s.ok) throw new Error(`fixture ${name}`);
  return s.value;
}

function run(s: Scenario, replications = s.time.replications, only?: string[]): RunResultDoc {
  const c = compileVariants(s, only);
  if (!c.ok) throw new Error('fixture does not compile');
  return runVariants(s, c.value, { replications, seed: s.time.seed });
}

const codes = (doc: RunResultDoc, variant: string | null) => doc.warnings.filter((w) => w.variant === variant).map((w) => `${w.code} ${w.subject}`);

describe('warnings in the run document', () => {
  test('overloaded on what is always open, with staff called in under pressure: a caution that says where to look, not a verdict', () => {
    const raw = structuredClone(load('overloaded-ed')) as any;
    raw.variants = [];
    // Two nurses called in when the cubicles are 90% full for an hour.
    raw.sites[0].wards[0].escalation = { staff: [{ role: 'nurse', count: 2 }], openAt: 0.9, forHours: 1, closeBelow: 0.5, closeForHours: 2 };
    const p = parseScenario(raw);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const w = run(p.value).warnings.find((x) => x.code === 'overloaded')!;
    expect(w).toMatchObject({ severity: 'caution', subject: 'dgh/skill:treat', limit: 2 });
    expect(w.message).toContain('not the staff that escalation calls in under pressure');
    expect(w.message).toContain('escalation.*');
    // Called in with another skill: no help to this one, so the verdict stands.
    raw.sites[0].staff.push({ role: 'porter', skills: ['carry'], count: 1 });
    raw.sites[0].wards[0].escalation.staff = [{ role: 'porter', count: 2 }];
    const q = parseScenario(raw);
    if (!q.ok) throw new Error(JSON.stringify(q.issues));
    expect(run(q.value).warnings.find((x) => x.code === 'overloaded')!.severity).toBe('serious');
  });

  test('a queue growing with a season (a surge in the last third): the warning says it may be the season itself', () => {
    const raw = parseScenario({ ...structuredClone(load('small-ed')), variants: [],
      // Four times the minors for ten days: about 20 more waiting in the last third (three times
      // gave under 2 more, too little to show beyond chance in 5 replications).
      seasons: { surge: { ranges: [{ fromDay: 24, toDay: 34, factor: 4 }] } } } as unknown);
    if (!raw.ok) throw new Error('fixture');
    const s = raw.value;
    const withSeason = parseScenario({ ...s, classes: s.classes.map((c) => (c.id === 'minors' ? { ...c, arrivals: { ...c.arrivals, season: 'surge' } } : c)) });
    if (!withSeason.ok) throw new Error('fixture with season');
    const growing = run(withSeason.value, 5).warnings.find((w) => w.code === 'growing' && w.subject === 'queue.length[dgh/cubicles]')!;
    expect(growing.message).toMatch(/this may be the season itself/);
    // The same queue without a season: no such words.
    expect(run(load('overloaded-ed')).warnings.find((w) => w.code === 'growing')!.message).not.toMatch(/season/);
  });

  test('an overloaded ED: offered load 2.5 nurses against 2 on duty, and its queue growing; not once a third nurse is on', () => {
    const doc = run(load('overloaded-ed'));
    const over = doc.warnings.find((w) => w.code === 'overloaded')!;
    expect(over).toMatchObject({ severity: 'serious', variant: 'baseline', subject: 'dgh/skill:treat', limit: 2 });
    expect(over.value).toBeCloseTo(2.5, 12); // 120 a day × 0.5 h ÷ 24 h
    expect(over.kpis).toContain('wait.mean[dgh/skill:treat]');
    // The ED class's pathway uses the skill: its four-hour share is marked too (without a
    // steady state it describes the run's length, however it is counted).
    expect(over.kpis).toEqual(expect.arrayContaining(['ed.4h[all]', 'ed.time.mean[minors]']));
    // And the class's time in system and counts treated, which measure the run's length too.
    expect(over.kpis).toEqual(expect.arrayContaining(['time.mean[minors]', 'time.p95[minors]', 'throughput[minors]', 'completed[minors]', 'throughput[all]']));
    expect(over.message).toMatchInlineSnapshot(`"skill "treat" at dgh: tasks keep 2.5 staff busy on average (arrivals × mean task time) and 2 with the skill are on duty, offered load 125% of capacity. No steady state exists: the queue grows for as long as the run lasts, so waits here measure the run's length."`);
    const growing = doc.warnings.find((w) => w.code === 'growing')!;
    expect(growing).toMatchObject({ severity: 'serious', variant: 'baseline', subject: 'queue.length[dgh/cubicles]' });
    expect(growing.kpis).toEqual(expect.arrayContaining(['wait.mean[dgh/cubicles]', 'ed.4h[all]', 'ed.time.mean[minors]']));
    expect(growing.value).toBeGreaterThan(100); // patients: the queue gains about 24 a day
    expect(growing.message).toMatch(/^queue\.length\[dgh\/cubicles\] rose over the measured period: [\d,.]+ patients waiting for dgh\/cubicles on average in days 14–20, [\d,.]+ in days 22–28 \(\+[\d,.]+, 97\.5% CI \+[\d,.]+ to \+[\d,.]+ over 5 replications, 97\.5% allowing for the 2 series tested in this run\)\. It may not have settled/);
    expect(codes(doc, 'more-nurses').filter((c) => /^(overloaded|growing)/.test(c))).toEqual([]);
    // Serious first.
    expect(doc.warnings.map((w) => w.severity)).toEqual([...doc.warnings.map((w) => w.severity)].sort((a, b) => (a === b ? 0 : a === 'serious' ? -1 : 1)));
  });

  test('a 24-week run of a ward with 30-day stays: too short, with the horizon it needs', () => {
    const doc = run(load('long-stays'));
    const short = doc.warnings.find((w) => w.code === 'short-run')!;
    expect(short).toMatchObject({ severity: 'caution', variant: 'baseline', subject: 'dgh/rehab', value: 154 });
    expect(short.limit).toBeCloseTo(300, 9); // 10 × 30 days
    expect(short.message).toMatchInlineSnapshot(`"the measured window is 154 days (horizon 168 − warm-up 14 days), 5.13 times the longest mean stay (30 days, class rehab on dgh/rehab). With fewer than 10 stays in the window, stays cut off at its ends bias waits, occupancy and lengths of stay: set horizonDays to at least 314."`);
    const long = structuredClone(load('long-stays'));
    long.time.horizonDays = 364;
    expect(run(long).warnings.filter((w) => w.code === 'short-run')).toEqual([]);
  });

  test('too few replications: one warning for the run', () => {
    const doc = run(load('long-stays'), 3);
    expect(doc.warnings.filter((w) => w.code === 'few-replications')).toEqual([expect.objectContaining({ variant: null, subject: 'long-stays', value: 3, limit: 5 })]);
  });

  test('a warning that holds for every option alike is said once, for the run', () => {
    const small = load('small-ed');
    const doc = run(small, 3);
    const short = doc.warnings.filter((w) => w.code === 'short-run');
    expect(short).toHaveLength(1);
    expect(short[0].variant).toBeNull();
  });

  test('no false alarm: the small ED run for a year with 10 replications is neither overloaded nor drifting', () => {
    const small = structuredClone(load('small-ed'));
    small.time.horizonDays = 364;
    small.time.warmupDays = 28;
    const doc = run(small, 10, []);
    expect(doc.warnings.filter((w) => ['overloaded', 'growing', 'falling', 'short-run', 'few-replications'].includes(w.code))).toEqual([]);
  });

  test('elective lists: one overbooked (theatre time and list growing), one clearing a backlog (still falling)', () => {
    const data = structuredClone(load('elective')) as Scenario;
    // South operates 45 h a week against 20 h of referrals: its backlog of 400 clears slowly.
    data.waitingLists[1].initialList = { patients: 400, oldestWeeks: 30 };
    const s = parseScenario(data);
    if (!s.ok) throw new Error('scenario');
    const doc = run(s.value, 5, []);
    expect(codes(doc, 'baseline')).toEqual(expect.arrayContaining(['overloaded north/th1', 'growing list.size[north-ortho]', 'falling list.size[south-ortho]']));
    const theatre = doc.warnings.find((w) => w.code === 'overloaded')!;
    expect(theatre.message).toMatch(/^theatre north\/th1: operations need 12 hours a week and the sessions give 8, offered load 150% of capacity/);
    expect(doc.warnings.find((w) => w.code === 'falling')!.message).toMatch(/ fell over the measured period: .* The backlog may not have settled by the end/);
  });
});

describe('offered load by arithmetic', () => {
  test('the medical ward of the small ED: 8 majors a day, 40% admitted for 4 days plus 30% × 2 days delayed = 14.7 beds, as the engine measures', () => {
    const small = structuredClone(load('small-ed'));
    small.time.horizonDays = 364;
    small.time.warmupDays = 28;
    const core = parseScenario(small);
    if (!core.ok) throw new Error('scenario');
    const ward = offeredLoad(core.value).demands.find((d) => d.members.includes('dgh/medical'))!;
    expect(ward.load).toBeCloseTo(8 * 0.4 * (4 + 0.3 * 2), 12);
    expect(ward.capacity).toBe(20);
    // Beds in use over the run: with 74% occupancy hardly anyone queues, so the beds kept busy are the offered load.
    const e = run(small, 10, []).variants[0].kpis['occupancy.mean[dgh/medical]'];
    expect(ward.load).toBeGreaterThanOrEqual(e.ciLow! * 20);
    expect(ward.load).toBeLessThanOrEqual(e.ciHigh! * 20);
  });

  test('stays per admission, and the theatre and list of an elective service', () => {
    const s = load('elective');
    const { demands, stays } = offeredLoad(s);
    expect(stays.find((x) => x.cls === 'north-routine')!.hours).toBeCloseTo(3 * 24 + 2, 12); // stay + the operation
    const north = demands.find((d) => d.members.includes('north/th1'))!;
    expect([north.kind, north.load * 168, north.capacity * 168]).toEqual(['theatre', 12, 8]);
  });
});

describe('trends', () => {
  test('thirds of the days measured after warm-up', () => {
    expect(thirds(29, 7)).toEqual({ middle: [14, 21], last: [22, 29] });
    expect(thirds(12, 7)).toBeUndefined(); // 5 days measured: too few
  });

  test('a change is reported only when its interval excludes 0 and it is material', () => {
    const t = (middle: number, last: number) => ({ middle, last });
    expect(significantChange([t(10, 20), t(12, 21), t(9, 19)])).toMatchObject({ direction: 'growing', change: 29 / 3 });
    expect(significantChange([t(100, 60), t(90, 55), t(110, 70)])).toMatchObject({ direction: 'falling' });
    expect(significantChange([t(10, 12), t(12, 9), t(9, 11)])).toBeUndefined(); // the interval covers 0
    expect(significantChange([t(1000, 1010), t(1000, 1011), t(1000, 1009)])).toBeUndefined(); // +1%: not material
    expect(significantChange([t(10, 20)])).toBeUndefined(); // one replication: no interval
  });
});

describe('offered load through the seasons', () => {
  // 4 admissions a day staying exactly 2 days: 8 beds of 10 on average, every day alike.
  const ward = (extra: { seasons?: object; arrivalSeason?: string; staySeason?: string; escalation?: object } = {}) => {
    const r = parseScenario({
      id: 'w', title: 'w', time: { horizonDays: 168, warmupDays: 0, replications: 2 },
      sites: [{ id: 's', wards: [{ id: 'w', beds: 10, ...(extra.escalation ? { escalation: extra.escalation } : {}) }], staff: [] }],
      classes: [{ id: 'med', site: 's', arrivals: { perDay: 4, ...(extra.arrivalSeason ? { season: extra.arrivalSeason } : {}) }, pathway: 'p' }],
      pathways: { p: [{ id: 'in', do: 'admit', ward: 'w' }, { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 2, unit: 'days' }, ...(extra.staySeason ? { season: extra.staySeason } : {}) }, { id: 'out', do: 'discharge' }] },
      ...(extra.seasons ? { seasons: extra.seasons } : {}),
    });
    if (!r.ok) throw new Error('scenario');
    return r.value;
  };
  const surge = { surge: { ranges: [{ fromDay: 56, toDay: 83, factor: 1.5 }] }, longer: { ranges: [{ fromDay: 56, toDay: 83, factor: 1.25 }] } };
  const beds = (s: Scenario) => offeredLoad(s).demands.find((d) => d.members.includes('s/w'))!;

  test('without seasons nothing changes: 8 beds, no busiest weeks', () => {
    expect(beds(ward())).toMatchObject({ load: 8, capacity: 10 });
    expect(beds(ward()).peak).toBeUndefined();
  });

  test('a surge of 1.5 for four weeks of 24: the mean is 8 × (1 + 0.5 × 4/24) beds, the busiest four weeks 12 against 10, exactly', () => {
    const d = beds(ward({ seasons: surge, arrivalSeason: 'surge' }));
    expect(d.load).toBeCloseTo(8 * (1 + 0.5 * 4 / 24), 12);
    expect(d.peak!.fromDay).toBe(56);
    expect(d.peak!.toDay).toBe(84);
    expect(d.peak!.load).toBeCloseTo(12, 12);
    expect(d.peak!.capacity).toBe(10);
  });

  test('stays 1.25 times as long over the same weeks multiply it again: 15 beds; escalation beds count as open in those weeks', () => {
    expect(beds(ward({ seasons: surge, arrivalSeason: 'surge', staySeason: 'longer' })).peak!.load).toBeCloseTo(15, 12);
    expect(beds(ward({ seasons: surge, arrivalSeason: 'surge', escalation: { beds: 6, openAt: 0.95, closeBelow: 0.85 } })).peak!.capacity).toBe(16);
  });

  test('the run document warns of the busiest weeks (a caution), not of the mean; none when escalation beds cover them', () => {
    const s = ward({ seasons: surge, arrivalSeason: 'surge' });
    const c = compileVariants(s, []);
    if (!c.ok) throw new Error('compile');
    const doc = runVariants(s, c.value, { replications: 2, seed: 1 });
    const w = doc.warnings.filter((x) => x.code === 'overloaded-season' || x.code === 'overloaded');
    expect(w.map((x) => [x.code, x.severity, x.subject])).toEqual([['overloaded-season', 'caution', 's/w']]);
    expect(w[0].value).toBeCloseTo(12, 12);
    expect(w[0].limit).toBe(10);
    expect(w[0].message).toMatchInlineSnapshot(`"s/w: in the busiest four weeks of the measured window, day 56 to day 83, the seasons raise the offered load to 120% of capacity (patients need 12 beds on average and 10 are open), though over the whole window it is 87%. The queue builds through that stretch and drains after it: waits and occupancy there are the surge's, and averages over the run mix it with quieter weeks."`);
    const covered = ward({ seasons: surge, arrivalSeason: 'surge', escalation: { beds: 6, openAt: 0.95, closeBelow: 0.85 } });
    const c2 = compileVariants(covered, []);
    if (!c2.ok) throw new Error('compile');
    expect(runVariants(covered, c2.value, { replications: 2, seed: 1 }).warnings.filter((x) => x.code.startsWith('overloaded'))).toEqual([]);
  });

  test('a list\'s referrals and stays under seasons: the same mean as without when the factors are 1, the busiest weeks named', () => {
    const s = load('elective');
    const flat = structuredClone(s) as any;
    flat.seasons = { one: { ranges: [{ fromDay: 0, toDay: 419, factor: 1 }] }, busy: { ranges: [{ fromDay: 200, toDay: 227, factor: 2 }] } };
    flat.waitingLists[0].referrals[0].season = 'one';
    flat.waitingLists[0].staySeason = 'one';
    const plain = offeredLoad(s).demands, seasonal = offeredLoad(flat).demands;
    for (const d of plain) expect(seasonal.find((x) => x.members.join() === d.members.join())!.load).toBeCloseTo(d.load, 12);
    flat.waitingLists[0].referrals[0].season = 'busy';
    const theatre = offeredLoad(flat).demands.find((d) => d.members.includes('north/th1'))!;
    expect(theatre.peak).toMatchObject({ fromDay: 200, toDay: 228 });
    expect(theatre.peak!.load * 168).toBeCloseTo(24, 9); // 6 a week × 2 h, doubled
  });
});

describe('overloaded where every line has a way out: a steady state, with patients turned away', () => {
  const kpi = (doc: RunResultDoc, name: string) => doc.variants[0].kpis[name];
  const covers = (e: { ciLow: number | null; ciHigh: number | null }, x: number) => e.ciLow! <= x && x <= e.ciHigh!;

  test('an M/M/10/15 ward at 150%: a caution that a third or more are diverted, and the run agrees with the chain, at two run lengths alike', () => {
    const s = load('capped-ward');
    const doc = run(s);
    const w = doc.warnings.filter((x) => x.code.startsWith('overloaded'));
    expect(w.map((x) => [x.code, x.severity, x.subject])).toEqual([['overloaded', 'caution', 'dgh/ward']]);
    expect(w[0].message).toMatchInlineSnapshot(`"dgh/ward: patients need 15 beds on average (arrivals × mean time held) and 10 are open, offered load 150% of capacity. A steady state exists all the same: every line for it has a way out, since a full line diverts patients (queueLimit), so the queue stays finite. But at least 33% of the care asked of it cannot be given: about that share of its patients, or more, are diverted (diverted). Its waits and occupancy are those of a resource full much of the time."`);
    expect(w[0].kpis).toEqual(expect.arrayContaining(['diverted[medical]', 'outcome.diverted[medical]', 'wait.mean[dgh/ward]']));
    expect(w[0].kpis.filter((n) => n.startsWith('time.'))).toEqual([]);
    expect(doc.warnings.filter((x) => x.code === 'growing')).toEqual([]);
    // M/M/10/15 by its birth–death chain: 34.18% diverted, 32.53 h mean wait of those admitted.
    expect(covers(kpi(doc, 'diverted[medical]'), 0.34177983942638257)).toBe(true);
    expect(covers(kpi(doc, 'wait.mean[dgh/ward]'), 32.53444508400546)).toBe(true);
    // Twice the run, the same waits: they do not measure the run's length.
    const longer = structuredClone(s);
    longer.time.horizonDays = 2000;
    const wait = kpi(run(longer), 'wait.mean[dgh/ward]');
    expect(covers(wait, 32.53444508400546)).toBe(true);
    expect(wait.ciLow! <= kpi(doc, 'wait.mean[dgh/ward]').ciHigh! && kpi(doc, 'wait.mean[dgh/ward]').ciLow! <= wait.ciHigh!).toBe(true);
  });

  test('the Erlang A reference (patience, at exactly 100%): a caution that patients leave unseen, not "no steady state"', () => {
    const r = loadScenario(new URL('../../scenarios/reference/ed-erlang-a.yaml', import.meta.url).pathname);
    if (!r.ok) throw new Error('reference');
    const s = structuredClone(r.value);
    s.time.horizonDays = 15;
    const w = run(s, 5).warnings.find((x) => x.code === 'overloaded')!;
    expect(w).toMatchObject({ severity: 'caution', subject: 'dgh/cubicles', value: 10, limit: 10 });
    expect(w.message).toContain('patients leave without being seen when their patience runs out');
    expect(w.message).toContain('a material share of its patients leave without being seen (left.unseen)');
    expect(w.message).not.toMatch(/No steady state/);
    expect(w.kpis).toEqual(expect.arrayContaining(['left.unseen[walk-in]', 'outcome.leftUnseen[all]']));
  });

  test('one line without a way out is enough for no steady state: another class on the ward uncapped, or staff waited for without patience', () => {
    const ward = (extra: object, second?: object) => {
      const r = parseScenario({
        id: 'w', title: 'w', time: { horizonDays: 100, warmupDays: 0, replications: 2 },
        sites: [{ id: 's', wards: [{ id: 'w', beds: 10 }, { id: 'c', beds: 2, kind: 'cubicle' }], staff: [{ role: 'nurse', skills: ['see'], count: 1 }] }],
        classes: [{ id: 'a', site: 's', arrivals: { perDay: 3 }, pathway: 'p' }, ...(second ? [{ id: 'b', site: 's', arrivals: { perDay: 1 }, pathway: 'q' }] : [])],
        pathways: {
          p: [{ id: 'in', do: 'admit', ward: 'w', queueLimit: 5, ...extra }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 4, unit: 'days' } }, { id: 'out', do: 'discharge' }],
          ...(second ? { q: second } : {}),
        },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return offeredLoad(r.value).demands;
    };
    const of = (ds: ReturnType<typeof ward>, id: string) => ds.find((d) => d.members.includes(id))!;
    expect(of(ward({}), 's/w')).toMatchObject({ load: 12, capacity: 10, users: ['a'], bounded: { exits: ['diverted'] } });
    // A second class waits for the same ward with no cap: its line grows for ever.
    const uncapped = ward({}, [{ id: 'in', do: 'admit', ward: 'w' }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 4, unit: 'days' } }, { id: 'out', do: 'discharge' }]);
    expect(of(uncapped, 's/w').users).toEqual(['a', 'b']);
    expect(of(uncapped, 's/w').bounded).toBeUndefined();
    // A cubicle task capped (queueLimit) but its nurse waited for without patience: the cubicles' line is finite, the nurse's is not.
    const task = ward({}, [{ id: 'see', do: 'task', place: 'c', skill: 'see', queueLimit: 2, duration: { dist: 'exponential', mean: 2, unit: 'hours' } }, { id: 'out', do: 'discharge' }]);
    expect(of(task, 's/c').bounded).toEqual({ exits: ['diverted'] });
    expect(of(task, 's/skill:see').bounded).toBeUndefined();
    // With patience both are: it covers the wait for the place and then for the nurse.
    const patient = ward({}, [{ id: 'see', do: 'task', place: 'c', skill: 'see', queueLimit: 2, patience: { dist: 'exponential', mean: 1, unit: 'hours' }, duration: { dist: 'exponential', mean: 2, unit: 'hours' } }, { id: 'out', do: 'discharge' }]);
    expect(of(patient, 's/c').bounded).toEqual({ exits: ['diverted', 'left unseen'] });
    expect(of(patient, 's/skill:see').bounded).toEqual({ exits: ['left unseen'] });
  });

  test('an uncapped M/M/10 at 120%: serious, naming the time in system and counts treated too; its waits grow with the run', () => {
    const s = load('overloaded-ward');
    const doc = run(s);
    const w = doc.warnings.find((x) => x.code === 'overloaded')!;
    expect(w).toMatchObject({ severity: 'serious', subject: 'dgh/ward', value: 12, limit: 10 });
    expect(w.message).toMatch(/No steady state exists/);
    expect(w.kpis).toEqual(expect.arrayContaining(['wait.mean[dgh/ward]', 'time.mean[medical]', 'time.p50[medical]', 'time.p90[medical]', 'time.p95[medical]',
      'throughput[medical]', 'completed[medical]', 'outcome.inSystem[medical]', 'completed[all]', 'ed.4h[all]']));
    // Twice the run, twice the waits or so: the intervals do not meet.
    const longer = structuredClone(s);
    longer.time.horizonDays = 400;
    expect(kpi(run(longer), 'wait.mean[dgh/ward]').ciLow!).toBeGreaterThan(kpi(doc, 'wait.mean[dgh/ward]').ciHigh!);
  });
});

describe('growing and falling: few false alarms, the overloaded still found', () => {
  // Synthetic runs: every series' change normal with mean 0 (a settled system) and a spread
  // that dwarfs the material margin, so only the family-wise level keeps the alarms rare.
  const normal = (rng: () => number) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const runsAlarmed = (runs: number, series: number, reps: number, tested: number) => {
    let alarmed = 0;
    for (let r = 0; r < runs; r++) {
      const rng = stream(7, r, 'settled');
      let any = false;
      for (let j = 0; j < series; j++) {
        const trends = Array.from({ length: reps }, () => ({ middle: 0, last: 1000 * normal(rng) }));
        if (significantChange(trends, tested)) any = true;
      }
      if (any) alarmed++;
    }
    return alarmed / runs;
  };

  test('a run testing 10 settled series: one interval each at 95% would alarm in about 40% of runs; at 1 − 5%/10 each in about 5% (Bonferroni\'s bound, within sampling error)', () => {
    expect(runsAlarmed(2000, 10, 20, 1)).toBeGreaterThan(0.3);
    expect(runsAlarmed(2000, 10, 20, 10)).toBeLessThanOrEqual(FAMILY_ALPHA + 0.01);
  });

  test('the interval must lie beyond one patient, not merely exclude 0', () => {
    const t = (middle: number, last: number) => ({ middle, last });
    // Rises of 1 to 3 patients on a level of 5: the interval lies beyond 1 patient.
    const near = [t(5, 6.5), t(5, 8), t(5, 6), t(5, 7.5), t(5, 7), t(5, 6.2), t(5, 7.8), t(5, 6)];
    const shown = significantChange(near)!;
    expect(shown).toMatchObject({ direction: 'growing', material: 1, level: 0.95 });
    expect(shown.lower).toBeGreaterThanOrEqual(1);
    // Half a patient less each: the mean (+1.375) is still over 1 patient and its 95% interval
    // excludes 0, which was enough before, but it reaches below 1 patient: not reported.
    const less = near.map((x) => t(x.middle, x.last - 0.5));
    const e = estimate(less.map((x) => x.last - x.middle));
    expect([e.mean >= 1, e.lower > 0, e.lower < 1]).toEqual([true, true, true]);
    expect(significantChange(less)).toBeUndefined();
    // A wider family widens the interval: a change shown with one series tested is not with 40.
    const some = [t(10, 14), t(10, 13), t(10, 15), t(10, 12.5), t(10, 14.5)];
    expect(significantChange(some, 1)).toMatchObject({ direction: 'growing', level: 0.95 });
    expect(significantChange(some, 40)).toBeUndefined();
  });

  // Seeds the 95% test once reported as changing (2 of 13 at 3,000 days without warm-up;
  // 1 growing and 1 falling of 36 at 1,500 days with 300 of warm-up): occupancy's interval
  // covers the 0.9 of theory in each, and none is reported now.
  test.each([
    { seed: 1, horizonDays: 3000, warmupDays: 0 }, { seed: 6, horizonDays: 3000, warmupDays: 0 },
    { seed: 22, horizonDays: 1500, warmupDays: 300 }, { seed: 26, horizonDays: 1500, warmupDays: 300 },
  ])('a settled M/M/10 at ρ = 0.9, seed $seed, $horizonDays days: no trend reported', ({ seed, horizonDays, warmupDays }) => {
    const s = structuredClone(load('settled-ward'));
    Object.assign(s.time, { seed, horizonDays, warmupDays });
    const doc = run(s);
    const occupancy = doc.variants[0].kpis['occupancy.mean[dgh/ward]'];
    expect(occupancy.ciLow!).toBeLessThanOrEqual(0.9);
    expect(occupancy.ciHigh!).toBeGreaterThanOrEqual(0.9);
    expect(doc.warnings.map((w) => w.code)).toEqual([]);
  });

  test('an overloaded M/M/10 at ρ = 1.2: its queue is reported rising, worded as evidence, the change material', () => {
    const g = run(load('overloaded-ward')).warnings.find((w) => w.code === 'growing')!;
    expect(g).toMatchObject({ severity: 'serious', subject: 'queue.length[dgh/ward]' });
    expect(g.value).toBeGreaterThan(g.limit);
    expect(g.message).toMatch(/^queue\.length\[dgh\/ward\] rose over the measured period: .*\(\+[\d.]+, 95% CI \+[\d.]+ to \+[\d.]+ over 10 replications\)\. It may not have settled/);
  });
});
