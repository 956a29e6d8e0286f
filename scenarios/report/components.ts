// Section 2.5, Components: patient classes (entities), pathway steps (activities), wards,
// theatres, clinics, scanners and staff (resources), where patients wait (queues), and
// how they arrive and leave (entry and exit points).
import { describeDays, describeDuration, n, percent } from '../diagram/describe.ts';
import type { ReportInput } from './input.ts';
import { list, table, text, type Block } from './document.ts';

type Obj = Record<string, unknown>;
const arr = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
const doc = (input: ReportInput) => input.scenario as unknown as Obj;

function rate(a: Obj | undefined): string {
  if (!a) return 'referred to a waiting list';
  if (a.perDay !== undefined) return `${n(a.perDay)} a day${a.byHour ? ', shaped by hour' : ''}${a.season ? `, season ${String(a.season)}` : ''}`;
  if (a.perWeek !== undefined) return `${n(a.perWeek)} a week${a.byHour ? ', shaped by hour' : ''}${a.season ? `, season ${String(a.season)}` : ''}`;
  if (a.appointments) return 'booked appointments';
  return 'arrivals as stated';
}

export function entities(input: ReportInput): Block[] {
  const rows = arr(doc(input).classes).map((c) => [String(c.name ?? c.id), String(c.id), n(c.priority), String(c.site), c.pathway ? String(c.pathway) : '(a waiting list)', rate(c.arrivals as Obj | undefined)]);
  return [
    text('Entities are patients, one class each; a class sets the priority (1 most urgent), the site, the pathway and the arrivals.'),
    table('Patient classes', ['class', 'id', 'priority', 'site', 'pathway', 'arrivals'], rows),
  ];
}

export function activities(input: ReportInput): Block[] {
  const rows: string[][] = [];
  for (const [id, steps] of Object.entries((doc(input).pathways ?? {}) as Record<string, unknown>)) {
    for (const st of arr(steps)) {
      const held = [st.place, st.ward, st.theatre, st.skill ? `skill ${String(st.skill)}` : undefined].filter(Boolean).map(String).join(', ');
      const d = describeDuration(st.duration) || (st.probability !== undefined ? `${percent(st.probability)}` : '');
      rows.push([id, String(st.id), String(st.do), held, d]);
    }
  }
  for (const l of arr(doc(input).waitingLists)) {
    rows.push([`list ${String(l.id)}`, 'operation or appointment', l.bookInto ? 'slot' : 'operate', l.bookInto ? 'booked slot' : `theatres ${arr(l.theatres).map(String).join(', ')}`, l.plannedCase ? `planned ${describeDuration(l.plannedCase)}` : '']);
    if (l.stay) rows.push([`list ${String(l.id)}`, 'stay', 'stay', `ward ${String(l.ward)}`, describeDuration(l.stay)]);
  }
  return rows.length ? [table('Steps of every pathway and list, with what each holds and how long it takes', ['pathway', 'step', 'kind', 'holds or needs', 'duration or share'], rows)] : [text('No activities: the scenario has no pathway steps.')];
}

const sessions = (x: unknown) => arr(x).map((s) => `${describeDays(s.days)} ${String(s.start)}–${String(s.end)}`).join('; ');

export function resources(input: ReportInput): Block[] {
  const rows: string[][] = [];
  for (const site of arr(doc(input).sites)) {
    const at = String(site.id);
    for (const w of arr(site.wards)) rows.push([at, `${String(w.kind ?? 'ward')} ${String(w.id)}`, `${n(w.beds)} ${w.kind === 'cubicle' ? 'cubicles' : w.kind === 'chair' ? 'chairs' : w.kind === 'trolley' ? 'trolleys' : 'beds'}${w.ringFencedFor ? `, only for ${arr(w.ringFencedFor).map(String).join(', ')}` : ''}${w.escalation ? escalationWords(w.escalation as Obj) : ''}${w.schedule ? ', changing during the run' : ''}`]);
    for (const t of arr(site.theatres)) rows.push([at, `theatre ${String(t.id)}`, sessions(t.sessions)]);
    for (const c of arr(site.clinics)) rows.push([at, `clinic ${String(c.id)}`, sessions(c.sessions)]);
    for (const c of arr(site.scanners)) rows.push([at, `scanner ${String(c.id)}`, sessions(c.sessions)]);
    for (const r of arr(site.staff)) rows.push([at, `staff: ${String(r.role)} (${arr(r.skills).map(String).join(', ')})`, r.count !== undefined ? `${n(r.count)} always on duty` : arr(r.shifts).map((s) => `${n(s.count)} ${describeDays(s.days)} ${String(s.start)}–${String(s.end)}`).join('; ')]);
  }
  return [table('Resources by site', ['site', 'resource', 'capacity and hours'], rows)];
}

