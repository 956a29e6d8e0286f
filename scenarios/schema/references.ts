// Rules that look across the scenario: every id a field names exists where it must (a
// class's site and pathway; a step's ward, theatre and skill at the site of each class
// that uses the pathway; branch targets), ring-fencing, probabilities, rosters and
// sessions, duplicate ids. Each problem is reported with the full path of the field.
// They also run over what could be read of a document the schema rejected (salvage.ts),
// so that one pass reports every error: there, a field may be undefined, and the rules
// must not throw on it (what they then say about it is dropped in scenario.ts).
import type { z } from 'zod';
import { KPI_METRICS, isKpiMetric } from '../kpis/catalogue.ts';
import { clockHours, weekdayIndex, type Weekday } from './time.ts';
import { didYouMean } from '../suggest.ts';
import type { ScenarioCoreSchema } from './scenario.ts';
import { instantSuccessors } from '../cost/steps.ts';
import { checkMeasures } from './measure-rules.ts';
import { checkExtraSessions } from './extra-session-rules.ts';
import { checkSeasons } from './season.ts';
import { checkDecisions } from './decision-rules.ts';

type Core = z.output<typeof ScenarioCoreSchema>;
/**
 * A problem at `path`. `uses` names the fields the verdict rests on besides the one at
 * `path` ("*" for any list item): an unknown ward rests on the ids of the site's wards,
 * so in a document whose ward ids the schema rejected, it is not reported (scenario.ts).
 */
export type Report = (path: PropertyKey[], message: string, uses?: PropertyKey[][]) => void;

/** Known names listed in a message at most, and compared with an unknown one for a suggestion at most. */
const MAX_LISTED = 100;
const MAX_SUGGESTED_FROM = 1_000;
// A list of ids is often the same array for many unknown ids (a pathway's steps): its text
// is made once. 5,000 branches to unknown steps of a 5,000-step pathway each listed and
// compared with every step: 40 s, messages of 34 kB each.
const listed = new WeakMap<readonly string[], string>();
const list = (xs: readonly string[]) => {
  let text = listed.get(xs);
  if (text === undefined) {
    const names = [...new Set(xs.filter((x) => typeof x === 'string'))];
    text = names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')} … and ${(names.length - MAX_LISTED).toLocaleString('en-GB')} more` : names.join(', ') || 'none';
    listed.set(xs, text);
  }
  return text;
};
/** What follows an unknown id: the nearest known one, if close (among a thousand at most), and the known ones (a hundred at most). */
const known = (id: string, ids: readonly string[], label = 'known') => {
  const hint = ids.length <= MAX_SUGGESTED_FROM ? didYouMean(String(id), ids) : '';
  return `${hint ? `: ${hint}` : ''} (${label}: ${list(ids)})`;
};
const PROBABILITY_SLACK = 1e-9;

function duplicates(ids: readonly string[], path: PropertyKey[], field: string, what: string, report: Report): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report([...path, i, field], `${what} "${id}" is defined twice`);
    seen.add(id);
  });
}

function checkWindow(start: string, end: string, path: PropertyKey[], report: Report): void {
  const a = clockHours(start), b = clockHours(end);
  if (a !== undefined && b !== undefined && b <= a)
    report([...path, 'end'], `expected a time after start ("${start}"), got "${end}" (split a shift that crosses midnight in two)`);
}

/** A theatre runs one session at a time: sessions may touch (14:00-20:00 after 08:00-14:00) but not overlap. */
function checkSessionsApart(sessions: readonly { days: readonly Weekday[]; start: string; end: string }[], path: PropertyKey[], report: Report, room = 'a theatre'): void {
  sessions.forEach((x, k) => {
    const a = clockHours(x.start), b = clockHours(x.end);
    if (a === undefined || b === undefined || !(b > a)) return;
    for (let j = 0; j < k; j++) {
      const y = sessions[j];
      const c = clockHours(y.start), d = clockHours(y.end);
      if (c === undefined || d === undefined || !(d > c) || !(a < d && c < b)) continue;
      const day = x.days.find((w) => y.days.some((v) => weekdayIndex(v) === weekdayIndex(w)));
      if (day !== undefined) {
        report([...path, k], `overlaps sessions[${j}] (${y.start}-${y.end}) on ${day}: ${room} runs one session at a time (sessions may touch, e.g. 14:00-20:00 after 08:00-14:00)`);
        return;
      }
    }
  });
}

