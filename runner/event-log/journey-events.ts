// A replication's entity events (the engine's observer, engine/core/results.ts) in the
// scenario's words: one JourneyEvent per patient event, with the patient's class, the
// scenario step and its kind (scenarios/compile/step-origins.ts), the ward, theatre, room
// or staff member, a lifecycle and, on leaving, the outcome. Bookkeeping pools (the ED
// clock, outlier counts) and capacity changes are left out: they are not a patient's.
import type { Simulation } from '../../engine/core/simulation.ts';
import type { SimEvent } from '../../engine/core/results.ts';
import type { HospitalModel } from '../../scenarios/compile/compile.ts';
import type { ScenarioCore } from '../../scenarios/schema/scenario.ts';
import { stepOrigins, resourceOrigins, type StepOrigin, type ResourceType } from '../../scenarios/compile/step-origins.ts';
import { LEFT_UNSEEN, DIVERTED } from '../../scenarios/compile/pathway.ts';

/**
 * arrive: the patient arrives; wait: joins a line for a resource (or a waiting list);
 * start / complete: holds / gives up a resource (a bed, theatre, room, staff member);
 * suspend / resume: preempted and back; block: blocked by a full line; renege: left a
 * line (patience or a deadline ran out); divert: turned away by a full line;
 * leave: leaves the system, with its outcome.
 */
export type Lifecycle = 'arrive' | 'wait' | 'start' | 'complete' | 'suspend' | 'resume' | 'block' | 'renege' | 'divert' | 'leave';
export const LIFECYCLES: readonly Lifecycle[] = ['arrive', 'wait', 'start', 'complete', 'suspend', 'resume', 'block', 'renege', 'divert', 'leave'];

/** How a patient left: discharged (treated), left unseen, diverted, another named way out, or still there at the end. */
export type Outcome = 'treated' | 'reneged' | 'diverted' | 'in-system' | string;

export interface JourneyEvent {
  /** The patient's arrival number in the replication (1, 2, …). */
  patient: number;
  cls: string;
  site: string;
  /** The scenario step (or a waiting list's step); "arrival" before the first. */
  activity: string;
  kind: string;
  resourceType: ResourceType | '';
  /** The ward, theatre, room or list id; a staff member's id for staff. */
  resource: string;
  /** A staff member's role (staff only). */
  role: string;
  lifecycle: Lifecycle;
  /** On leave: how; on renege at a list's theatre, bed or slot: why the patient goes back to the list (cancelled-no-theatre, cancelled-no-bed, lost-slot). */
  outcome: Outcome;
  /** Hours from the start of the run (time 0). */
  time: number;
}

const TYPE: Partial<Record<SimEvent['type'], Lifecycle>> = {
  arrive: 'arrive', queue: 'wait', seize: 'start', release: 'complete', preempt: 'suspend', resume: 'resume',
  block: 'block', renege: 'renege', divert: 'divert', exit: 'leave', enter: 'wait', take: 'start',
};

/** A list's patient sent back to the list from a line (elective.ts, clinic-list.ts): what it means for them. */
const LIST_RETURNS: Record<string, string> = { 'no-theatre': 'cancelled-no-theatre', 'no-bed': 'cancelled-no-bed', 'not-seen': 'lost-slot' };

/** Names of the ways out as the log writes them. */
function outcomeName(name: string): Outcome {
  return name === LEFT_UNSEEN ? 'reneged' : name === DIVERTED ? 'diverted' : name;
}

/**
 * Listens to one simulation and hands each patient event to `emit` as it happens (one
 * reused object: read it during the call, copy what you keep); finish()
 * adds a "leave … in-system" event at the horizon for each patient still there. Memory:
 * the maps of steps and pools, and the staff member each patient holds (at most the
 * patients present).
 */
export class JourneyEvents {
  private readonly origins: StepOrigin[];
  private readonly stop: () => void;
  /** The staff member each entity holds, by the entity's index (1 + the member's place in `staff`; 0: none). A typed array, not a map: an entry per hold would live as long as the task and leave old garbage behind. */
  private holding = new Int32Array(256);

