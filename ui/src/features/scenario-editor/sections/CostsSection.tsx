// Costs and tariffs: the £ side of productivity (weighted activity per £).
import { useForm } from '../form-context.tsx';
import { NumberField } from '../fields.tsx';
import { Section, list } from './common.tsx';

export function CostsSection() {
  const f = useForm();
  const classes = list(f.doc.classes);
  const sites = list(f.doc.sites);
  const has = (key: string) => sites.some((s) => list(s[key]).length > 0);
  return (
    <Section id="sec-costs" title="Costs and tariffs" path={['costs']} intro="Staff costs come from each role's cost per hour. Tariffs weight the activity in productivity.">
      <div className="field-row">
        <NumberField path={['costs', 'bedDay']} label="Occupied bed-day" unit="£" placeholder="0" />
        <NumberField path={['costs', 'theatreHour']} label="Theatre session hour" unit="£" placeholder="0" />
        {has('clinics') && <NumberField path={['costs', 'clinicHour']} label="Clinic session hour" unit="£" placeholder="0" />}
        {has('scanners') && <NumberField path={['costs', 'scannerHour']} label="Scanner session hour" unit="£" placeholder="0" />}
      </div>
      <div className="field-row">
        {classes.map((c) => <NumberField key={String(c.id)} path={['costs', 'tariff', String(c.id)]} label={`Tariff, ${String(c.id)}`} unit="£" placeholder="0" />)}
      </div>
    </Section>
  );
}
