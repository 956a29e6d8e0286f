// The comparison in sentences, one card per option: activity and cost, what is clearly
// better, what is clearly worse, and how many measures show no clear difference.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { summarise } from './summary.ts';

const MAX = 6;

export function AtAGlance({ result }: { result: RunResultDoc }) {
  const options = summarise(result);
  if (options.length === 0) return <p className="muted">Only the baseline was run: add an option to compare.</p>;
  return (
    <div className="glance" aria-label="Each option compared with the baseline, at a glance">
      {options.map((o) => (
        <section key={o.id} className="glance__card" aria-labelledby={`glance-${o.id}`}>
          <h3 id={`glance-${o.id}`}>{o.name} <span className="muted">vs baseline</span></h3>
          {o.costAndActivity.length > 0 && <><h4>Activity and cost</h4><ul>{o.costAndActivity.map((f) => <li key={f.kpi}>{f.text}</li>)}</ul></>}
          <h4 className="glance__better">✔ Clearly better</h4>
          {o.better.length === 0 ? <p className="muted">nothing</p> : <ul>{o.better.slice(0, MAX).map((f) => <li key={f.kpi}>{f.text}</li>)}{o.better.length > MAX && <li>… and {o.better.length - MAX} more in the table</li>}</ul>}
          <h4 className="glance__worse">✖ Clearly worse</h4>
          {o.worse.length === 0 ? <p className="muted">nothing</p> : <ul>{o.worse.slice(0, MAX).map((f) => <li key={f.kpi}>{f.text}</li>)}{o.worse.length > MAX && <li>… and {o.worse.length - MAX} more in the table</li>}</ul>}
          {o.unclear > 0 && <p className="muted">≈ {o.unclear} other measure{o.unclear === 1 ? '' : 's'} with no clear difference.</p>}
        </section>
      ))}
    </div>
  );
}
