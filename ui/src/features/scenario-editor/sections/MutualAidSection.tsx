// Mutual aid: long waiters offered a transfer to another site's list.
import { useForm } from '../form-context.tsx';
import { DurationField, NumberField } from '../fields.tsx';
import { Section, list, nameOf } from './common.tsx';

export function MutualAidSection() {
  const f = useForm();
  const aid = list(f.doc.mutualAid);
  const lists = list(f.doc.waitingLists);
  if (lists.length < 2) return null;
  const add = () => f.set(['mutualAid'], [...aid, {
    id: aid.length ? `aid-${aid.length + 1}` : 'aid', lists: lists.map((l) => l.id),
    thresholdWeeks: 40, acceptance: 0.25, transferDelay: { dist: 'uniform', min: 2, max: 4, unit: 'days' }, weeklyCap: 5,
  }]);
  return (
    <Section id="sec-aid" title="Mutual aid between sites" path={['mutualAid']}
      intro="Every week, patients waiting longer than the threshold are offered a list expected to treat them sooner.">
      {aid.length === 0 && <p className="muted">No mutual aid in this scenario.</p>}
      {aid.map((m, mi) => (
        <div className="subsection" key={mi}>
          <h4>{nameOf(m)} <span className="muted">— lists {(Array.isArray(m.lists) ? m.lists : []).join(', ')}</span>
            <button type="button" className="link-button" onClick={() => f.set(['mutualAid'], aid.filter((_, k) => k !== mi))}>remove</button></h4>
          <div className="field-row">
            <NumberField path={['mutualAid', mi, 'thresholdWeeks']} label="Offer after waiting" unit="weeks" />
            <NumberField path={['mutualAid', mi, 'acceptance']} label="Share who accept an offer" hint="0 to 1" />
            <NumberField path={['mutualAid', mi, 'weeklyCap']} label="Most transfers a week" />
            <NumberField path={['mutualAid', mi, 'marginWeeks']} label="Only if sooner by at least" unit="weeks" placeholder="4" />
          </div>
          <DurationField path={['mutualAid', mi, 'transferDelay']} label="Time from accepting to joining the other list" />
        </div>
      ))}
      {aid.length === 0 && <button type="button" onClick={add}>Add mutual aid between all lists</button>}
    </Section>
  );
}
