// Rules across the scenario for its measures (measure.ts): the pathway, steps, classes and
// resource they name exist, a step's moment applies to its kind, and each measure is one
// of an interval (from and to) or a wait (wait). Defensive like references.ts: run over
// what could be read of a rejected document, fields may be undefined.
import type { z } from 'zod';
import type { ScenarioCoreSchema } from './scenario.ts';
import type { Point } from './measure.ts';
import type { Report } from './references.ts';
import { didYouMean } from '../suggest.ts';

type Core = z.output<typeof ScenarioCoreSchema>;

const list = (xs: readonly string[]) => [...new Set(xs)].join(', ') || 'none';
const known = (id: string, ids: readonly string[], label = 'known') => {
  const hint = didYouMean(String(id), ids);
  return `${hint ? `: ${hint}` : ''} (${label}: ${list(ids)})`;
};

/** Step kinds with a moment when work starts, and when it ends (others: only "reached"). */
const STARTS = new Set(['task', 'admit', 'operate', 'stay']);
const FINISHES = new Set(['task', 'admit', 'operate', 'stay']);

export function checkMeasures(s: Core, report: Report): void {
  const measures = s.measures ?? [];
  const seen = new Set<string>();
  const classIds = s.classes.map((c) => c.id);
  const pathwayIds = Object.keys(s.pathways ?? {});
  measures.forEach((m, mi) => {
    if (!m) return;
    const at: PropertyKey[] = ['measures', mi];
    if (typeof m.id === 'string') {
      if (seen.has(m.id)) report([...at, 'id'], `measure "${m.id}" is defined twice`);
      seen.add(m.id);
    }
    const interval = m.from !== undefined || m.to !== undefined;
    if (interval && m.wait !== undefined) return void report(at, `measure "${m.id}": give either from and to (an interval) or wait (every wait for a resource), not both`);
    if (!interval && m.wait === undefined) return void report(at, `measure "${m.id}": give from and to (an interval) or wait (every wait for a resource)`);
    if (interval) {
      if (m.from === undefined) return void report([...at, 'from'], `measure "${m.id}" has a "to" but no "from"`);
      if (m.to === undefined) return void report([...at, 'to'], `measure "${m.id}" has a "from" but no "to"`);
      if (JSON.stringify(m.from) === JSON.stringify(m.to)) report([...at, 'to'], `measure "${m.id}": "to" is the same point as "from"`);
      if (m.from === 'departure') report([...at, 'from'], `measure "${m.id}": an interval cannot start at departure`);
      if (m.to === 'arrival') report([...at, 'to'], `measure "${m.id}": an interval cannot end at arrival`);
    }
    if (m.list !== undefined) return checkListMeasure(s, m, at, report);
    for (const field of ['from', 'to'] as const) {
      if (m[field] === 'referral' || m[field] === 'treatment') report([...at, field], `measure "${m.id}": "${m[field]}" is a point of a waiting list: give the list (list: <id>)`);
    }
    if (m.pathway !== undefined && !pathwayIds.includes(m.pathway)) {
      return void report([...at, 'pathway'], `unknown pathway "${m.pathway}"${known(m.pathway, pathwayIds)}`, [['pathways']]);
    }
    const steps = m.pathway !== undefined ? s.pathways[m.pathway] : undefined;
    const point = (p: Point | undefined, field: 'from' | 'to') => {
      if (p === undefined || typeof p === 'string') return;
      if (!steps) return void report([...at, 'pathway'], `measure "${m.id}": "${field}" names step "${p.step}": give the pathway it is a step of`);
      const st = steps.find((x) => x?.id === p.step);
      if (!st) return void report([...at, field, 'step'], `unknown step "${p.step}"${known(p.step, steps.map((x) => x?.id), `steps of pathway "${m.pathway}"`)}`, [['pathways', m.pathway!, '*', 'id']]);
      if (p.at === 'started' && !STARTS.has(st.do)) report([...at, field, 'at'], `step "${st.id}" is a ${st.do}: only "reached" applies (started is for task, admit, operate and stay)`);
      if (p.at === 'finished' && !FINISHES.has(st.do)) report([...at, field, 'at'], `step "${st.id}" is a ${st.do}: only "reached" applies (finished is for task, admit, operate and stay)`);
    };
    point(m.from, 'from');
    point(m.to, 'to');
    m.classes?.forEach((cls, k) => {
      const c = s.classes.find((x) => x.id === cls);
      if (!c) return void report([...at, 'classes', k], `unknown class "${cls}"${known(cls, classIds)}`, [['classes', '*', 'id']]);
      if (c.pathway === undefined) return void report([...at, 'classes', k], `class "${cls}" has no pathway (a class on a waiting list): measure its list with the list's overWeeks`);
      if (m.pathway !== undefined && c.pathway !== m.pathway) report([...at, 'classes', k], `class "${cls}" follows pathway "${c.pathway}", not "${m.pathway}"`);
    });
    if (m.pathway !== undefined && m.classes === undefined && !s.classes.some((c) => c.pathway === m.pathway)) {
      report([...at, 'pathway'], `no class follows pathway "${m.pathway}": nothing to measure`);
    }
    if (m.wait) {
      const w = m.wait;
      const given = (['place', 'theatre', 'skill'] as const).filter((k) => w[k] !== undefined);
      if (given.length !== 1) return void report([...at, 'wait'], `measure "${m.id}": give exactly one of place, theatre or skill, got ${given.length === 0 ? 'none' : given.join(' and ')}`);
      const site = s.sites.find((x) => x.id === w.site);
      if (!site) return void report([...at, 'wait', 'site'], `unknown site "${w.site}"${known(w.site, s.sites.map((x) => x.id))}`, [['sites', '*', 'id']]);
      if (w.place !== undefined && !site.wards.some((x) => x.id === w.place))
        report([...at, 'wait', 'place'], `unknown place "${w.place}" at site "${site.id}"${known(w.place, site.wards.map((x) => x.id))}`);
      if (w.theatre !== undefined && !site.theatres.some((x) => x.id === w.theatre))
        report([...at, 'wait', 'theatre'], `unknown theatre "${w.theatre}" at site "${site.id}"${known(w.theatre, site.theatres.map((x) => x.id))}`);
      const skills = site.staff.flatMap((r) => r.skills ?? []);
      if (w.skill !== undefined && !skills.includes(w.skill))
        report([...at, 'wait', 'skill'], `unknown skill "${w.skill}" at site "${site.id}"${known(w.skill, skills)}`);
    }
  });
}

/** A measure on a waiting list: from referral to treatment or departure, every class on the list. */
function checkListMeasure(s: Core, m: Core['measures'][number], at: PropertyKey[], report: Report): void {
  const lists = s.waitingLists.map((l) => l.id);
  if (!lists.includes(m.list!)) report([...at, 'list'], `unknown waiting list "${m.list}"${known(m.list!, lists)}`, [['waitingLists', '*', 'id']]);
  for (const field of ['pathway', 'classes', 'wait'] as const) {
    if (m[field] !== undefined) report([...at, field], `measure "${m.id}" is on waiting list "${m.list}": ${field} is for pathways (its classes are the list's)`);
  }
  if (m.from !== 'referral') report([...at, 'from'], `measure "${m.id}" is on waiting list "${m.list}": it starts at "referral", got ${JSON.stringify(m.from)}`);
  if (m.to !== 'treatment' && m.to !== 'departure') report([...at, 'to'], `measure "${m.id}" is on waiting list "${m.list}": it ends at "treatment" (start of surgery) or "departure" (home), got ${JSON.stringify(m.to)}`);
}
