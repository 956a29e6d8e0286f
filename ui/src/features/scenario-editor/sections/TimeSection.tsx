// How long each run lasts and how the statistics are taken.
import { NumberField, SelectField, TextField } from '../fields.tsx';
import { Section } from './common.tsx';
import { useForm } from '../form-context.tsx';

const WEEKDAY_OPTIONS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => ({ value: d, label: d[0].toUpperCase() + d.slice(1) }));

export function TimeSection() {
  const f = useForm();
  // With a date for day 0, its weekday follows from it (the schema checks a weekday given too).
  const dated = typeof (f.doc.time as Record<string, unknown> | undefined)?.startDate === 'string';
  return (
    <Section id="sec-time" title="Time frame" path={['time']} intro="Each run simulates this many days; the first days (warm-up) are not counted, while the wards fill up. How many replications to run is set in the run bar at the top.">
      <div className="field-row">
        <NumberField path={['time', 'horizonDays']} label="Length of each run" unit="days" />
        <NumberField path={['time', 'warmupDays']} label="Warm-up, not counted" unit="days" placeholder="0" />
        <TextField path={['time', 'startDate']} label="Day 0's date" placeholder="YYYY-MM-DD" hint="for seasons by month or date; sets the weekday" />
        {!dated && <SelectField path={['time', 'startWeekday']} label="Day 0 is a" options={WEEKDAY_OPTIONS} fallback="monday" />}
      </div>
    </Section>
  );
}
