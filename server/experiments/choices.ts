// What a manager may vary in an experiment, listed from the scenario itself: the numbers a
// parameter path (runner/experiment/param-path.ts) can set that managers decide — beds on
// each ward, staff of each role (always on duty, or on each shift), arrival rates — each
// with its path (list entries by id, as patches address them) and a label in words.
// Theatre sessions are a timetable, not a number, so they are not offered here.
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { Choices } from '../experiment-schemas.ts';

type Choice = Choices['parameters'][number];

/** `[dgh]`, or `["0"]` for an id a path would read as a position. */
const key = (id: string) => (/^[A-Za-z_$][\w$-]*$/.test(id) ? `[${id}]` : `[${JSON.stringify(id)}]`);

const PLACE_WORDS: Record<string, string> = { ward: 'Beds', cubicle: 'Cubicles', chair: 'Chairs', trolley: 'Trolleys' };
const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Mon–Fri", "every day", "Sat, Sun". */
function days(ds: readonly string[]): string {
  const idx = ds.map((d) => DAY_ORDER.indexOf(d)).filter((i) => i >= 0).sort((a, b) => a - b);
  const cap = (i: number) => DAY_ORDER[i][0].toUpperCase() + DAY_ORDER[i].slice(1);
  if (idx.length === 7) return 'every day';
  if (idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1] + 1)) return `${cap(idx[0])}–${cap(idx[idx.length - 1])}`;
  return idx.map(cap).join(', ');
}

export function parameterChoices(s: Scenario): Choice[] {
  const out: Choice[] = [];
  for (const site of s.sites) {
    const at = `sites${key(site.id)}`;
    const where = (what: string) => `${what} (${site.name ?? site.id})`;
    for (const w of site.wards) {
      out.push({ path: `${at}.wards${key(w.id)}.beds`, label: where(`${PLACE_WORDS[w.kind] ?? 'Beds'} on ${w.name ?? w.id}`), group: 'beds', noun: (PLACE_WORDS[w.kind] ?? 'Beds').toLowerCase(), current: w.beds, integer: true });
    }
    for (const r of site.staff) {
      if (r.count !== undefined) out.push({ path: `${at}.staff${key(r.role)}.count`, label: where(`Staff on duty: ${r.role}`), group: 'staff', noun: 'staff', current: r.count, integer: true });
      (r.shifts ?? []).forEach((sh, k) => {
        out.push({ path: `${at}.staff${key(r.role)}.shifts[${k}].count`, label: where(`Staff on shift: ${r.role}, ${days(sh.days)} ${sh.start}–${sh.end}`), group: 'staff', noun: 'staff', current: sh.count, integer: true });
      });
    }
  }
  for (const c of s.classes) {
    const a = c.arrivals;
    if (!a) continue;
    const name = c.name ?? c.id;
    if (a.perDay !== undefined) out.push({ path: `classes${key(c.id)}.arrivals.perDay`, label: `Arrivals per day: ${name}`, group: 'arrivals', noun: 'arrivals a day', current: a.perDay, integer: false });
    if (a.perWeek !== undefined) out.push({ path: `classes${key(c.id)}.arrivals.perWeek`, label: `Arrivals per week: ${name}`, group: 'arrivals', noun: 'arrivals a week', current: a.perWeek, integer: false });
  }
  return out;
}
