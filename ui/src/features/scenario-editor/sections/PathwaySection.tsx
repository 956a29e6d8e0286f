// The numbers inside each pathway: times in ED and theatre, lengths of stay, delayed
// discharges and the probabilities of each branch. The steps themselves are drawn in the
// pathway diagram and changed in the advanced editor.
import { LongList } from '../../../components/LongList.tsx';
import { useForm } from '../form-context.tsx';
import { DurationField, NumberField, RowMessage } from '../fields.tsx';
import { Section, list, type Obj } from './common.tsx';
import { describeRule } from '../../../../../scenarios/diagram/pathway-graph.ts';

const BOUNDS = { under: 'under', atMost: 'at most', atLeast: 'at least', over: 'over' } as const;

const STEP_WORDS: Record<string, string> = {
  task: 'task', admit: 'admission', stay: 'length of stay', operate: 'operation', 'delay-discharge': 'delayed discharge',
  branch: 'branch', readmit: 'readmission', discharge: 'discharge',
};

function StepNumbers({ pid, i, step }: { pid: string; i: number; step: Obj }) {
  const p = ['pathways', pid, i];
  const title = `${STEP_WORDS[String(step.do)] ?? String(step.do)} “${String(step.id)}”`;
  switch (step.do) {
    case 'task': return <DurationField path={[...p, 'duration']} label={`${title}${step.place ? ` in ${String(step.place)}` : ''}${step.skill ? `, by ${String(step.skill)}` : ''}: time taken`} />;
    case 'stay': return <DurationField path={[...p, 'duration']} label={`${title}`} />;
    case 'operate': return <DurationField path={[...p, 'duration']} label={`${title}${step.theatre ? ` in ${String(step.theatre)}` : ''}: time in theatre`} />;
    case 'delay-discharge':
      return (
        <div className="entry">
          <div className="field-row"><NumberField path={[...p, 'probability']} label={`${title}: share of patients delayed`} hint="0 to 1" /></div>
          <DurationField path={[...p, 'duration']} label="extra time in the bed" />
        </div>
      );
    case 'readmit':
      return (
        <div className="entry">
          <div className="field-row"><NumberField path={[...p, 'probability']} label={`${title}: share readmitted`} hint="0 to 1" /></div>
          <DurationField path={[...p, 'afterDays']} label="time at home before coming back" />
        </div>
      );
    case 'branch':
      if (step.rules) {
        // Rules: their conditions in words; the numbers a rule holds (its bounds, its share) to edit.
        return (
          <fieldset className="duration">
            <legend>{title}: the first rule that holds sends the patient on; otherwise to “{String(step.otherwise)}”</legend>
            {list(step.rules).map((r, k) => (
              <div className="field-row" key={k}>
                <span className="field__hint">Rule {k + 1}: {describeRule(r)} → “{String(r.to)}”</span>
                {typeof r.probability === 'number' && <NumberField path={[...p, 'rules', k, 'probability']} label={`rule ${k + 1}: share taking it`} hint="0 to 1" />}
                {[...(r.if ? [['if'] as (string | number)[]] : []), ...list(r.ifAll).map((_, j) => ['ifAll', j])].flatMap((cp) => {
                  const c = (cp.length === 1 ? r.if : list(r.ifAll)[cp[1] as number]) as Obj;
                  return (['under', 'atMost', 'atLeast', 'over'] as const).filter((b) => c[b] !== undefined)
                    .map((b) => <NumberField key={`${cp.join('-')}-${b}`} path={[...p, 'rules', k, ...cp, b]} label={`rule ${k + 1}: ${String(c.attribute ?? 'time')} ${BOUNDS[b]}`} unit={typeof c.unit === 'string' ? c.unit : undefined} />);
                })}
              </div>
            ))}
          </fieldset>
        );
      }
      return (
        <fieldset className="duration">
          <legend>{title}: where patients go next (probabilities sum to 1)</legend>
          <div className="field-row">
            {list(step.options).map((o, k) => <NumberField key={k} path={[...p, 'options', k, 'probability']} label={`to “${String(o.to)}”`} />)}
          </div>
        </fieldset>
      );
    default: return null;
  }
}

export function PathwaySection() {
  const f = useForm();
  const pathways = (f.doc.pathways ?? {}) as Record<string, Obj[]>;
  const ids = Object.keys(pathways);
  if (ids.length === 0) return null;
  return (
    <Section id="sec-pathways" title="Times, lengths of stay and branches" path={['pathways']}>
      <LongList count={ids.length} path={['pathways']} keys={ids} wanted={f.wanted} noun="pathways">{(k) => {
        const pid = ids[k];
        return (
          <div className="subsection" key={pid}>
            <h4>Pathway “{pid}”</h4>
            {list(pathways[pid]).map((step, i) => (
              <div key={i}>
                <StepNumbers pid={pid} i={i} step={step} />
                <RowMessage path={['pathways', pid, i]} />
              </div>
            ))}
          </div>
        );
      }}</LongList>
    </Section>
  );
}
