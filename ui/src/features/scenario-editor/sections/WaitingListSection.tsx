// Elective waiting lists: referrals, how sessions are booked, when an operation is
// cancelled for want of a bed, length of stay after surgery.
import { useForm } from '../form-context.tsx';
import { DurationField, NumberField } from '../fields.tsx';
import { Section, list, nameOf } from './common.tsx';

export function WaitingListSection() {
  const f = useForm();
  const lists = list(f.doc.waitingLists);
  if (lists.length === 0) return null;
  return (
    <Section id="sec-lists" title="Waiting lists, booking and cancellations" path={['waitingLists']}
      intro="Sessions are booked from the list by clinical priority, then longest wait. On the day, a patient without a bed by the cut-off is cancelled and goes back on the list.">
      {lists.map((l, li) => {
        const p = ['waitingLists', li];
        return (
          <div className="subsection" key={li}>
            <h4>{nameOf(l)} <span className="muted">— ward {String(l.ward)}, theatres {(Array.isArray(l.theatres) ? l.theatres : []).join(', ')}</span></h4>
            <div className="field-row">
              {list(l.referrals).map((r, k) => <NumberField key={k} path={[...p, 'referrals', k, 'perWeek']} label={`Referrals per week, ${String(r.class)}`} />)}
            </div>
            <div className="field-row">
              <NumberField path={[...p, 'casesPerSession']} label="Most cases per session" placeholder="no limit" />
              <NumberField path={[...p, 'bookingLeadHours']} label="Called in before the session" unit="hours" placeholder="1" />
              <NumberField path={[...p, 'bedCutoffHours']} label="Bed needed by, after the start" unit="hours" placeholder="0" hint="or cancelled on the day" />
            </div>
            <DurationField path={[...p, 'plannedCase']} label="Planned time per case (what booking fills sessions with)" />
            <DurationField path={[...p, 'stay']} label="Length of stay after surgery" />
            {l.delayedDischarge !== undefined && (
              <div className="entry">
                <div className="field-row"><NumberField path={[...p, 'delayedDischarge', 'probability']} label="Share delayed once medically fit" hint="0 to 1" /></div>
                <DurationField path={[...p, 'delayedDischarge', 'duration']} label="Delay" />
              </div>
            )}
            {l.initialList !== undefined && (
              <div className="field-row">
                <NumberField path={[...p, 'initialList', 'patients']} label="Patients on the list at the start" />
                <NumberField path={[...p, 'initialList', 'oldestWeeks']} label="Longest wait at the start" unit="weeks" />
              </div>
            )}
          </div>
        );
      })}
    </Section>
  );
}
