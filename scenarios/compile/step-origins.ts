// Where each engine step came from, for anything that reports a patient's journey in the
// scenario's words (the event log, runner/event-log/): a scenario step becomes several
// engine steps (pathway.ts), of which only the first carries the step's id in its label
// ("<class>:<step>"); side routes carry it too ("<class>:<step>:left:place",
// "<class>:<step>~1"), and unlabelled engine steps ("stroke[4]") belong to the labelled
// one before them. Pools map back to wards, theatres, rooms and staff the same way (site.ts).
import type { CompiledModel } from '../../engine/core/model.ts';
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Layout } from './compile.ts';

export interface StepOrigin {
  /** The scenario step's id ("triage"), a waiting list's engine label ("admit", "stay"), or "arrival" before the first step. */
  step: string;
  /** The scenario step's kind (task, admit, stay, operate, …), "waiting-list" or "clinic-list" for a list's steps, "arrival" before the first. */
  kind: string;
  site: string;
}

export type ResourceType = 'ward' | 'cubicle' | 'chair' | 'trolley' | 'theatre' | 'clinic' | 'scanner' | 'staff' | 'delayed-discharge' | 'waiting-list';

export interface ResourceOrigin {
  type: ResourceType;
  /** The scenario's id of the ward, theatre, room or list; a site's staff pool is "staff". */
  id: string;
  site: string;
}

/** Engine pools that are bookkeeping, not places: the ED clock and outlier counts. Their events are not a patient's. */
export type Resources = Map<string, ResourceOrigin | null>;

/** The scenario step each compiled step belongs to, by index in model.steps. */
export function stepOrigins(s: ScenarioCore, model: CompiledModel): StepOrigin[] {
  const classes = new Map(s.classes.filter((c) => c.pathway !== undefined).map((c) => [c.id, c]));
  const lists = new Map(s.waitingLists.map((l) => [l.id, l]));
  const out: StepOrigin[] = [];
  let pid = '';
  let current: StepOrigin = { step: 'arrival', kind: 'arrival', site: '' };
  let ids: { id: string; do: string }[] = [];
  for (const st of model.steps) {
    const m = /^pathways\.(.*)\[(\d+)\]$/.exec(st.path);
    const p = m ? m[1] : '';
    const unlabelled = st.label === `${p}[${m?.[2]}]`;
    if (p !== pid) {
      pid = p;
      const c = classes.get(p);
      ids = c ? s.pathways[c.pathway!] : [];
      const listId = p.replace(/^(elective|clinic-list):/, '');
      current = { step: 'arrival', kind: 'arrival', site: c?.site ?? lists.get(listId)?.site ?? '' };
    }
    if (!unlabelled) {
      if (classes.has(p)) {
        const rest = st.label.startsWith(`${p}:`) ? st.label.slice(p.length + 1) : '';
        // The longest step id the label starts with ("a-b" before "a" for "a-b:left").
        let best: { id: string; do: string } | undefined;
        for (const x of ids)
          if ((rest === x.id || rest.startsWith(`${x.id}~`) || rest.startsWith(`${x.id}:`)) && (!best || x.id.length > best.id.length)) best = x;
        if (best) current = { step: best.id, kind: best.do, site: current.site };
      } else {
        current = { step: st.label, kind: p.startsWith('clinic-list:') ? 'clinic-list' : 'waiting-list', site: current.site };
      }
    }
    out.push(current);
  }
  return out;
}

/** Every pool and store of the compiled model as a place (ward, cubicle, chair, trolley: the site's kind), theatre, room, staff or list (null: bookkeeping). */
export function resourceOrigins(layout: Layout): Resources {
  const r: Resources = new Map();
  for (const w of layout.wards) {
    r.set(w.pool, { type: w.kind as ResourceType, id: w.id, site: w.site });
    if (w.delayed) r.set(w.delayed, { type: 'delayed-discharge', id: w.id, site: w.site });
    if (w.outliers) r.set(w.outliers, null);
  }
  for (const t of layout.theatres) r.set(t.pool, { type: 'theatre', id: t.id, site: t.site });
  for (const room of layout.rooms ?? []) r.set(room.pool, { type: room.kind, id: room.id, site: room.site });
  for (const t of layout.teams) r.set(t.pool, { type: 'staff', id: 'staff', site: t.site });
  for (const pool of Object.keys(layout.edClocks)) r.set(pool, null);
  for (const id of layout.lists) r.set(`list:${id}`, { type: 'waiting-list', id, site: '' });
  return r;
}
