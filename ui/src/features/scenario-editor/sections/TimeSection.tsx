// How long each run lasts and how the statistics are taken.
import { NumberField, SelectField } from '../fields.tsx';
import { Section } from './common.tsx';

const WEEKDAY_OPTIONS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => ({ value: d, label: d[0].toUpperCase() + d.slice(1) }));

export function TimeSection() {
  return (
    <Section id="sec-time" title="Time frame" path={['time']} intro="Each run simulates this many days; the first days (warm-up) are not counted, while the wards fill up.">
      <div className="field-row">
        <NumberField path={['time', 'horizonDays']} label="Length of each run" unit="days" />
        <NumberField path={['time', 'warmupDays']} label="Warm-up, not counted" unit="days" placeholder="0" />
        <SelectField path={['time', 'startWeekday']} label="Day 0 is a" options={WEEKDAY_OPTIONS} fallback="monday" />
        <NumberField path={['time', 'replications']} label="Replications (default)" placeholder="20" hint="runs with different random numbers" />
      </div>
    </Section>
  );
}