export function checkReferences(s: Core, report: Report): void {
  // Messages are deduplicated: a pathway used by two classes at one site reports once.
  const said = new Set<string>();
  const once: Report = (path, message, uses) => {
    const key = JSON.stringify(path) + message;
    if (!said.has(key)) { said.add(key); report(path, message, uses); }
  };
  const CLASS_IDS = [['classes', '*', 'id']];
  const classIds = s.classes.map((c) => c.id);
  duplicates(s.sites.map((x) => x.id), ['sites'], 'id', 'site', once);
  duplicates(classIds, ['classes'], 'id', 'class', once);

  s.sites.forEach((site, si) => {
    const at: PropertyKey[] = ['sites', si];
    duplicates(site.wards.map((w) => w.id), [...at, 'wards'], 'id', 'ward', once);
    duplicates(site.theatres.map((t) => t.id), [...at, 'theatres'], 'id', 'theatre', once);
    // Clinics and scanners: ids unique among the site's places and rooms, sessions apart.
    const taken = new Set([...site.wards.map((w) => w.id), ...site.theatres.map((t) => t.id)]);
    for (const kind of ['clinics', 'scanners'] as const)
      site[kind]?.forEach((c, ci) => {
        if (taken.has(c.id)) once([...at, kind, ci, 'id'], `"${c.id}" is already the id of a ward, theatre, clinic or scanner at site "${site.id}"`);
        taken.add(c.id);
        c.sessions.forEach((x, k) => checkWindow(x.start, x.end, [...at, kind, ci, 'sessions', k], once));
        checkSessionsApart(c.sessions, [...at, kind, ci, 'sessions'], once, kind === 'clinics' ? 'a clinic' : 'a scanner');
      });
    duplicates(site.staff.map((r) => r.role), [...at, 'staff'], 'role', 'role', once);
    const wardIds = new Set(site.wards.map((w) => w.id));
    site.theatres.forEach((t, ti) => {
      if (wardIds.has(t.id)) once([...at, 'theatres', ti, 'id'], `"${t.id}" is already the id of a ward at site "${site.id}"`);
      t.sessions.forEach((x, k) => checkWindow(x.start, x.end, [...at, 'theatres', ti, 'sessions', k], once));
      checkSessionsApart(t.sessions, [...at, 'theatres', ti, 'sessions'], once);
    });
    site.wards.forEach((w, wi) => {
      w.ringFencedFor?.forEach((c, k) => {
        if (!classIds.includes(c)) once([...at, 'wards', wi, 'ringFencedFor', k], `unknown class "${c}"${known(c, classIds)}`, CLASS_IDS);
      });
      w.escalation?.staff?.forEach((x, k) => {
        const roles = site.staff.map((r) => r.role);
        if (!roles.includes(x.role)) once([...at, 'wards', wi, 'escalation', 'staff', k, 'role'], `unknown role "${x.role}" at site "${site.id}"${known(x.role, roles, 'roles')}`, [[...at, 'staff', '*', 'role']]);
      });
      w.changes?.forEach((c, k) => {
        if (k > 0 && c.fromDay <= w.changes![k - 1].fromDay)
          once([...at, 'wards', wi, 'changes', k, 'fromDay'], `expected a day after ${w.changes![k - 1].fromDay} (changes in increasing order), got ${c.fromDay}`);
      });
    });
    site.staff.forEach((r, ri) => {
      if ((r.shifts === undefined) === (r.count === undefined))
        once([...at, 'staff', ri], `role "${r.role}": give exactly one of shifts (a roster) or count (always on duty)`);
      r.shifts?.forEach((x, k) => checkWindow(x.start, x.end, [...at, 'staff', ri, 'shifts', k], once));
    });
  });

  for (const [pid, steps] of Object.entries(s.pathways)) {
    const stepIds = steps.map((st) => st.id);
    const isStep = new Set(stepIds);
    duplicates(stepIds, ['pathways', pid], 'id', 'step', once);
    const target = (to: string, path: PropertyKey[]) => {
      if (!isStep.has(to)) once(path, `unknown step "${to}"${known(to, stepIds, `steps of pathway "${pid}"`)}`, [['pathways', pid, '*', 'id']]);
    };
    steps.forEach((st, i) => {
      const at: PropertyKey[] = ['pathways', pid, i];
      if (st.do === 'branch' && st.options) {
        st.options.forEach((o, k) => target(o.to, [...at, 'options', k, 'to']));
        const total = st.options.reduce((a, o) => a + o.probability, 0);
        if (Math.abs(total - 1) > PROBABILITY_SLACK) once([...at, 'options'], `expected probabilities summing to 1, got ${Number(total.toPrecision(12))}`);
      }
      if (st.do === 'branch' && st.rules) {
        st.rules.forEach((r, k) => { if (r?.to !== undefined) target(r.to, [...at, 'rules', k, 'to']); });
        if (st.otherwise !== undefined) target(st.otherwise, [...at, 'otherwise']);
      }
      if (st.do === 'readmit') target(st.to, [...at, 'to']);
      if (st.do === 'task' && st.skill === undefined && st.place === undefined)
        once(at, `task "${st.id}" needs a skill, a place or both (a plain delay is "stay")`);
      if (st.do === 'task' && st.queueLimit !== undefined && st.place === undefined)
        once([...at, 'queueLimit'], `task "${st.id}" has no place: queueLimit limits the line for the task's place`);
    });
    const loop = instantLoop(steps);
    if (loop) {
      once(['pathways', pid, loop[0]], `steps ${loop.map((i) => `"${steps[i].id}"`).join(' → ')} → "${steps[loop[0]].id}" can go round without time passing (only branches, admissions and zero durations in the loop): a patient could circle for ever at one instant`);
    }
    const last = steps[steps.length - 1];
    if (last && last.do !== 'discharge' && last.do !== 'branch')
      once(['pathways', pid, steps.length - 1, 'do'], `a pathway ends with discharge or branch, got "${last.do}" (patients would walk off the end)`);
  }

  const referred = new Map<string, string>(); // class → list
  s.waitingLists.forEach((l) => l.referrals.forEach((r) => { if (!referred.has(r.class)) referred.set(r.class, l.id); }));
  const REFERRALS = [['waitingLists', '*', 'referrals']];
  s.classes.forEach((c, ci) => {
    const si = s.sites.findIndex((x) => x.id === c.site);
    const site = s.sites[si];
    if (!site) once(['classes', ci, 'site'], `unknown site "${c.site}"${known(c.site, s.sites.map((x) => x.id))}`, [['sites', '*', 'id']]);
    const list_ = referred.get(c.id);
    if (list_ !== undefined) {
      // An elective class: its pathway is the waiting list's (referral, booking, surgery, stay).
      if (c.arrivals !== undefined) once(['classes', ci, 'arrivals'], `class "${c.id}" is referred to waiting list "${list_}"; its arrivals are the list's referrals`, REFERRALS);
      if (c.pathway !== undefined) once(['classes', ci, 'pathway'], `class "${c.id}" is referred to waiting list "${list_}", whose booking and surgery are its pathway`, REFERRALS);
      return;
    }
    if (c.arrivals === undefined) once(['classes', ci, 'arrivals'], `class "${c.id}" needs arrivals (or referrals from a waiting list)`, REFERRALS);
    if (c.pathway === undefined) return void once(['classes', ci, 'pathway'], `class "${c.id}" needs a pathway (or referrals from a waiting list)`, REFERRALS);
    const steps = s.pathways[c.pathway];
    if (!steps) once(['classes', ci, 'pathway'], `unknown pathway "${c.pathway}"${known(c.pathway, Object.keys(s.pathways))}`);
    if (site && steps) checkSteps(c.id, c.pathway, steps, site, si, once);
  });
  checkWaitingLists(s, once);
  checkExtraSessions(s, once);
  checkMeasures(s, once);
  checkSeasons(s, once, known);
  checkDecisions(s, once);

  Object.keys(s.costs.tariff).forEach((c) => {
    if (!classIds.includes(c)) once(['costs', 'tariff', c], `unknown class "${c}"${known(c, classIds)}`, CLASS_IDS);
  });
  s.kpis?.forEach((k, i) => {
    if (!isKpiMetric(k)) once(['kpis', i], `unknown KPI "${k}"${known(k, KPI_METRICS)}`);
  });
  Object.keys(s.expect ?? {}).forEach((name) => {
    const m = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (!m) once(['expect', name], `expected a KPI name "metric[scope]" as run prints them, e.g. "wait.mean[dgh/majors]", got "${name}"`);
    else if (!isKpiMetric(m[1])) once(['expect', name], `unknown KPI metric "${m[1]}" (known: ${KPI_METRICS.join(', ')})`);
    else if (s.kpis && !s.kpis.includes(m[1])) once(['expect', name], `"${m[1]}" is not among the KPIs this scenario reports (kpis: ${s.kpis.join(', ')})`);
  });
}

