// Waiting-list ages on given days (waitingLists[].overWeeksAtDays): that day's census alone,
// overall and by class, against the exact expected share; the mistakes a user can make.
import { describe, expect, test } from 'vitest';
import { compileScenario, type HospitalModel } from '../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema, parseScenario } from '../../scenarios/schema/scenario.ts';
import { runReplication } from '../../runner/replicate.ts';
import { estimateKpi } from '../../runner/summary.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { kpiInfo } from '../../scenarios/kpis/catalogue.ts';

function compiled(doc: unknown): HospitalModel {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

// Referrals that are never booked (a case never fits a session): on day D the list holds
// the Poisson referrals of [0, 24 D] h, each referred uniformly in it, so the expected share
// over N weeks is max(0, 24 D − 168 N) / (24 D), for each class and overall.
const list = (extra: object = {}) => ({
  id: 'mri', site: 's', ward: 'w', theatres: ['th'],
  referrals: [{ class: 'urgent', perWeek: 10 }, { class: 'routine', perWeek: 30 }],
  plannedCase: { dist: 'deterministic', value: 100 }, stay: { dist: 'deterministic', value: 1 },
  overWeeks: [6, 18], overWeeksAtDays: [200, 100], ...extra,
});
const doc = (extra: object = {}): any => ({
  id: 'ages', title: 'ages', time: { horizonDays: 210, warmupDays: 70 },
  sites: [{ id: 's', wards: [{ id: 'w', beds: 20 }], theatres: [{ id: 'th', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }] }],
  classes: [{ id: 'urgent', site: 's', priority: 1 }, { id: 'routine', site: 's', priority: 4 }],
  waitingLists: [list(extra)],
});

describe('the share of the list over N weeks on a given day', () => {
  const runs: Record<string, number[]> = {};
  const h = compiled(doc());
  for (let k = 0; k < 20; k++) for (const [name, v] of Object.entries(runReplication(h, 1, k))) (runs[name] ??= []).push(v);
  const exact = (day: number, weeks: number) => Math.max(0, day * 24 - weeks * 168) / (day * 24);

  test('each snapshot covers max(0, t − N weeks)/t, overall and by class', () => {
    for (const d of [100, 200]) for (const w of [6, 18]) for (const scope of [`mri/${w}w/d${d}`, `mri/urgent/${w}w/d${d}`, `mri/routine/${w}w/d${d}`]) {
      const name = `list.over.onDay[${scope}]`;
      const e = estimateKpi(name, runs[name]);
      if (exact(d, w) === 0) expect(runs[name].every((x) => x === 0), name).toBe(true);
      else {
        expect(e.ciLow, `${name}: ${JSON.stringify(e)}`).toBeLessThanOrEqual(exact(d, w));
        expect(e.ciHigh, `${name}: ${JSON.stringify(e)}`).toBeGreaterThanOrEqual(exact(d, w));
      }
    }
    expect(Object.keys(runs).filter((n) => n.startsWith('list.over.onDay')).length).toBe(2 * 2 * 3);
    expect(kpiInfo('list.over.onDay[mri/6w/d100]')?.unit).toBe('fraction');
  });

  test('snapshots change nothing else', () => {
    const without = runReplication(compiled(doc({ overWeeksAtDays: undefined })), 1, 0);
    const k = runReplication(h, 1, 0);
    expect(Object.fromEntries(Object.entries(k).filter(([n]) => !n.startsWith('list.over.onDay')))).toEqual(without);
  });
});

describe('mistakes in overWeeksAtDays, each with its path', () => {
  const check = (extra: object) => {
    const r = parseScenario(doc(extra));
    return r.ok ? 'ok' : formatIssues(r.issues);
  };
  test('whole days of the measured window, each once, with overWeeks', () => {
    expect(check({ overWeeksAtDays: [70, 209] })).toBe('ok');
    expect(check({ overWeeksAtDays: [69, 210, 100.5] })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].overWeeksAtDays[0]: expected a day of the measured window, from warmupDays (70) to before horizonDays (210), got 69
        ✖ waitingLists[0].overWeeksAtDays[1]: expected a day of the measured window, from warmupDays (70) to before horizonDays (210), got 210
        ✖ waitingLists[0].overWeeksAtDays[2]: expected an integer, got 100.5"
    `);
    expect(check({ overWeeksAtDays: [100, 100] })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].overWeeksAtDays: expected each day once"`);
    expect(check({ overWeeks: undefined })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].overWeeksAtDays: give overWeeks: the thresholds whose shares are reported on these days"`);
  });
});
