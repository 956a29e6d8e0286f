// The comparison in sentences, one card per option: activity and cost, what is clearly
// better, what is clearly worse, and how many measures show no clear difference.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { summarise } from './summary.ts';
import type { NameBook } from '../../lib/kpi-words.ts';
import { warningsFor } from './RunWarnings.tsx';

const MAX = 6;

export function AtAGlance({ result, names }: { result: RunResultDoc; names?: NameBook }) {
  const options = summarise(result, names);
  if (options.length === 0) return <p className="muted">Only the baseline was run: add an option to compare.</p>;
  return (
    <div className="glance" aria-label="Each option compared with the baseline, at a glance">
      {options.map((o) => (
        <section key={o.id} className="glance__card" aria-labelledby={`glance-${o.id}`}>
          <h3 id={`glance-${o.id}`}>{o.name} <span className="muted">vs baseline</span></h3>
          <OptionWarnings result={result} variant={o.id} />
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

/** A card's reminder of the warnings on its option or on the baseline it is compared with. */
function OptionWarnings({ result, variant }: { result: RunResultDoc; variant: string }) {
  const own = warningsFor(result, variant);
  const base = (result.warnings ?? []).filter((w) => w.variant === 'baseline');
  const n = own.length + base.length;
  if (n === 0) return null;
  const serious = [...own, ...base].some((w) => w.severity === 'serious');
  return (
    <p className={`glance__warnings glance__warnings--${serious ? 'serious' : 'caution'}`} data-warnings={n}>
      <a href="#run-warnings">⚠ {n} warning{n === 1 ? '' : 's'}</a> on this comparison{serious ? ', serious: these numbers do not describe a steady state' : ''}.
    </p>
  );
}
