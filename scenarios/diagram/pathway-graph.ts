// A scenario's pathways as graphs to draw: one per pathway (its steps, what each holds or
// uses, branches with their probabilities, readmissions) and one per elective waiting list
// (referral, list, booking into sessions, the on-the-day bed check that can cancel,
// operation, stay, delayed discharge). Pure: tested without a browser.
// Here in scenarios/ (with describe.ts) so that the web app's editor and the command
// line's STRESS-DES report (scenarios/report/) draw from the same graphs.
import { describeDuration, n, percent } from './describe.ts';

type Obj = Record<string, unknown>;
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);

export type NodeKind = 'start' | 'ward' | 'theatre' | 'staff' | 'list' | 'decision' | 'stay' | 'end';
/** `path`: where the node's settings are in the scenario (a step: ['pathways', id, index]), to open it in the builder. */
export interface GraphNode { key: string; title: string; lines: string[]; kind: NodeKind; path?: (string | number)[] }
export interface GraphEdge { from: number; to: number; label?: string; dashed?: boolean }
/** `pathway`: the pathway's id when its nodes after the first are its steps, in order (editable on the diagram). */
export interface PathwayGraph { id: string; title: string; subtitle: string; nodes: GraphNode[]; edges: GraphEdge[]; pathway?: string }

/** "mean 2.4 h": the short form, where a box has no room for the spread. */
function meanOnly(d: unknown): string {
  const full = describeDuration(d);
  return full.replace(/ \(sd [^)]*\)$/, '');
}

function rate(a: Obj | undefined): string {
  if (!a) return '';
  if (a.perWeek !== undefined) return `${n(a.perWeek)} a week`;
  if (a.perDay !== undefined) return `${n(a.perDay)} a day`;
  if (a.appointments) {
    // Booked: count the appointments a week from the slots (start–end every N minutes, per slot).
    const minutes = (hhmm: unknown) => { const [h, m] = String(hhmm).split(':').map(Number); return h * 60 + m; };
    const perWeek = list((a.appointments as Obj).slots).reduce((sum, b) => {
      const span = minutes(b.end) - minutes(b.start), every = Number(b.everyMinutes);
      const times = every > 0 && span > 0 ? Math.ceil(span / every) : 0;
      return sum + times * (Number(b.perSlot) || 1) * list(b.days).length;
    }, 0);
    return `${n(perWeek)} booked a week`;
  }
  return '';
}

function stepNode(st: Obj): GraphNode {
  const key = String(st.id);
  switch (st.do) {
    case 'task': {
      const lines = [st.place ? `place: ${String(st.place)}` : '', st.skill ? `by: ${String(st.skill)}` : '', describeDuration(st.duration)].filter(Boolean);
      for (const [role, d] of Object.entries((st.durationByRole ?? {}) as Obj)) lines.push(`${role}: ${meanOnly(d)}`);
      if (st.patience) lines.push(`leaves after ${describeDuration(st.patience)}`);
      return { key, title: String(st.id), lines, kind: st.place ? 'ward' : 'staff' };
    }
    case 'admit': {
      const overflow = list(st.overflowTo as unknown).length ? [`if full: ${(st.overflowTo as unknown[]).map(String).join(', ')}`] : [];
      return { key, title: 'admit', lines: [`bed on ${String(st.ward)}`, ...overflow], kind: 'ward' };
    }
    case 'stay': return { key, title: 'stay', lines: [describeDuration(st.duration)], kind: 'stay' };
    case 'operate': return { key, title: 'operate', lines: [st.theatre ? `theatre ${String(st.theatre)}` : 'theatre', st.skill ? `by: ${String(st.skill)}` : '', describeDuration(st.duration)].filter(Boolean), kind: 'theatre' };
    case 'delay-discharge': return { key, title: 'delayed discharge', lines: [`${percent(st.probability)} delayed`, describeDuration(st.duration)], kind: 'stay' };
    case 'branch': return { key, title: String(st.id), lines: [st.rules ? 'first rule that holds' : 'where next?'], kind: 'decision' };
    case 'readmit': return { key, title: 'readmission', lines: [`${percent(st.probability)} come back`, `after ${describeDuration(st.afterDays)}`], kind: 'decision' };
    case 'discharge': return { key, title: 'home', lines: ['leaves, frees all'], kind: 'end' };
    default: return { key, title: String(st.id), lines: [String(st.do)], kind: 'stay' };
  }
}

const BOUND_WORDS: Record<string, string> = { under: '<', atMost: '≤', atLeast: '≥', over: '>' };