type Site = Core['sites'][number];

/**
 * A loop of steps that takes no time (each goes on to the next at the same instant), as the
 * step indices around it; undefined when there is none. Depth-first, iteratively: work and
 * stack grow with the pathway's length, never with a number in it.
 */
function instantLoop(steps: Core['pathways'][string]): number[] | undefined {
  const index = new Map<string, number>();
  steps.forEach((st, i) => { if (!index.has(st.id)) index.set(st.id, i); });
  const next = steps.map((_, i) => instantSuccessors(steps, i, index));
  const state = new Uint8Array(steps.length); // 0 unseen, 1 on the current path, 2 done
  for (let root = 0; root < steps.length; root++) {
    if (state[root]) continue;
    const path: number[] = [root];
    const edge: number[] = [0];
    state[root] = 1;
    while (path.length) {
      const i = path[path.length - 1];
      const k = edge[edge.length - 1]++;
      if (k >= next[i].length) {
        state[i] = 2;
        path.pop();
        edge.pop();
        continue;
      }
      const j = next[i][k];
      if (state[j] === 1) return path.slice(path.indexOf(j));
      if (state[j] === 0) {
        state[j] = 1;
        path.push(j);
        edge.push(0);
      }
    }
  }
  return undefined;
}

/** The wards, theatres and skills a pathway's steps name, at the site of one class using it. */
function checkSteps(cls: string, pid: string, steps: Core['pathways'][string], site: Site, si: number, report: Report): void {
  const uses = (list: string, field: string): PropertyKey[][] => [['sites', si, list, '*', field]];
  const wards = site.wards.map((w) => w.id);
  const theatres = site.theatres.map((t) => t.id);
  const skills = [...new Set(site.staff.flatMap((r) => r.skills))];
  const place = (id: string, path: PropertyKey[], bedOnly: boolean) => {
    const ward = site.wards.find((w) => w.id === id);
    if (!ward) return report(path, `unknown ${bedOnly ? 'ward' : 'place'} "${id}" at site "${site.id}"${known(id, wards)}`, uses('wards', 'id'));
    if (ward.ringFencedFor && !ward.ringFencedFor.includes(cls))
      report(path, `ward "${id}" is ring-fenced for ${list(ward.ringFencedFor)}; class "${cls}" may not use it`);
  };
  const skill = (k: string, path: PropertyKey[]) => {
    if (!skills.includes(k)) report(path, `no role at site "${site.id}" has skill "${k}"${known(k, skills, 'skills')}`, uses('staff', 'skills'));
  };
  steps.forEach((st, i) => {
    const at: PropertyKey[] = ['pathways', pid, i];
    switch (st.do) {
      case 'task':
        if (st.place !== undefined) place(st.place, [...at, 'place'], false);
        if (st.skill !== undefined) skill(st.skill, [...at, 'skill']);
        for (const role of Object.keys(st.durationByRole ?? {})) {
          const r = site.staff.find((x) => x.role === role);
          const path = [...at, 'durationByRole', role];
          if (st.skill === undefined) report(path, 'a duration by role needs the task to name a skill');
          else if (!r) report(path, `unknown role "${role}" at site "${site.id}"${known(role, site.staff.map((x) => x.role))}`, uses('staff', 'role'));
          else if (!r.skills.includes(st.skill)) report(path, `role "${role}" does not have skill "${st.skill}", so it never does this task`, uses('staff', 'skills'));
        }
        break;
      case 'admit':
        place(st.ward, [...at, 'ward'], true);
        st.overflowTo?.forEach((w, k) => {
          if (w === st.ward || st.overflowTo!.indexOf(w) < k) report([...at, 'overflowTo', k], `ward "${w}" is ${w === st.ward ? 'the own ward' : 'listed twice'}`);
          else place(w, [...at, 'overflowTo', k], true);
        });
        break;
      case 'operate':
        if (st.theatre !== undefined && !theatres.includes(st.theatre))
          report([...at, 'theatre'], `unknown theatre "${st.theatre}" at site "${site.id}"${known(st.theatre, theatres)}`, uses('theatres', 'id'));
        if (st.theatre === undefined && theatres.length !== 1)
          report([...at, 'theatre'], `site "${site.id}" has ${theatres.length} theatres (${list(theatres)}): say which`, [['sites', si, 'theatres']]);
        if (st.skill !== undefined) skill(st.skill, [...at, 'skill']);
        break;
    }
  });
}

