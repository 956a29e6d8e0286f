// The scenario's measures: the targets its results are judged by (door to needle within
// 60 minutes, referral to test within 6 weeks). The form changes a target and the
// centiles reported; what a measure measures (its points) is set in the advanced editor.
import { useForm } from '../form-context.tsx';
import { NumberField, NumberListField, SelectField } from '../fields.tsx';
import { Section, list, type Obj } from './common.tsx';

const UNITS = ['minutes', 'hours', 'days', 'weeks'].map((u) => ({ value: u, label: u }));

/** "arrival", "departure", "referral", "treatment" or a step and moment, in words. */
function point(p: unknown): string {
  if (typeof p === 'string') return p;
  const o = (p ?? {}) as Obj;
  return `${String(o.step)}${o.at && o.at !== 'reached' ? ` (${String(o.at)})` : ''}`;
}

/** What the measure measures, in words. */
export function describeMeasure(m: Obj): string {
  if (m.wait) {
    const w = m.wait as Obj;
    const what = w.place ? `a place (${String(w.place)})` : w.theatre ? `theatre ${String(w.theatre)}` : `a clinician with skill ${String(w.skill)}`;
    return `every wait for ${what} at ${String(w.site)}`;
  }
  const where = m.list ? `list ${String(m.list)}` : m.pathway ? `pathway ${String(m.pathway)}` : 'every pathway';
  return `${where}: ${point(m.from)} → ${point(m.to)}`;
}

export function MeasuresSection() {
  const f = useForm();
  const measures = list(f.doc.measures);
  if (measures.length === 0) return null;
  return (
    <Section id="sec-measures" title="Targets (measures)" path={['measures']}
      intro="Each measure reports the share of patients within its target, those over it, and centiles of the time, with their intervals. Add or change what a measure measures in the advanced editor.">
      {measures.map((m, i) => (
        <div className="subsection" key={i}>
          <h4>{typeof m.name === 'string' && m.name ? `${m.name} (${String(m.id)})` : String(m.id)} <span className="muted">— {describeMeasure(m)}</span></h4>
          <div className="field-row">
            <NumberField path={['measures', i, 'within', 'value']} label="Target: within" placeholder="no target" />
            <SelectField path={['measures', i, 'within', 'unit']} label="unit" options={UNITS} fallback="hours" />
            <NumberListField path={['measures', i, 'centiles']} label="Centiles to report" placeholder="50, 90, 95" hint="comma-separated, e.g. 50, 90, 95" />
          </div>
        </div>
      ))}
    </Section>
  );
}