/** A branch rule's condition in words: "time since onset < 4.5 h and eligible is yes (80%)". */
export function describeRule(r: Obj): string {
  const conditions = [...(r.if ? [r.if as Obj] : []), ...list(r.ifAll)];
  const words = conditions.map((c) => {
    const since = c.timeSince;
    const what = since !== undefined
      ? `time since ${typeof since === 'string' ? since : `${String((since as Obj).step)}${(since as Obj).at && (since as Obj).at !== 'reached' ? ` ${String((since as Obj).at)}` : ''}`}`
      : String(c.attribute);
    if (c.is !== undefined) return `${what} is ${Array.isArray(c.is) ? c.is.map(String).join(' or ') : String(c.is)}`;
    const unit = c.unit === 'minutes' ? ' min' : c.unit === 'days' ? ' days' : c.unit === 'weeks' ? ' weeks' : since !== undefined || c.unit === 'hours' ? ' h' : '';
    return Object.entries(BOUND_WORDS).filter(([k]) => c[k] !== undefined).map(([k, sign]) => `${what} ${sign} ${n(c[k])}${unit}`).join(' and ');
  });
  const share = typeof r.probability === 'number' ? percent(r.probability) : '';
  return words.length ? `${words.join(' and ')}${share ? ` (${share})` : ''}` : share;
}

export function pathwayGraph(id: string, steps: Obj[], classes: Obj[]): PathwayGraph {
  const users = classes.filter((c) => c.pathway === id);
  const first = classes.findIndex((c) => c.pathway === id);
  const start: GraphNode = {
    key: '$start', title: 'arrivals', kind: 'start',
    lines: users.map((c) => `${String(c.id)}: ${rate(c.arrivals as Obj | undefined)}`),
    ...(first >= 0 ? { path: ['classes', first, 'arrivals'] } : {}),
  };
  const nodes = [start, ...steps.map((st, i) => ({ ...stepNode(st), path: ['pathways', id, i] }))];
  const at = (stepId: unknown) => steps.findIndex((s) => s.id === stepId) + 1;
  const edges: GraphEdge[] = steps.length ? [{ from: 0, to: 1 }] : [];
  steps.forEach((st, i) => {
    const me = i + 1;
    if (st.do === 'branch') {
      for (const o of list(st.options)) {
        const to = at(o.to);
        if (to > 0) edges.push({ from: me, to, label: percent(o.probability), dashed: o.probability === 0 });
      }
      // Rules: each edge says when it is taken; the last, otherwise.
      for (const r of list(st.rules)) {
        const to = at(r.to);
        if (to > 0) edges.push({ from: me, to, label: describeRule(r) });
      }
      if (typeof st.otherwise === 'string' && at(st.otherwise) > 0) edges.push({ from: me, to: at(st.otherwise), label: 'otherwise' });
      return;
    }
    if (st.do === 'discharge') return;
    if (st.do === 'readmit') {
      const to = at(st.to);
      if (to > 0) edges.push({ from: me, to, label: `${percent(st.probability)} readmitted`, dashed: true });
    }
    if (me + 1 < nodes.length) edges.push({ from: me, to: me + 1 });
  });
  return {
    id, pathway: id, title: `Pathway “${id}”`,
    subtitle: users.length ? `followed by ${users.map((c) => (c.name ? `${String(c.name)}` : String(c.id))).join('; ')}` : 'not used by any class',
    nodes, edges,
  };
}

/** A list's extra sessions (a waiting-list initiative), as a line of its booking node: when they open. */
function extraLine(l: Obj): string[] {
  const x = l.extraSessions as Obj | undefined;
  return x ? [`extra sessions while ${n(x.openAt)}+ wait`] : [];
}