export function queues(input: ReportInput): Block[] {
  const d = doc(input);
  const items = [
    'Every bed, cubicle, theatre and staff skill has one queue: patients wait in order of class priority (1 first), then of arrival (first come, first served). Places that free at an instant are given out after that instant’s releases and arrivals, by priority and then arrival order, to those waiting and those who came at that instant alike.',
  ];
  const keeps = Object.values((d.pathways ?? {}) as Record<string, unknown>).some((steps) => arr(steps).some((st) => st.keepPlace === true));
  if (keeps) items.push('Where a step keeps its place (keepPlace), the patient holds it (a cubicle) while waiting for the next one (a bed): queues for beds block the places upstream (boarding, bed-blocking).');
  for (const l of arr(d.waitingLists)) items.push(`Waiting list ${String(l.name ?? l.id)}: booked by clinical priority, then longest wait${l.initialList ? '; it starts with patients already waiting' : ''}.`);
  const limits: string[] = [];
  for (const [id, steps] of Object.entries((d.pathways ?? {}) as Record<string, unknown>)) {
    for (const st of arr(steps)) {
      if (st.queueLimit !== undefined) limits.push(`${id}/${String(st.id)}: at most ${describeLimit(st.queueLimit)} waiting`);
      if (st.patience) limits.push(`${id}/${String(st.id)}: patients leave after waiting ${describeDuration(st.patience)}`);
    }
  }
  return limits.length ? [list(items), text('Limits on waiting:'), list(limits)] : [list(items), text('No queue has a limit or a patience: every patient waits as long as it takes.')];
}

const describeLimit = (q: unknown) => (typeof q === 'number' ? n(q) : q && typeof q === 'object' ? Object.entries(q as Obj).map(([k, v]) => `${k} ${String(v)}`).join(', ') : String(q));

export function entryExit(input: ReportInput): Block[] {
  const d = doc(input);
  const entries = arr(d.classes).filter((c) => c.arrivals).map((c) => `${String(c.name ?? c.id)} arrive at ${String(c.site)}: ${rate(c.arrivals as Obj)}, and enter pathway ${String(c.pathway)}`);
  for (const l of arr(d.waitingLists)) for (const r of arr(l.referrals)) entries.push(`${String(r.class)} referred to waiting list ${String(l.id)}: ${n(r.perWeek)} a week`);
  const exits = ['A patient leaves at a discharge step (home), freeing everything held; or, where the scenario allows, by leaving a queue unseen (patience), being turned away from a full line (diverted), or a readmission that brings the patient back later.'];
  if (arr(d.mutualAid).length) exits.push('Mutual aid moves patients between waiting lists of different sites (a transfer, not an exit).');
  return [text('Entry points:'), list(entries.length ? entries : ['none stated']), text('Exit points:'), list(exits)];
}

/** ", +6 escalation beds and 2 ed-doctor called in": what a ward's escalation opens. */
function escalationWords(x: Obj): string {
  const beds = Number(x.beds ?? 0);
  const staff = arr(x.staff).map((p) => `${n((p as Obj).count)} ${String((p as Obj).role)}`);
  const parts = [...(beds > 0 ? [`+${n(beds)} escalation beds`] : []), ...(staff.length ? [`${staff.join(' and ')} called in by escalation`] : [])];
  return parts.length ? `, ${parts.join(', ')}` : '';
}
