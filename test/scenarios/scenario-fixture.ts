// Scenarios for tests to edit, and the two things a test does with an edited one: check
// it (every problem with its path) or run one replication of it.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';

/** A scenario of test/fixtures/ (by file name, without .yaml) as a plain object to edit. */
export function yamlFixture(name: string): any {
  return parseYaml(readFileSync(new URL(`../fixtures/${name}.yaml`, import.meta.url), 'utf8'));
}

/** The scenario `base()` after `edit`, checked: "ok", or every problem with its path as `pathflow check` prints them. */
export function checkEdited(base: () => any, edit: (s: any) => void): string {
  const s = base();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

/** The scenario `base()` after `edit`, compiled and run once (seed 1, replication 0): its KPIs. */
export function runEdited(base: () => any, edit: (s: any) => void): Record<string, number> {
  const s = base();
  edit(s);
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const c = compileScenario(parsed.value);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  return runReplication(c.value, 1, 0);
}

/** A small valid scenario: one site, a cubicle area, a ward, a theatre, two roles, an ED class and an elective class. */
export function smallScenario(): any {
  return {
    id: 'tiny',
    title: 'tiny',
    time: { horizonDays: 14, warmupDays: 0, replications: 2, seed: 1 },
    sites: [{
      id: 'dgh',
      wards: [
        { id: 'cubicles', beds: 2, kind: 'cubicle' },
        { id: 'medical', beds: 10 },
        { id: 'hub', beds: 4, ringFencedFor: ['hip'] },
      ],
      theatres: [{ id: 'th1', sessions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }] }],
      staff: [
        { role: 'nurse', skills: ['treat'], hourlyCost: 30, count: 1 },
        { role: 'surgeon', skills: ['operate'], hourlyCost: 100, shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00', count: 1 }] },
      ],
    }],
    classes: [
      { id: 'ed', site: 'dgh', arrivals: { perDay: 10 }, pathway: 'ed', ed: true },
      { id: 'hip', site: 'dgh', arrivals: { perWeek: 5 }, pathway: 'hip' },
    ],
    pathways: {
      ed: [
        { id: 'see', do: 'task', skill: 'treat', place: 'cubicles', keepPlace: true, duration: { dist: 'exponential', mean: 30, unit: 'minutes' } },
        { id: 'decide', do: 'branch', options: [{ to: 'admit', probability: 0.2 }, { to: 'home', probability: 0.8 }] },
        { id: 'admit', do: 'admit', ward: 'medical' },
        { id: 'stay', do: 'stay', duration: { dist: 'lognormal', mean: 3, sd: 2, unit: 'days' } },
        { id: 'home', do: 'discharge' },
      ],
      hip: [
        { id: 'admit', do: 'admit', ward: 'hub' },
        { id: 'op', do: 'operate', skill: 'operate', duration: { dist: 'deterministic', value: 2 } },
        { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 3, unit: 'days' } },
        { id: 'home', do: 'discharge' },
      ],
    },
    costs: { bedDay: 400, theatreHour: 1000, tariff: { ed: 150, hip: 6000 } },
    variants: [{ id: 'more-beds', name: 'more beds', patch: { sites: { dgh: { wards: { medical: { beds: 12 } } } } } }],
  };
}