/** A list booked into clinic or scanner slots: no bed, no theatre, no stay; DNAs go back on the list. */
function slotListGraph(l: Obj, refs: string[]): PathwayGraph {
  const b = l.bookInto as Obj;
  const scanners = b.scanners !== undefined;
  const rooms = list(scanners ? b.scanners : b.clinics).map(String);
  const dna = l.dna as Obj | undefined;
  const nodes: GraphNode[] = [
    { key: 'referral', title: 'referrals', lines: refs, kind: 'start' },
    { key: 'list', title: `waiting list ${String(l.id)}`, lines: ['priority, longest wait'], kind: 'list' },
    { key: 'book', title: 'booked into a slot', lines: [`${scanners ? 'scanners' : 'clinics'} ${rooms.join(', ')}`, `${n(b.slotMinutes)}-minute slots`, ...(Number(l.bookingNoticeDays) > 0 ? [`${n(l.bookingNoticeDays)} days ahead`] : []), ...extraLine(l)], kind: 'theatre' },
  ];
  if (dna) nodes.push({ key: 'attend', title: 'attends?', lines: [`${percent(dna.probability)} do not (DNA)`, ...(dna.dischargeAfter ? [`discharged at DNA ${n(dna.dischargeAfter)}`] : [])], kind: 'decision' });
  nodes.push({ key: 'seen', title: scanners ? 'scanned' : 'seen', lines: ['for the slot'], kind: 'theatre' });
  nodes.push({ key: 'home', title: 'home', lines: ['leaves'], kind: 'end' });
  const edges: GraphEdge[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) edges.push({ from: i, to: i + 1, ...(nodes[i].key === 'attend' ? { label: 'yes' } : {}) });
  if (dna) edges.push({ from: 3, to: 1, label: 'no: back on the list', dashed: true });
  return { id: `list-${String(l.id)}`, title: `Waiting list “${String(l.name ?? l.id)}”`, subtitle: `${scanners ? 'tests' : 'appointments'} for ${list(l.referrals).map((r) => String(r.class)).join(', ')}`, nodes, edges };
}

export function waitingListGraph(l: Obj, mutualAid: Obj[], index?: number): PathwayGraph {
  const g = waitingListNodes(l, mutualAid);
  return index === undefined ? g : { ...g, nodes: g.nodes.map((nd) => ({ ...nd, path: ['waitingLists', index] })) };
}

function waitingListNodes(l: Obj, mutualAid: Obj[]): PathwayGraph {
  const refs = list(l.referrals).map((r) => `${String(r.class)}: ${n(r.perWeek)} a week`);
  if (l.bookInto) return slotListGraph(l, refs);
  const cut = typeof l.bedCutoffHours === 'number' ? l.bedCutoffHours : 0;
  const dd = l.delayedDischarge as Obj | undefined;
  const aid = mutualAid.filter((m) => list(m.lists).length && (m.lists as unknown[]).includes(l.id));
  const nodes: GraphNode[] = [
    { key: 'referral', title: 'referrals', lines: refs, kind: 'start' },
    { key: 'list', title: `waiting list ${String(l.id)}`, lines: ['priority, longest wait', ...aid.map((m) => `mutual aid after ${n(m.thresholdWeeks)} weeks`)], kind: 'list' },
    { key: 'book', title: 'booked in a session', lines: [`theatres ${list(l.theatres).join(', ')}`, l.casesPerSession ? `up to ${n(l.casesPerSession)} a session` : `planned ${meanOnly(l.plannedCase)}`, ...(Number(l.bookingNoticeDays) > 0 ? [`${n(l.bookingNoticeDays)} days ahead`] : []), ...extraLine(l)], kind: 'theatre' },
    { key: 'bed', title: 'bed free in time?', lines: [`ward ${String(l.ward)}`, `by ${n(cut)} h after the start`], kind: 'decision' },
    { key: 'operate', title: 'operate', lines: [`planned ${meanOnly(l.plannedCase)}`, l.actualOverPlanned ? 'actual varies' : 'as planned'], kind: 'theatre' },
    { key: 'stay', title: 'stay', lines: [describeDuration(l.stay)], kind: 'stay' },
  ];
  if (dd) nodes.push({ key: 'delay', title: 'delayed discharge', lines: [`${percent(dd.probability)} delayed`, describeDuration(dd.duration)], kind: 'stay' });
  nodes.push({ key: 'home', title: 'home', lines: ['leaves'], kind: 'end' });
  const edges: GraphEdge[] = [
    { from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 3 },
    { from: 3, to: 4, label: 'yes' }, { from: 3, to: 1, label: 'no: cancelled on the day', dashed: true },
  ];
  for (let i = 4; i + 1 < nodes.length; i++) edges.push({ from: i, to: i + 1 });
  return { id: `list-${String(l.id)}`, title: `Waiting list “${String(l.name ?? l.id)}”`, subtitle: `elective patients of ${list(l.referrals).map((r) => String(r.class)).join(', ')}`, nodes, edges };
}

/** Every graph of a scenario: pathways in use first, then elective lists. */
export function scenarioGraphs(doc: Obj): PathwayGraph[] {
  const classes = list(doc.classes);
  const pathways = (doc.pathways ?? {}) as Record<string, unknown>;
  return [
    ...Object.entries(pathways).map(([id, steps]) => pathwayGraph(id, list(steps), classes)),
    ...list(doc.waitingLists).map((l, i) => waitingListGraph(l, list(doc.mutualAid), i)),
  ];
}
