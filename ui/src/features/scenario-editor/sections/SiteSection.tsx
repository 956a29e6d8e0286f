// One site: beds per ward, the theatre timetable, and staff by role with their roster.
import { useState } from 'react';
import { useForm } from '../form-context.tsx';
import { bedsWithoutStaff } from '../../../lib/edit-effects.ts';
import { getAt } from '../../../lib/patch.ts';
import { ClockField, DaysField, IdListField, NumberField, RowMessage, SelectField, TextField } from '../fields.tsx';
import { Section, list, nameOf, type Obj } from './common.tsx';

const KINDS = [{ value: 'ward', label: 'ward beds' }, { value: 'cubicle', label: 'cubicles' }, { value: 'chair', label: 'chairs' }, { value: 'trolley', label: 'trolleys' }];

/**
 * Beds changed and the site's staff not: says so, and offers for each role the staff that
 * keeps its ratio to beds, as one edit. Compared with the site as it was when the form
 * opened on this option (the form is remounted for each option: ScenarioEditor keys it).
 */
function BedsAndStaff({ si }: { si: number }) {
  const f = useForm();
  const site = (getAt(f.doc, ['sites', si]) ?? {}) as Obj;
  const [opened] = useState(site);
  const effect = bedsWithoutStaff(opened, site);
  if (!effect) return null;
  return (
    <div className="message message--warn coupled-edit" role="status" data-coupled="">
      <p>{effect.text}</p>
      <p>{effect.offers.map((o) => (
        <button key={o.role} type="button" onClick={() => f.set(['sites', si, 'staff'], o.staff)}>{o.text}</button>
      ))}</p>
    </div>
  );
}

function Wards({ si }: { si: number }) {
  const f = useForm();
  const path = ['sites', si, 'wards'];
  const wards = list(getAt(f.doc, path));
  const addWard = () => {
    const taken = new Set(wards.map((w) => w.id));
    let id = 'new-ward';
    for (let i = 2; taken.has(id); i++) id = `new-ward-${i}`;
    f.set(path, [...wards, { id, name: 'New ward', beds: 20 }]);
  };
  return (
    <div className="subsection">
      <h4>Beds</h4>
      {wards.length === 0 && <p className="muted">No wards at this site.</p>}
      {wards.map((w, wi) => (
        <div className="entry" key={wi}>
          <div className="entry__title">
            <strong>{nameOf(w)}</strong>
            {Array.isArray(w.ringFencedFor) && <span className="badge">ring-fenced for {(w.ringFencedFor as string[]).join(', ')}</span>}
            <button type="button" className="link-button" onClick={() => f.set(path, wards.filter((_, k) => k !== wi))} aria-label={`Remove ward ${String(w.id)}`}>remove</button>
          </div>
          <div className="field-row">
            <NumberField path={[...path, wi, 'beds']} label="Beds open" />
            <SelectField path={[...path, wi, 'kind']} label="Kind" options={KINDS} fallback="ward" />
            <TextField path={[...path, wi, 'id']} label="Id" hint="used by pathways" />
            <TextField path={[...path, wi, 'name']} label="Name" wide />
          </div>
          {list(w.changes).map((_, ci) => (
            <div className="field-row field-row--nested" key={ci}>
              <NumberField path={[...path, wi, 'changes', ci, 'fromDay']} label="From day" />
              <NumberField path={[...path, wi, 'changes', ci, 'beds']} label="beds open" />
            </div>
          ))}
          <Escalation path={[...path, wi]} ward={w} si={si} />
        </div>
      ))}
      <BedsAndStaff si={si} />
      <button type="button" onClick={addWard}>Add a ward</button>
    </div>
  );
}

