// Patient classes: how many arrive, how urgent they are. Elective classes arrive as
// referrals to a waiting list (that section).
import { useEffect, useState } from 'react';
import { LongList } from '../../../components/LongList.tsx';
import { useForm } from '../form-context.tsx';
import { DurationField, NumberField } from '../fields.tsx';
import { Section, list, nameOf } from './common.tsx';
import { ProfileBars } from './ProfileBars.tsx';

type Unit = 'perWeek' | 'perDay';

/**
 * A class's rate in the unit it was written in. The unit is kept while the field is empty
 * (the document then has neither key), so clearing "Arrivals per week" to type a new number
 * does not turn it into "per day" under the cursor and store the number 7× too large.
 */
function RateField({ ci, arrivals }: { ci: number; arrivals: Record<string, unknown> }) {
  const present: Unit | null = arrivals.perWeek !== undefined ? 'perWeek' : arrivals.perDay !== undefined ? 'perDay' : null;
  const [unit, setUnit] = useState<Unit>(present ?? 'perDay');
  // Follow a change made elsewhere (the advanced editor, switching option); never a clearing.
  useEffect(() => { if (present) setUnit(present); }, [present]);
  const per = unit === 'perWeek' ? 'week' : 'day';
  return <NumberField path={['classes', ci, 'arrivals', unit]} label={`Arrivals per ${per}`} required={`required: how many arrive a ${per}, on average`} />;
}

const DAY_WORDS: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun',
  monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' };
const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon–Fri", "Mon, Wed, Fri": runs of three or more days in a row joined by a dash. */
function dayWords(days: unknown): string {
  const on = new Set((Array.isArray(days) ? days : []).map((d) => DAY_WORDS[String(d).toLowerCase()] ?? String(d)));
  const parts: string[] = [];
  for (let i = 0; i < WEEK.length; i++) {
    if (!on.has(WEEK[i])) continue;
    let j = i;
    while (j + 1 < WEEK.length && on.has(WEEK[j + 1])) j++;
    parts.push(j - i >= 2 ? `${WEEK[i]}–${WEEK[j]}` : WEEK.slice(i, j + 1).join(', '));
    i = j;
  }
  return parts.join(', ');
}

/** A booked class's arrivals in words: "Arrives by appointment: Mon–Fri 09:00–10:00 every 6 minutes; …". */
export function appointmentWords(appointments: unknown): string {
  const slots = list((appointments as Record<string, unknown> | null)?.slots);
  const each = slots.map((s) => {
    const per = typeof s.perSlot === 'number' && s.perSlot > 1 ? `, ${s.perSlot} patients each time` : '';
    return `${dayWords(s.days)} ${String(s.start)}–${String(s.end)} every ${String(s.everyMinutes)} minutes${per}`;
  });
  return `Arrives by appointment${each.length ? `: ${each.join('; ')}` : ''} (the slots are changed in the advanced editor).`;
}

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
                : a.appointments !== undefined && a.perDay === undefined && a.perWeek === undefined
                  ? <span className="muted" id={`f-classes-${ci}-arrivals-appointments`}>{appointmentWords(a.appointments)}</span>
                  : <RateField key={`${ci}:${String(c.id)}`} ci={ci} arrivals={a} />}
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