/** Waiting lists name a site, its ward and theatres, and classes referred to one list only; mutual aid names lists of different sites. */
function checkWaitingLists(s: Core, report: Report): void {
  const listIds = s.waitingLists.map((l) => l.id);
  duplicates(listIds, ['waitingLists'], 'id', 'waiting list', report);
  const owner = new Map<string, string>();
  s.waitingLists.forEach((l, li) => {
    const at: PropertyKey[] = ['waitingLists', li];
    // A census runs at 00:00 of each day, and the window is [warm-up, horizon).
    l.overWeeksAtDays?.forEach((d, k) => {
      if (!(d >= s.time.warmupDays && d < s.time.horizonDays))
        report([...at, 'overWeeksAtDays', k], `expected a day of the measured window, from warmupDays (${s.time.warmupDays}) to before horizonDays (${s.time.horizonDays}), got ${d}`, [['time']]);
    });
    const si = s.sites.findIndex((x) => x.id === l.site);
    const site = s.sites[si];
    if (!site) return void report([...at, 'site'], `unknown site "${l.site}"${known(l.site, s.sites.map((x) => x.id))}`, [['sites', '*', 'id']]);
    const ward = l.ward === undefined ? undefined : site.wards.find((w) => w.id === l.ward);
    if (l.ward !== undefined && !ward) report([...at, 'ward'], `unknown ward "${l.ward}" at site "${site.id}"${known(l.ward, site.wards.map((w) => w.id))}`, [['sites', si, 'wards', '*', 'id']]);
    // Clinic or scanner slots: the rooms named exist at the site.
    for (const kind of ['clinics', 'scanners'] as const) {
      const rooms = (site[kind] ?? []).map((x) => x.id);
      l.bookInto?.[kind]?.forEach((id, k) => {
        if (!rooms.includes(id)) report([...at, 'bookInto', kind, k], `unknown ${kind === 'clinics' ? 'clinic' : 'scanner'} "${id}" at site "${site.id}"${known(id, rooms)}`, [['sites', si, kind, '*', 'id']]);
      });
    }
    l.theatres?.forEach((t, k) => {
      if (!site.theatres.some((x) => x.id === t)) report([...at, 'theatres', k], `unknown theatre "${t}" at site "${site.id}"${known(t, site.theatres.map((x) => x.id))}`, [['sites', si, 'theatres', '*', 'id']]);
    });
    l.referrals.forEach((r, k) => {
      const c = s.classes.find((x) => x.id === r.class);
      if (!c) return void report([...at, 'referrals', k, 'class'], `unknown class "${r.class}"${known(r.class, s.classes.map((x) => x.id))}`, [['classes', '*', 'id']]);
      const other = owner.get(r.class);
      if (other !== undefined && other !== l.id) report([...at, 'referrals', k, 'class'], `class "${r.class}" is already referred to waiting list "${other}"`);
      owner.set(r.class, l.id);
      if (c.site !== l.site) report([...at, 'referrals', k, 'class'], `class "${r.class}" is at site "${c.site}", the list at site "${l.site}"`, [['classes', s.classes.indexOf(c), 'site']]);
      if (ward?.ringFencedFor && !ward.ringFencedFor.includes(r.class))
        report([...at, 'ward'], `ward "${ward.id}" is ring-fenced for ${list(ward.ringFencedFor)}; class "${r.class}" may not use it`);
    });
    const classes = l.referrals.map((r) => r.class);
    Object.keys(l.bookInto?.slotMinutesByClass ?? {}).forEach((cls) => {
      if (!classes.includes(cls)) report([...at, 'bookInto', 'slotMinutesByClass', cls], `class "${cls}" is not referred to waiting list "${l.id}"${known(cls, classes, 'referred')}`, [[...at, 'referrals']]);
    });
    Object.keys(l.dna?.byClass ?? {}).forEach((cls) => {
      if (!classes.includes(cls)) report([...at, 'dna', 'byClass', cls], `class "${cls}" is not referred to waiting list "${l.id}"${known(cls, classes, 'referred')}`, [[...at, 'referrals']]);
    });
    // An age profile's counts by class name classes referred to this list.
    l.initialList?.byWeeksWaited?.forEach((b, k) => {
      if (b && typeof b.byClass === 'object' && b.byClass !== null)
        for (const cls of Object.keys(b.byClass))
          if (!classes.includes(cls))
            report([...at, 'initialList', 'byWeeksWaited', k, 'byClass', cls], `class "${cls}" is not referred to waiting list "${l.id}"${known(cls, classes, 'referred')}`, [[...at, 'referrals']]);
    });
  });
  s.mutualAid.forEach((m, mi) => {
    const sites = new Set<string>();
    // One kind of list a policy: theatre, clinic or scanner lists (a patient waiting for a
    // scan is not moved onto a list for an operation, nor for an outpatient appointment).
    const kindOf = (l: { bookInto?: { clinics?: unknown; scanners?: unknown } }) => (!l.bookInto ? 'theatre' : l.bookInto.clinics ? 'clinic' : 'scanner');
    const WORDS = { theatre: 'a theatre list', clinic: 'booked into clinic slots', scanner: 'booked into scanner slots' };
    let first: { id: string; kind: keyof typeof WORDS } | undefined;
    m.lists.forEach((id, k) => {
      const l = s.waitingLists.find((x) => x.id === id);
      if (!l) return void report(['mutualAid', mi, 'lists', k], `unknown waiting list "${id}"${known(id, listIds)}`, [['waitingLists', '*', 'id']]);
      const kind = kindOf(l);
      if (!first) first = { id, kind };
      else if (kind !== first.kind)
        report(['mutualAid', mi, 'lists', k], `waiting list "${id}" is ${WORDS[kind]} and "${first.id}" ${WORDS[first.kind]}: mutual aid moves patients between lists of one kind`, [['waitingLists', '*', 'bookInto']]);
      if (sites.has(l.site)) report(['mutualAid', mi, 'lists', k], `two lists of site "${l.site}": mutual aid moves patients between sites`, [['waitingLists', '*', 'site']]);
      sites.add(l.site);
    });
  });
}
