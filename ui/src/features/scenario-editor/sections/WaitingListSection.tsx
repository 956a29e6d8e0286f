// Elective waiting lists: referrals, how sessions are booked, when an operation is
// cancelled for want of a bed, length of stay after surgery.
import { LongList } from '../../../components/LongList.tsx';
import { useField, useForm } from '../form-context.tsx';
import { DurationField, NumberField, NumberListField } from '../fields.tsx';
import { Section, list, nameOf } from './common.tsx';
import { ExtraSessions } from './ExtraSessions.tsx';

export function WaitingListSection() {
  const f = useForm();
  const lists = list(f.doc.waitingLists);
  if (lists.length === 0) return null;
  return (
    <Section id="sec-lists" title="Waiting lists, booking and cancellations" path={['waitingLists']}
      intro="Sessions are booked from the list by clinical priority, then longest wait. On the day, a patient without a bed by the cut-off is cancelled and goes back on the list.">
      <LongList count={lists.length} path={['waitingLists']} wanted={f.wanted} noun="waiting lists">{(li) => {
        const l = lists[li];
        const p = ['waitingLists', li];
        // A list booked into clinic or scanner slots has no ward, theatres or stay.
        const slots = l.bookInto as { clinics?: unknown; scanners?: unknown } | undefined;
        const rooms = slots ? list(slots.clinics ?? slots.scanners).map(String) : [];
        return (
          <div className="subsection" key={li}>
            {slots
              ? <h4>{nameOf(l)} <span className="muted">— booked into {slots.scanners ? 'scanners' : 'clinics'} {rooms.join(', ')}</span></h4>
              : <h4>{nameOf(l)} <span className="muted">— ward {String(l.ward)}, theatres {(Array.isArray(l.theatres) ? l.theatres : []).join(', ')}</span></h4>}
            {!slots && <ListTheatres li={li} site={String(l.site)} />}
            <div className="field-row">
              {list(l.referrals).map((r, k) => <NumberField key={k} path={[...p, 'referrals', k, 'perWeek']} label={`Referrals per week, ${String(r.class)}`} />)}
            </div>
            <div className="field-row">
              <NumberField path={[...p, 'casesPerSession']} label="Most cases per session" placeholder="no limit" />
              <NumberField path={[...p, 'bookingLeadHours']} label="Called in before the session" unit="hours" placeholder="1" />
              <NumberField path={[...p, 'bedCutoffHours']} label="Bed needed by, after the start" unit="hours" placeholder="0" hint="or cancelled on the day" />
            </div>
            {slots
              ? <div className="field-row"><NumberField path={[...p, 'bookInto', 'slotMinutes']} label="Slot length" unit="minutes" /></div>
              : <>
                  <DurationField path={[...p, 'plannedCase']} label="Planned time per case (what booking fills sessions with)" />
                  <DurationField path={[...p, 'stay']} label="Length of stay after surgery" />
                </>}
            <div className="field-row">
              <NumberListField path={[...p, 'overWeeks']} label="Report the share of the list waiting over (weeks)" placeholder="e.g. 6 or 18, 52" hint="DM01: 6; RTT: 18, 52, 65, 78" />
            </div>
            <ExtraSessions li={li} l={l} kind={slots ? (slots.scanners ? 'scanner' : 'clinic') : 'theatre'}
              rooms={slots ? rooms : (Array.isArray(l.theatres) ? l.theatres.map(String) : [])} />
            {l.dna !== undefined && (
              <div className="field-row">
                <NumberField path={[...p, 'dna', 'probability']} label="Did not attend (DNA) rate" hint="0 to 1; the slot is lost, the patient rebooked" />
                <NumberField path={[...p, 'dna', 'dischargeAfter']} label="Discharged after this many DNAs" placeholder="never" />
              </div>
            )}
            {l.delayedDischarge !== undefined && (
              <div className="entry">
                <div className="field-row"><NumberField path={[...p, 'delayedDischarge', 'probability']} label="Share delayed once medically fit" hint="0 to 1" /></div>
                <DurationField path={[...p, 'delayedDischarge', 'duration']} label="Delay" />
              </div>
            )}
            {l.initialList !== undefined && (l.initialList as { patients?: unknown }).patients !== undefined && (
              <div className="field-row">
                <NumberField path={[...p, 'initialList', 'patients']} label="Patients on the list at the start" />
                <NumberField path={[...p, 'initialList', 'oldestWeeks']} label="Longest wait at the start" unit="weeks" />
              </div>
            )}
          </div>
        );
      }}</LongList>
    </Section>
  );
}

/** Which of the site's theatres are booked from this list, as checkboxes. */
function ListTheatres({ li, site }: { li: number; site: string }) {
  const f = useForm();
  const field = useField<string[]>(['waitingLists', li, 'theatres']);
  const theatres = list(list(f.doc.sites).find((x) => x.id === site)?.theatres).map((t) => String(t.id));
  const chosen = new Set(field.value ?? []);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id); else next.add(id);
    field.set(theatres.filter((t) => next.has(t)));
  };
  return (
    <fieldset className={`days${field.error ? ' field--error' : ''}`}>
      <legend>Theatres booked from this list</legend>
      {theatres.map((t) => <label key={t} className="days__day"><input type="checkbox" checked={chosen.has(t)} onChange={() => toggle(t)} /> {t}</label>)}
      {field.error && <span className="field__error" role="alert">{field.error}</span>}
    </fieldset>
  );
}