  constructor(private readonly sim: Simulation, h: HospitalModel, s: ScenarioCore, private readonly emit: (e: JourneyEvent) => void) {
    const model = h.model;
    this.origins = stepOrigins(s, model);
    const resources = resourceOrigins(h.layout);
    const members = new Map<string, { team: string; member: string; role: string; n: number }>();
    const staff: { member: string; role: string }[] = [];
    for (const t of model.teams) for (const m of t.members) members.set(`${t.id}:${m.id}`, { team: t.id, member: m.id, role: m.role, n: staff.push({ member: m.id, role: m.role }) });
    const classes = model.classes;
    const outcomes = model.outcomes;
    const view = sim.view;
    this.stop = sim.observe((ev, e) => {
      const lifecycle = TYPE[ev.type];
      if (lifecycle === undefined || e < 0) return;
      let resourceType: ResourceType | '' = '', resource = '', role = '';
      if (ev.pool !== '') {
        const member = members.get(ev.pool);
        const r = resources.get(member ? member.team : ev.pool);
        if (r === null) return; // bookkeeping
        if (r === undefined) resource = ev.pool;
        else {
          resourceType = r.type;
          resource = r.id;
          if (r.type === 'staff') {
            // A seize names the member; a release names the team: the member is the one held.
            if (e >= this.holding.length) {
              const bigger = new Int32Array(Math.max(e + 1, this.holding.length * 2));
              bigger.set(this.holding);
              this.holding = bigger;
            }
            if (member) this.holding[e] = member.n;
            const held = this.holding[e];
            if (held > 0) ({ member: resource, role } = staff[held - 1]);
            if (lifecycle === 'complete' || lifecycle === 'renege') this.holding[e] = 0;
          }
        }
      }
      const at = view.currentStep(e);
      const o = this.origins[at] ?? { step: ev.step, kind: '', site: '' };
      let outcome: Outcome = '';
      const st = view.model.steps[at];
      if (lifecycle === 'leave') outcome = (st?.outcome ?? -1) < 0 ? 'treated' : outcomeName(outcomes[st!.outcome]);
      // Where a line sends those who leave it: nowhere (they leave the system, and the engine
      // emits no exit for them), or a step; a list's step names a cancellation (no-theatre, no-bed, not-seen).
      const away = lifecycle === 'renege' ? st?.onRenege ?? -1 : lifecycle === 'divert' ? st?.divertTo ?? -1 : 0;
      if (lifecycle === 'renege' && away >= 0 && o.kind.endsWith('list')) outcome = LIST_RETURNS[this.origins[away]?.step ?? ''] ?? this.origins[away]?.step ?? '';
      const cls = classes[view.ent.cls[e]];
      // An arrival is its own activity, whatever step the pathway starts with.
      const activity = lifecycle === 'arrive' ? 'arrival' : o.step, kind = lifecycle === 'arrive' ? 'arrival' : o.kind;
      emit(this.fill(ev.entity, cls, o.site, activity, kind, resourceType, resource, role, lifecycle, outcome, ev.time));
      if (away < 0) emit(this.fill(ev.entity, cls, o.site, o.step, o.kind, '', '', '', 'leave', lifecycle === 'renege' ? 'reneged' : 'diverted', ev.time));
    }, { transient: true }); // nothing of the engine's event is kept: it may be the same object every time
  }

  /** The one event handed to `emit`, filled anew each time: no object per event (text-chunks.ts says why). */
  private readonly event: JourneyEvent = { patient: 0, cls: '', site: '', activity: '', kind: '', resourceType: '', resource: '', role: '', lifecycle: 'arrive', outcome: '', time: 0 };

  private fill(patient: number, cls: string, site: string, activity: string, kind: string, resourceType: ResourceType | '', resource: string, role: string, lifecycle: Lifecycle, outcome: Outcome, time: number): JourneyEvent {
    const x = this.event;
    x.patient = patient; x.cls = cls; x.site = site; x.activity = activity; x.kind = kind; x.resourceType = resourceType;
    x.resource = resource; x.role = role; x.lifecycle = lifecycle; x.outcome = outcome; x.time = time;
    return x;
  }

  /** Stops listening and reports every patient still in the system at the horizon. */
  finish(): void {
    this.stop();
    const view = this.sim.view;
    const classes = view.model.classes;
    const live = view.ent.live().sort((a, b) => view.ent.serial[a] - view.ent.serial[b]);
    for (const e of live) {
      const o = this.origins[view.currentStep(e)] ?? { step: '', kind: '', site: '' };
      this.emit(this.fill(view.ent.serial[e], classes[view.ent.cls[e]], o.site, o.step, o.kind, '', '', '', 'leave', 'in-system', view.now));
    }
  }
}
