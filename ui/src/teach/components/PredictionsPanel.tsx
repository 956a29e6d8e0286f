// Predict, then run: participants write what they expect (words, and optionally a number
// for one KPI of one variant) before the experiment; once it has run, each prediction is
// shown beside the measured mean and its 95% confidence interval. A prediction written
// before the results were shown is locked (it cannot be changed or removed after the
// reveal); one written after waits for the next run. No prediction is taken while an
// experiment runs, and the form starts blank for each prediction.
import { memo, useState } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { displayUnit, plainName } from '../kpi-display.ts';
import { outcomeOf, type Prediction } from '../predictions.ts';
import type { ScenarioInfo } from '../messages.ts';

interface Props {
  info: ScenarioInfo;
  kpis: string[];
  predictions: Prediction[];
  onChange: (ps: Prediction[]) => void;
  result: RunResultDoc | null;
  /** When the result shown arrived (ISO time): predictions written before it are compared and locked. */
  revealedAt: string | null;
  /** An experiment is running: no prediction is taken until its results are shown. */
  running: boolean;
}

export const PredictionsPanel = memo(function PredictionsPanel({ info, kpis, predictions, onChange, result, revealedAt, running }: Props) {
  return (
    <section className="predictions">
      <h2>Predictions</h2>
      <p className="muted">Write your predictions before running the experiment: once its results are shown, they are locked.</p>
      <PredictionForm info={info} kpis={kpis} running={running} onAdd={(p) => onChange([...predictions, p])} />
      {predictions.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Predictions and what was measured">
        <table data-testid="predictions">
          <thead><tr><th>prediction</th><th>measure · variant</th><th>predicted</th><th>measured (95% CI)</th><th><span className="visually-hidden">inside the interval?</span></th></tr></thead>
          <tbody>
            {predictions.map((p, i) => <PredictionRow key={i} p={p} info={info} result={isRevealed(p, revealedAt) ? result : null} locked={p.locked === true || isRevealed(p, revealedAt)}
              onDelete={() => onChange(predictions.filter((_, j) => j !== i))} />)}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
});

/** Whether a prediction was written before the results shown arrived (and so is judged by them, and locked). */
export function isRevealed(p: Prediction, revealedAt: string | null): boolean {
  return revealedAt !== null && p.at < revealedAt;
}

function PredictionRow({ p, info, result, locked, onDelete }: { p: Prediction; info: ScenarioInfo; result: RunResultDoc | null; locked: boolean; onDelete: () => void }) {
  const u = p.kpi ? displayUnit(p.kpi) : null;
  const o = result ? outcomeOf(p, result) : null;
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(Math.abs(x) >= 100 ? 0 : 1));
  return (
    <tr>
      <td>{p.text}</td>
      <td>{p.kpi ? `${plainName(p.kpi)} · ${info.variants.find((v) => v.id === p.variant)?.name ?? p.variant}` : ''}</td>
      <td>{p.value !== undefined ? `${p.value} ${u?.unit ?? ''}` : ''}</td>
      <td data-testid="prediction-measured">
        {!result ? <span className="muted">awaiting the next run</span> : o ? `${f(o.mean)} ${u!.unit} (${f(o.ciLow)} – ${f(o.ciHigh)})` : '—'}
      </td>
      <td>{o?.within === true ? '✓ inside the CI' : o?.within === false ? '✗ outside the CI' : ''}{' '}
        {locked
          ? <span className="muted" data-testid="prediction-locked" title="Written before the results were shown: it stays as written">locked</span>
          : <button className="link" onClick={onDelete} aria-label={`delete prediction “${p.text}”`}>×</button>}</td>
    </tr>
  );
}

function PredictionForm({ info, kpis, running, onAdd }: { info: ScenarioInfo; kpis: string[]; running: boolean; onAdd: (p: Prediction) => void }) {
  const [text, setText] = useState('');
  const [kpi, setKpi] = useState('');
  const [variant, setVariant] = useState('baseline');
  const [value, setValue] = useState('');
  const n = value === '' ? undefined : Number(value);
  const ok = !running && text.trim() !== '' && (n === undefined || Number.isFinite(n));
  return (
    <form className="prediction-form" onSubmit={(e) => {
      e.preventDefault();
      if (!ok) return;
      onAdd({ text: text.trim(), ...(kpi ? { kpi, variant } : {}), ...(kpi && n !== undefined ? { value: n } : {}), at: new Date().toISOString() });
      // Each prediction starts afresh: the measure and variant of the last one would otherwise
      // carry over, and a room's second prediction silently be about the first one's measure.
      setText(''); setValue(''); setKpi(''); setVariant('baseline');
    }}>
      <fieldset disabled={running} className="prediction-fields">
      <legend className="visually-hidden">A new prediction</legend>
      <input data-testid="prediction-text" aria-label="Your prediction, in words" placeholder="e.g. the mean wait falls by half" value={text} onChange={(e) => setText(e.target.value)} />
      <select data-testid="prediction-kpi" aria-label="Measure the prediction is about (optional)" value={kpi} onChange={(e) => setKpi(e.target.value)}>
        <option value="">(no measure, words only)</option>
        {kpis.map((k) => <option key={k} value={k}>{plainName(k)}</option>)}
      </select>
      {kpi && (
        <>
          <select data-testid="prediction-variant" aria-label="Variant the prediction is about" value={variant} onChange={(e) => setVariant(e.target.value)}>
            {info.variants.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          </select>
          <input data-testid="prediction-value" aria-label={`Predicted value, in ${displayUnit(kpi).unit || 'units'}`} type="number" step="any" placeholder={displayUnit(kpi).unit} value={value} onChange={(e) => setValue(e.target.value)} />
        </>
      )}
      <button type="submit" disabled={!ok}>Add prediction</button>
      </fieldset>
      {running && <p className="muted" role="status">The experiment is running: predictions reopen when its results are shown.</p>}
    </form>
  );
}
