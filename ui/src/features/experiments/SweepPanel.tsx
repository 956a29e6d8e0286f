// A sweep from the app: one parameter over a range (from, to, step) or a list of values,
// the KPIs to watch, replications; run on the server as `pathflow sweep` runs it, then each
// KPI against the parameter with its 95% band, and a table of every point.
import { useMemo, useState } from 'react';
import { PlotlyChart } from '../../components/PlotlyChart.tsx';
import { formatEstimate } from '../../lib/format.ts';
import { GROUP_TITLES, groupKpis, infoOf } from '../../lib/kpi.ts';
import { experimentsApi, type Choice, type SweepDoc } from './experiment-api.ts';
import { ExperimentStatus } from './ExperimentStatus.tsx';
import { kpiLabel, namesOf, type NameBook } from '../../lib/kpi-words.ts';
import { ParameterSelect } from './ParameterSelect.tsx';
import { sweepFigure } from './sweep-figure.ts';
import { sweepRangeErrors } from './range-check.ts';
import { useExperiment } from './use-experiment.ts';

interface Props {
  scenario: Record<string, unknown>;
  variant: string;
  choices: Choice[];
  kpis: string[];
  defaultReplications: number;
}

/** KPIs ticked to start with: the quality measures a manager asks about first, if the scenario reports them. */
function firstKpis(kpis: readonly string[]): string[] {
  const prefer = ['ed.4h[all]', 'rtt.18w[all]', 'wait.mean[all]', 'time.mean[all]'];
  const chosen = prefer.filter((k) => kpis.includes(k));
  return chosen.length ? chosen : kpis.filter((k) => infoOf(k).group === 'quality').slice(0, 2);
}

