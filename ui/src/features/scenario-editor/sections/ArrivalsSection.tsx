// Patient classes: how many arrive, how urgent they are. Elective classes arrive as
// referrals to a waiting list (that section).
import { LongList } from '../../../components/LongList.tsx';
import { useForm } from '../form-context.tsx';
import { DurationField, NumberField } from '../fields.tsx';
import { Section, list, nameOf } from './common.tsx';
import { ProfileBars } from './ProfileBars.tsx';

export function ArrivalsSection() {
  const f = useForm();
  const classes = list(f.doc.classes);
  return (
    <Section id="sec-arrivals" title="Patients arriving" path={['classes']} intro="Arrivals are random (Poisson) at the mean rate; a class may be shaped over the day or week (advanced editor).">
      <LongList count={classes.length} path={['classes']} wanted={f.wanted} noun="patient classes">{(ci) => {
        const c = classes[ci];
        const a = (c.arrivals ?? undefined) as Record<string, unknown> | undefined;
        return (
          <div className="entry" key={ci}>
            <div className="entry__title">
              <strong>{nameOf(c)}</strong>
              {c.ed === true && <span className="badge">emergency department</span>}
            </div>
            <div className="field-row">
              {a === undefined ? <span className="muted">Referred to a waiting list (see below).</span>
                : a.perWeek !== undefined ? <NumberField path={['classes', ci, 'arrivals', 'perWeek']} label="Arrivals per week" />
                : <NumberField path={['classes', ci, 'arrivals', 'perDay']} label="Arrivals per day" />}
              <NumberField path={['classes', ci, 'priority']} label="Priority (1 most urgent)" placeholder="3" />
              {Array.isArray(a?.byHour) && <ProfileBars weights={a.byHour as number[]} kind="hour" />}
              {Array.isArray(a?.byWeekday) && <ProfileBars weights={a.byWeekday as number[]} kind="weekday" />}
              {typeof a?.season === 'string' && <span className="badge">season: {a.season}</span>}
            </div>
            {Object.entries((c.attributes ?? {}) as Record<string, Record<string, unknown>>).map(([name, at]) => {
              const p = ['classes', ci, 'attributes', name];
              if (at.before) return <DurationField key={name} path={[...p, 'before']} label={`“${name}”: time from this event to arrival, drawn for each patient`} />;
              if (at.draw) return <DurationField key={name} path={[...p, 'draw']} label={`“${name}”: drawn for each patient at arrival`} />;
              if (at.oneOf) return (
                <fieldset className="duration" key={name}>
                  <legend>“{name}”: a category drawn for each patient at arrival (probabilities sum to 1)</legend>
                  <div className="field-row">
                    {Object.keys(at.oneOf as object).map((k) => <NumberField key={k} path={[...p, 'oneOf', k]} label={k} />)}
                  </div>
                </fieldset>
              );
              return null;
            })}
          </div>
        );
      }}</LongList>
    </Section>
  );
}
