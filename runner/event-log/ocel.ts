// The event log as OCEL 2.0 JSON (https://www.ocel-standard.org, the OCEL 2.0
// specification's JSON format): objectTypes, eventTypes, events (each related to its
// patient and, where there is one, its ward, theatre, room, staff member or list), objects.
// Written as the run goes: the header and each event as it happens, the objects at the
// end (keys of a JSON object have no order). Kept in memory meanwhile: each patient's
// class (two bytes a patient) and the resources seen (at most the model's).
import type { JourneyEvent } from './journey-events.ts';
import { LIFECYCLES } from './journey-events.ts';
import { isoTime } from './clock.ts';

/** Day 0 when the scenario has no time.startDate: OCEL needs dates, so hours count from 1970-01-01 00:00 UTC. */
export const OCEL_EPOCH = '1970-01-01';

export const OCEL_RESOURCE_TYPES = ['ward', 'cubicle', 'chair', 'trolley', 'theatre', 'clinic', 'scanner', 'staff', 'delayed-discharge', 'waiting-list'] as const;

const EVENT_ATTRIBUTES = [
  { name: 'class', type: 'string' }, { name: 'site', type: 'string' }, { name: 'activity', type: 'string' },
  { name: 'kind', type: 'string' }, { name: 'lifecycle', type: 'string' }, { name: 'outcome', type: 'string' },
  { name: 'role', type: 'string' }, { name: 'hours', type: 'float' },
];

/** An event's type: its activity and lifecycle ("triage start"), or "arrive" and "leave" alone. */
export function ocelEventType(e: { activity: string; lifecycle: string }): string {
  return e.lifecycle === 'arrive' || e.lifecycle === 'leave' ? e.lifecycle : `${e.activity} ${e.lifecycle}`;
}

// Numbers into ids through JSON.stringify, which writes the same digits as a template does
// but without V8's number-to-string cache: the cache keeps recent strings alive across young
// collections, so a million of them get promoted and grow the old space (text-chunks.ts).
export const patientObject = (n: number) => 'patient-' + JSON.stringify(n);
const resourceObject = (e: JourneyEvent) => `${e.resourceType}:${e.site}/${e.resource}`;

export class OcelEventLog {
  private n = 0;
  private classes: string[] = [];
  private classOf = new Uint16Array(1024);
  private maxPatient = 0;
  private readonly resources = new Map<string, { type: string; site: string; id: string; role: string }>();
  private readonly start: string;

  /** `activities`: every activity an event can name (the model's steps), for the declared event types. */
  constructor(private readonly push: (text: string) => void, startDate: string | undefined, activities: readonly string[]) {
    this.start = startDate ?? OCEL_EPOCH;
    const types = new Set<string>();
    for (const l of LIFECYCLES) for (const a of activities) types.add(ocelEventType({ activity: a, lifecycle: l }));
    const objectTypes = [
      { name: 'patient', attributes: [{ name: 'class', type: 'string' }] },
      ...OCEL_RESOURCE_TYPES.map((t) => ({ name: t, attributes: [{ name: 'site', type: 'string' }, ...(t === 'staff' ? [{ name: 'role', type: 'string' }] : [])] })),
    ];
    const eventTypes = [...types].map((name) => ({ name, attributes: EVENT_ATTRIBUTES }));
    push(`{"objectTypes":${JSON.stringify(objectTypes)},\n"eventTypes":${JSON.stringify(eventTypes)},\n"events":[`);
  }

  add(e: JourneyEvent): void {
    const time = isoTime(this.start, e.time);
    const rel = [{ objectId: patientObject(e.patient), qualifier: 'patient' }];
    if (e.resourceType !== '') {
      const id = resourceObject(e);
      if (!this.resources.has(id)) this.resources.set(id, { type: e.resourceType, site: e.site, id: e.resource, role: e.role });
      rel.push({ objectId: id, qualifier: e.resourceType });
    }
    this.remember(e.patient, e.cls);
    const attributes = [
      { name: 'class', value: e.cls }, { name: 'site', value: e.site }, { name: 'activity', value: e.activity },
      { name: 'kind', value: e.kind }, { name: 'lifecycle', value: e.lifecycle }, { name: 'outcome', value: e.outcome },
      { name: 'role', value: e.role }, { name: 'hours', value: e.time },
    ];
    this.push(`${this.n === 0 ? '\n' : ',\n'}${JSON.stringify({ id: 'e' + JSON.stringify(++this.n), type: ocelEventType(e), time, attributes, relationships: rel })}`);
  }

  /** Closes the events and writes the objects: every patient seen, then every resource. */
  end(): void {
    const t0 = isoTime(this.start, 0);
    this.push('\n],\n"objects":[');
    let first = true;
    const put = (o: unknown) => { this.push(`${first ? '\n' : ',\n'}${JSON.stringify(o)}`); first = false; };
    for (let p = 1; p <= this.maxPatient; p++) {
      const c = this.classOf[p];
      if (c === 0) continue;
      put({ id: patientObject(p), type: 'patient', attributes: [{ name: 'class', time: t0, value: this.classes[c - 1] }] });
    }
    for (const [id, r] of this.resources)
      put({ id, type: r.type, attributes: [{ name: 'site', time: t0, value: r.site }, ...(r.type === 'staff' ? [{ name: 'role', time: t0, value: r.role }] : [])] });
    this.push('\n]}\n');
  }

  private remember(patient: number, cls: string): void {
    if (patient >= this.classOf.length) {
      const bigger = new Uint16Array(Math.max(patient + 1, this.classOf.length * 2));
      bigger.set(this.classOf);
      this.classOf = bigger;
    }
    if (this.classOf[patient] === 0) {
      let c = this.classes.indexOf(cls);
      if (c < 0) c = this.classes.push(cls) - 1;
      this.classOf[patient] = c + 1;
    }
    if (patient > this.maxPatient) this.maxPatient = patient;
  }
}
