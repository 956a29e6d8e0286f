// Seasons: the factors that multiply demand (and stays) through the year, by month, by
// date range and by a yearly trend. Which classes and steps use a season is set in the
// advanced editor (`season: <id>`); here, its numbers.
import { useForm } from '../form-context.tsx';
import { NumberField, RowMessage } from '../fields.tsx';
import { Section, list, type Obj } from './common.tsx';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Who uses the season: classes (arrivals) and steps (durations), in words. */
function usersOf(doc: Obj, id: string): string {
  const classes = list(doc.classes).filter((c) => (c.arrivals as Obj | undefined)?.season === id).map((c) => String(c.id));
  const steps = Object.entries((doc.pathways ?? {}) as Record<string, unknown>)
    .flatMap(([pid, st]) => list(st).filter((x) => x.season === id).map((x) => `${pid}/${String(x.id)}`));
  const parts = [classes.length ? `arrivals of ${classes.join(', ')}` : '', steps.length ? `durations of ${steps.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'not used yet';
}

export function SeasonsSection() {
  const f = useForm();
  const seasons = (f.doc.seasons ?? {}) as Record<string, Obj>;
  const ids = Object.keys(seasons);
  if (ids.length === 0) return null;
  return (
    <Section id="sec-seasons" title="Seasons" path={['seasons']}
      intro="Factors multiply the rate of arrivals (or the durations) of those who use the season: the month's, the date range's and the yearly growth's. 1 is no change.">
      {ids.map((id) => {
        const s = seasons[id];
        const p = ['seasons', id];
        return (
          <div className="subsection" key={id}>
            <h4>{typeof s.name === 'string' && s.name ? `${s.name} (${id})` : id} <span className="muted">— {usersOf(f.doc, id)}</span></h4>
            {Array.isArray(s.byMonth) && (
              <div className="field-row">
                {MONTHS.map((m, k) => <NumberField key={m} path={[...p, 'byMonth', k]} label={m} />)}
              </div>
            )}
            {list(s.ranges).map((r, k) => (
              <div className="field-row field-row--nested" key={k}>
                <span className="field__hint">{String(r.name ?? `range ${k + 1}`)}: {r.from !== undefined ? `${String(r.from)} to ${String(r.to)}` : `days ${String(r.fromDay)} to ${String(r.toDay)}`}</span>
                <NumberField path={[...p, 'ranges', k, 'factor']} label={`factor, ${String(r.name ?? `range ${k + 1}`)}`} />
                <RowMessage path={[...p, 'ranges', k]} />
              </div>
            ))}
            <div className="field-row">
              <NumberField path={[...p, 'growthPerYear']} label="Growth a year" placeholder="0" hint="e.g. 0.03 for 3%; arrivals only" />
            </div>
          </div>
        );
      })}
    </Section>
  );
}