export function SweepPanel({ scenario, variant, choices, kpis, defaultReplications }: Props) {
  const names = useMemo(() => namesOf(scenario), [scenario]);
  const [path, setPath] = useState(choices[0]?.path ?? '');
  const choice = choices.find((c) => c.path === path);
  const [mode, setMode] = useState<'range' | 'list'>('range');
  const around = (c: Choice | undefined) => {
    const cur = c?.current ?? 1;
    const step = c?.integer ? 1 : Number((cur / 4).toPrecision(2)) || 1;
    return { from: String(Math.max(c?.integer ? 1 : step, cur - 4 * step)), to: String(cur + 4 * step), step: String(step) };
  };
  const [range, setRange] = useState(() => around(choice));
  const [list, setList] = useState('');
  const first = useMemo(() => firstKpis(kpis), [kpis]);
  const [chosen, setChosen] = useState<string[]>(first);
  const [find, setFind] = useState('');
  const [replications, setReplications] = useState(String(defaultReplications));
  // Sequential: every value starts with `replications` and the undecided ones double up to `maxReps`.
  const [sequential, setSequential] = useState(false);
  const [maxReps, setMaxReps] = useState('80');
  const { phase, start, cancel, busy } = useExperiment();
  /** The parameter's label when the sweep shown was started (the form may have moved on). */
  const [startedWith, setStartedWith] = useState('');

  const values = mode === 'range' ? `${range.from}..${range.to}:${range.step}` : list;
  const reps = Number(replications);
  const least = sequential ? 2 : 1;
  const repsError = Number.isInteger(reps) && reps >= least ? null : `expected a whole number ≥ ${least}, got ${JSON.stringify(replications)}`;
  const max = Number(maxReps);
  const maxError = !sequential || (Number.isInteger(max) && max >= Math.max(2, reps || 2) && max <= 10_000) ? null : `expected a whole number from ${Math.max(2, reps || 2)} to 10,000, got ${JSON.stringify(maxReps)}`;
  const missing = chosen.length === 0 ? 'tick at least one measure' : null;
  const rangeErrors = sweepRangeErrors(range);
  const rangeError = mode === 'range' && Object.values(rangeErrors).some(Boolean);
  const words = find.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const listed = kpis.filter((n) => chosen.includes(n) || words.every((w) => `${kpiLabel(n, names)} ${n}`.toLowerCase().includes(w)));

  const run = () => {
    if (repsError || maxError || missing || rangeError || !choice) return;
    setStartedWith(choice.label);
    void start(() => experimentsApi.startSweep({ scenario, variant, parameters: [{ path, values }], kpis: chosen, replications: reps, ...(sequential ? { sequential: { maxReps: max } } : {}) }));
  };
  const doc = phase.kind === 'done' ? phase.experiment.sweep : undefined;

  return (
    <section className="experiment-section" aria-labelledby="sweep-title">
      <h2 id="sweep-title">Sweep: each measure against one parameter</h2>
      <p className="muted">Every value runs the same replications with the same random numbers, so the values differ by the parameter, not by luck.</p>
      <div className="field-row">
        <ParameterSelect id="sweep-parameter" choices={choices} value={path} disabled={busy} onChange={(p) => { setPath(p); setRange(around(choices.find((c) => c.path === p))); }} />
      </div>
      <div className="radio-row" role="radiogroup" aria-label="Values">
        <label><input type="radio" name="sweep-mode" checked={mode === 'range'} onChange={() => setMode('range')} disabled={busy} /> From, to, step</label>
        <label><input type="radio" name="sweep-mode" checked={mode === 'list'} onChange={() => setMode('list')} disabled={busy} /> A list of values</label>
      </div>
      <div className="field-row">
        {mode === 'range' ? (['from', 'to', 'step'] as const).map((k) => (
          <div className={`field${rangeErrors[k] ? ' field--error' : ''}`} key={k}>
            <label htmlFor={`sweep-${k}`}>{k[0].toUpperCase() + k.slice(1)}</label>
            <input id={`sweep-${k}`} inputMode="decimal" value={range[k]} disabled={busy} onChange={(e) => setRange({ ...range, [k]: e.target.value })}
              aria-invalid={rangeErrors[k] ? true : undefined} aria-describedby={rangeErrors[k] ? `sweep-${k}-error` : undefined} />
            {rangeErrors[k] && <span className="field__error" id={`sweep-${k}-error`} role="alert">{rangeErrors[k]}</span>}
          </div>
        )) : (
          <div className="field field--wide">
            <label htmlFor="sweep-list">Values</label>
            <input id="sweep-list" value={list} disabled={busy} placeholder="e.g. 16, 18, 20, 24" onChange={(e) => setList(e.target.value)} aria-describedby="sweep-list-help" />
            <span className="field__hint" id="sweep-list-help">separated by commas</span>
          </div>
        )}
        <div className={`field${repsError ? ' field--error' : ''}`}>
          <label htmlFor="sweep-replications">{sequential ? 'Replications to start with' : 'Replications per value'}</label>
          <input id="sweep-replications" inputMode="numeric" value={replications} disabled={busy} onChange={(e) => setReplications(e.target.value)} aria-invalid={repsError ? true : undefined} aria-describedby="sweep-replications-help" />
          <span className="field__hint" id="sweep-replications-help">{repsError ?? 'more: narrower bands, longer run'}</span>
        </div>
        {sequential && (
          <div className={`field${maxError ? ' field--error' : ''}`}>
            <label htmlFor="sweep-max-reps">At most, per value</label>
            <input id="sweep-max-reps" inputMode="numeric" value={maxReps} disabled={busy} onChange={(e) => setMaxReps(e.target.value)} aria-invalid={maxError ? true : undefined} aria-describedby="sweep-max-reps-help" />
            <span className="field__hint" id="sweep-max-reps-help">{maxError ?? 'doubling while a value cannot be told apart from its neighbours'}</span>
          </div>
        )}
      </div>
      <label className="check-row">
        <input type="checkbox" checked={sequential} disabled={busy} onChange={(e) => setSequential(e.target.checked)} aria-describedby="sweep-sequential-help" />{' '}
        Spend replications where they matter
      </label>
      <p className="field__hint" id="sweep-sequential-help">
        Values clearly different from their neighbours stop early; the others get more, so the bands narrow where the curve is hard to read.
      </p>
      <div className="field field--wide">
        <label htmlFor="sweep-kpi-find">Measures to show ({chosen.length} ticked)</label>
        <input id="sweep-kpi-find" type="search" value={find} placeholder="find a measure, e.g. wait, 4 hours, cost" onChange={(e) => setFind(e.target.value)} />
      </div>
      <div className="kpi-choices" role="group" aria-label="Measures">
        {/* The group of the measures ticked to start with first, so they are in view (an order that stays put while ticking). */}
        {groupKpis(listed).sort((a, b) => Number(b.names.some((n) => first.includes(n))) - Number(a.names.some((n) => first.includes(n)))).map((g) => (
          <fieldset key={g.group}>
            <legend>{GROUP_TITLES[g.group]}</legend>
            {g.names.map((n) => (
              <label key={n}>
                <input type="checkbox" checked={chosen.includes(n)} disabled={busy}
                  onChange={(e) => setChosen((cs) => (e.target.checked ? [...cs, n] : cs.filter((x) => x !== n)))} />{' '}
                {kpiLabel(n, names)}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {missing && <p className="field__error">{missing}</p>}
      <p><button type="button" className="primary" onClick={run} disabled={busy || Boolean(repsError || maxError || missing || rangeError || !choice)}>Run sweep</button></p>
      <ExperimentStatus phase={phase} what="Sweep" onCancel={() => void cancel()} />
      {doc && <SweepResult doc={doc} parameterLabel={startedWith} names={names} />}
    </section>
  );
}

function SweepResult({ doc, parameterLabel, names }: { doc: SweepDoc; parameterLabel: string; names: NameBook }) {
  const figures = useMemo(() => doc.kpis.map((k) => ({ kpi: k.name, fig: sweepFigure(doc, k.name, parameterLabel, names) })), [doc, parameterLabel, names]);
  return (
    <div className="sweep-result">
      <p role="status">{doc.allocation
        ? <>{doc.points.length} values, {doc.allocation.replications} replications where they mattered ({doc.allocation.initial} to {doc.allocation.max} a value; {doc.allocation.naiveReplications} if every value had run {doc.allocation.max}), seed {doc.seed}, common random numbers.</>
        : <>{doc.points.length} values × {doc.replications} replications, seed {doc.seed}, common random numbers.</>}</p>
      <div className="charts">
        {figures.map((f, i) => (
          <PlotlyChart key={f.kpi} id={`sweep-chart-${i}`} figure={f.fig} filename={`${doc.scenario}-sweep-${i + 1}`}
            caption={<>{kpiLabel(f.kpi, names)} against {parameterLabel.toLowerCase()}: the mean over replications inside its 95% confidence band.</>} />
        ))}
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Sweep table (scrolls sideways on a narrow screen)">
        <table className="table kpi-table sweep-table">
          <caption>Each value: mean [95% confidence interval]</caption>
          <thead>
            <tr><th scope="col">{parameterLabel}</th>{doc.allocation && <th scope="col">Replications</th>}{doc.kpis.map((k) => <th scope="col" key={k.name}>{kpiLabel(k.name, names)}</th>)}</tr>
          </thead>
          <tbody>
            {doc.points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.values.join(', ')}</th>
                {doc.allocation && <td className="num">{p.replications}</td>}
                {doc.kpis.map((k) => {
                  const e = p.kpis[k.name];
                  return <td className="num" key={k.name}>{e ? formatEstimate(e.mean, e.ciLow, e.ciHigh, k.unit) : '—'}{e?.unreliable ? <span title={`Interval unreliable: ${e.unreliable}`}> †</span> : null}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {doc.points.some((p) => Object.values(p.kpis).some((e) => e.unreliable)) && <p className="muted">† an interval not to be taken at face value: hover over the mark for why.</p>}
    </div>
  );
}