/** A ward's escalation beds: they open when occupancy stays high, and close with hysteresis. */
function Escalation({ path, ward, si }: { path: (string | number)[]; ward: Obj; si: number }) {
  const f = useForm();
  const e = ward.escalation as Obj | undefined;
  const roles = list(getAt(f.doc, ['sites', si, 'staff'])).map((r) => String(r.role));
  if (!e) {
    return ward.kind === undefined || ward.kind === 'ward'
      ? <button type="button" className="link-button" onClick={() => f.set([...path, 'escalation'], { beds: 6, openAt: 0.95, forHours: 4, openingDelayHours: 6, closeBelow: 0.85, closeForHours: 24 })}
          aria-label={`Add escalation beds to ward ${String(ward.id)}`}>add escalation beds</button>
      : null;
  }
  const p = [...path, 'escalation'];
  return (
    <fieldset className="escalation">
      <legend>Escalation <button type="button" className="link-button" onClick={() => f.set(p, undefined)} aria-label={`Remove escalation of ward ${String(ward.id)}`}>remove</button></legend>
      <div className="field-row field-row--nested">
        <NumberField path={[...p, 'beds']} label="Escalation beds" placeholder="0" />
        <NumberField path={[...p, 'openAt']} label="Open when occupancy reaches" hint="0 to 1, e.g. 0.95" />
        <NumberField path={[...p, 'forHours']} label="for" unit="hours" placeholder="0" />
        <NumberField path={[...p, 'openingDelayHours']} label="Open after (staffing them)" unit="hours" placeholder="0" />
      </div>
      <div className="field-row field-row--nested">
        <NumberField path={[...p, 'closeBelow']} label="Close when occupancy stays below" hint="below the opening level" />
        <NumberField path={[...p, 'closeForHours']} label="for" unit="hours" placeholder="0" />
        <NumberField path={[...p, 'hourlyCostPerBed']} label="Cost per bed per hour open" unit="£" placeholder="0" />
      </div>
      <EscalationStaff path={[...p, 'staff']} staff={list(e.staff)} roles={roles} ward={String(ward.id)} />
    </fieldset>
  );
}

/** People of the site's roles called in while the escalation is open (on duty only then). */
function EscalationStaff({ path, staff, roles, ward }: { path: (string | number)[]; staff: Obj[]; roles: string[]; ward: string }) {
  const f = useForm();
  const options = roles.map((r) => ({ value: r, label: r }));
  return (
    <div className="escalation-staff">
      {staff.map((x, k) => (
        <div className="field-row field-row--nested" key={k}>
          {/* A role no longer at the site stays listed, so the select shows what the file says (and check names it). */}
          <SelectField path={[...path, k, 'role']} label={`Called in ${k + 1}: role`} options={roles.includes(String(x.role)) ? options : [...options, { value: String(x.role), label: `${String(x.role)} (not a role here)` }]} />
          <NumberField path={[...path, k, 'count']} label="people" unit="people" />
          <NumberField path={[...path, k, 'hourlyCost']} label="Cost per hour on duty" unit="£" placeholder="the role's" />
          <button type="button" className="link-button" onClick={() => f.set(path, staff.length > 1 ? staff.filter((_, j) => j !== k) : undefined)}
            aria-label={`Remove staff called in ${k + 1} of ward ${ward}`}>remove</button>
        </div>
      ))}
      {roles.length > 0
        ? <button type="button" onClick={() => f.set(path, [...staff, { role: roles[0], count: 1 }])}>Call in staff with it</button>
        : <p className="muted">Add staff roles to this site to call people in with the escalation.</p>}
    </div>
  );
}

function Theatres({ si }: { si: number }) {
  const f = useForm();
  const path = ['sites', si, 'theatres'];
  const theatres = list(getAt(f.doc, path));
  const addTheatre = () => {
    const taken = new Set([...theatres.map((t) => t.id), ...list(getAt(f.doc, ['sites', si, 'wards'])).map((w) => w.id)]);
    // The next number after the site's own "thN" theatres (th1…th4 → th5).
    const numbers = theatres.map((t) => /^th(\d+)$/.exec(String(t.id))?.[1]).filter(Boolean).map(Number);
    let n = numbers.length ? Math.max(...numbers) + 1 : 1;
    while (taken.has(`th${n}`)) n++;
    const id = `th${n}`;
    f.set(path, [...theatres, { id, name: 'New theatre', sessions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '16:30' }] }]);
  };
  return (
    <div className="subsection">
      <h4>Theatres and their weekly sessions</h4>
      {theatres.length === 0 && <p className="muted">No theatres at this site.</p>}
      {theatres.map((t, ti) => {
        const sessions = list(t.sessions);
        const spath = [...path, ti, 'sessions'];
        return (
          <div className="entry" key={ti}>
            <div className="entry__title"><strong>{nameOf(t)}</strong> <span className="muted">{sessions.length} session pattern{sessions.length === 1 ? '' : 's'}</span></div>
            {sessions.map((_, k) => (
              <div key={k}>
                <div className="field-row field-row--nested">
                  <DaysField path={[...spath, k, 'days']} label={`Session ${k + 1}: days`} />
                  <ClockField path={[...spath, k, 'start']} label="starts" />
                  <ClockField path={[...spath, k, 'end']} label="ends" />
                  <button type="button" className="link-button" disabled={sessions.length <= 1}
                    onClick={() => f.set(spath, sessions.filter((__, j) => j !== k))} aria-label={`Remove session ${k + 1} of theatre ${String(t.id)}`}>remove</button>
                </div>
                <RowMessage path={[...spath, k]} />
              </div>
            ))}
            <button type="button" onClick={() => f.set(spath, [...sessions, { days: ['mon'], start: '08:30', end: '16:30' }])}>Add a session</button>{' '}
            <button type="button" className="link-button" onClick={() => f.set(path, theatres.filter((_, k) => k !== ti))} aria-label={`Remove theatre ${String(t.id)}`}>remove theatre</button>
          </div>
        );
      })}
      <button type="button" onClick={addTheatre}>Add a theatre</button>
      <p className="field__hint">A new theatre takes elective patients once it is ticked under its waiting list below.</p>
    </div>
  );
}

