// Section 2, Logic: the pathway diagrams (the web app's graphs, scenarios/diagram), each
// pathway in words, each option's changes to the base, and the algorithms the scenario
// switches on (each named only when the scenario uses it).
import { scenarioGraphs, type PathwayGraph } from '../diagram/pathway-graph.ts';
import type { ReportInput } from './input.ts';
import { list, missing, table, text, type Block } from './document.ts';
import { parameterRows } from './parameters.ts';

type Obj = Record<string, unknown>;

export const graphsOf = (input: ReportInput): PathwayGraph[] => scenarioGraphs(input.scenario as unknown as Obj);

export function diagram(input: ReportInput): Block[] {
  const graphs = graphsOf(input);
  if (!graphs.length) return [missing('pathways or waiting lists: the scenario has none to draw.')];
  return [
    text('Boxes are the steps a patient takes, left to right; arcs above are branches forward, arcs below go back (readmission, a cancelled operation back on the list), each labelled with its share or rule.'),
    ...graphs.map((graph) => ({ kind: 'diagram' as const, graph })),
  ];
}

/** A graph in sentences: each step with what it holds and takes, then where it leads. */
function inWords(g: PathwayGraph): string[] {
  return g.nodes.map((node, i) => {
    const out = g.edges.filter((e) => e.from === i).map((e) => `${g.nodes[e.to].title}${e.label ? ` (${e.label})` : ''}`);
    const what = node.lines.filter(Boolean).join('; ');
    return `${node.title}${what ? `: ${what}` : ''}${out.length ? ` → ${out.join(', ')}` : ''}`;
  });
}

export function baseLogic(input: ReportInput): Block[] {
  const graphs = graphsOf(input);
  if (!graphs.length) return [missing('pathways or waiting lists: the scenario has none.')];
  return graphs.flatMap((g) => [text(`${g.title}, ${g.subtitle}:`), list(inWords(g))]);
}

export function scenarioLogic({ scenario: s }: ReportInput): Block[] {
  if (!s.variants.length) return [text('No variants: the base model is the only scenario.')];
  return s.variants.flatMap((v) => {
    const rows = parameterRows(v.patch).map((r) => [r.path, r.value]);
    return [
      text(`${v.name} (${v.id})${v.description ? `: ${v.description}` : ''}`),
      rows.length ? table(`What “${v.name}” changes from the base (a patch; anything not listed is as in the base)`, ['parameter', 'value in this option'], rows) : text('It changes nothing.'),
    ];
  });
}

const has = (x: unknown, key: string): boolean => {
  if (Array.isArray(x)) return x.some((e) => has(e, key));
  if (x && typeof x === 'object') return Object.entries(x).some(([k, v]) => (k === key && v !== undefined && v !== null) || has(v, key));
  return false;
};

export function algorithms(input: ReportInput): Block[] {
  const s = input.scenario as unknown as Obj;
  const found: string[] = [];
  if (has(s.classes, 'byHour') || has(s.classes, 'byWeekday') || s.seasons) found.push('Arrivals whose rate varies by hour, weekday or season are drawn by thinning (Lewis & Shedler 1979): candidates at the peak rate, each kept with probability rate(t) / peak.');
  if (has(s.classes, 'appointments')) found.push('Booked arrivals: appointments at the times of their slots, not random.');
  if (has(s.pathways, 'overflowTo')) found.push('Overflow: a patient finding no bed on the own ward takes one on the first listed overflow ward with one free (an outlier).');
  if (has(s.pathways, 'rules')) found.push('Decision rules: at a branch, the first rule whose conditions hold (attributes, or the time since a step) chooses the next step; shares split patients at random.');
  if (has(s.pathways, 'patience')) found.push('Patience: a patient waiting longer than a drawn patience leaves the queue (reneging).');
  if (has(s.pathways, 'queueLimit')) found.push('Queue limits: a patient finding the line full is turned away (diverted) or blocks upstream, as the scenario says.');
  if (has(s.sites, 'escalation')) found.push('Escalation: extra beds open (and staff are called in, where the scenario names them) some hours after a ward’s occupancy has stayed above a threshold for a time, and close (the staff go home) after it has stayed below another.');
  if (has(s.sites, 'staff') && (s.sites as Obj[]).some((x) => Array.isArray(x.staff) && x.staff.length)) {
    const policy = (s.sites as Obj[]).map((x) => String(x.allocation ?? 'cheapest'));
    found.push(`Skill mix: a task needs a skill; the free qualified person who takes it is chosen by the site's allocation policy (${[...new Set(policy)].join(', ')}: the cheapest per hour, or the first listed).`);
  }
  const lists = (s.waitingLists ?? []) as Obj[];
  if (lists.length) found.push('Booking: a waiting list books its patients into sessions or slots by clinical priority, then longest wait' +
    (lists.some((l) => l.bedCutoffHours !== undefined || l.ward !== undefined) ? '; an operation whose bed is not free by the cut-off is cancelled on the day and the patient goes back on the list' : '') + '.');
  if (Array.isArray(s.mutualAid) && s.mutualAid.length) found.push('Mutual aid: patients waiting beyond a threshold are offered a transfer to a site with a shorter expected wait, accepted with a probability, within a weekly capacity.');
  if (has(s.pathways, 'season') || has(s.waitingLists, 'season')) found.push('Seasons multiply durations (and arrival rates) by month or date ranges.');
  if (!found.length) return [text('None beyond the queueing logic of sections 2.5.x: arrivals, steps and resources as described.')];
  return [list(found)];
}