function Staff({ si }: { si: number }) {
  const f = useForm();
  const path = ['sites', si, 'staff'];
  const roles = list(getAt(f.doc, path));
  const addRole = () => {
    const taken = new Set(roles.map((r) => r.role));
    let id = 'new-role';
    for (let i = 2; taken.has(id); i++) id = `new-role-${i}`;
    f.set(path, [...roles, { role: id, skills: [], hourlyCost: 0, count: 1 }]);
  };
  return (
    <div className="subsection">
      <h4>Staff by role</h4>
      {roles.length === 0 && <p className="muted">No staff at this site.</p>}
      {roles.map((r, ri) => {
        const shifts = list(r.shifts);
        const rpath = [...path, ri];
        return (
          <div className="entry" key={ri}>
            <div className="entry__title"><strong>{String(r.role)}</strong>
              <button type="button" className="link-button" onClick={() => f.set(path, roles.filter((_, k) => k !== ri))} aria-label={`Remove role ${String(r.role)}`}>remove</button></div>
            <div className="field-row">
              <TextField path={[...rpath, 'role']} label="Role" />
              <IdListField path={[...rpath, 'skills']} label="Can do (skills, separated by commas)" hint="the skills that pathway tasks name" />
            </div>
            <div className="field-row">
              <NumberField path={[...rpath, 'hourlyCost']} label="Cost per hour on duty" unit="£" placeholder="0" />
              {r.shifts === undefined && <NumberField path={[...rpath, 'count']} label="Always on duty" unit="people" />}
            </div>
            {shifts.map((_, k) => (
              <div className="field-row field-row--nested" key={k}>
                <DaysField path={[...rpath, 'shifts', k, 'days']} label={`Shift ${k + 1}: days`} />
                <ClockField path={[...rpath, 'shifts', k, 'start']} label="starts" />
                <ClockField path={[...rpath, 'shifts', k, 'end']} label="ends" />
                <NumberField path={[...rpath, 'shifts', k, 'count']} label="on duty" unit="people" />
                <button type="button" className="link-button" disabled={shifts.length <= 1}
                  onClick={() => f.set([...rpath, 'shifts'], shifts.filter((__, j) => j !== k))} aria-label={`Remove shift ${k + 1} of ${String(r.role)}`}>remove</button>
              </div>
            ))}
            <RowMessage path={rpath} />
            {r.shifts !== undefined && <button type="button" onClick={() => f.set([...rpath, 'shifts'], [...shifts, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', count: 1 }])}>Add a shift for {String(r.role)}</button>}
          </div>
        );
      })}
      <button type="button" onClick={addRole}>Add a role</button>
    </div>
  );
}

export function SiteSection({ si }: { si: number }) {
  const f = useForm();
  const site = (getAt(f.doc, ['sites', si]) ?? {}) as Obj;
  return (
    <Section id={`sec-site-${si}`} title={`Site: ${nameOf(site)}`} path={['sites', si]}>
      <Wards si={si} />
      <Theatres si={si} />
      <Staff si={si} />
    </Section>
  );
}
