// Predict, then run: participants write what they expect (words, and optionally a number
// for one KPI of one variant) before the experiment; once it has run, each prediction is
// shown beside the measured mean and its 95% confidence interval.
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
}

export const PredictionsPanel = memo(function PredictionsPanel({ info, kpis, predictions, onChange, result }: Props) {
  return (
    <section className="predictions">
      <h2>Predictions</h2>
      <PredictionForm info={info} kpis={kpis} onAdd={(p) => onChange([...predictions, p])} />
      {predictions.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Predictions and what was measured">
        <table data-testid="predictions">
          <thead><tr><th>prediction</th><th>measure · variant</th><th>predicted</th><th>measured (95% CI)</th><th><span className="visually-hidden">inside the interval?</span></th></tr></thead>
          <tbody>
            {predictions.map((p, i) => <PredictionRow key={i} p={p} info={info} result={result} onDelete={() => onChange(predictions.filter((_, j) => j !== i))} />)}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
});

function PredictionRow({ p, info, result, onDelete }: { p: Prediction; info: ScenarioInfo; result: RunResultDoc | null; onDelete: () => void }) {
  const u = p.kpi ? displayUnit(p.kpi) : null;
  const o = result ? outcomeOf(p, result) : null;
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(Math.abs(x) >= 100 ? 0 : 1));
  return (
    <tr>
      <td>{p.text}</td>
      <td>{p.kpi ? `${plainName(p.kpi)} · ${info.variants.find((v) => v.id === p.variant)?.name ?? p.variant}` : ''}</td>
      <td>{p.value !== undefined ? `${p.value} ${u?.unit ?? ''}` : ''}</td>
      <td data-testid="prediction-measured">
        {!result ? <span className="muted">run the experiment</span> : o ? `${f(o.mean)} ${u!.unit} (${f(o.ciLow)} – ${f(o.ciHigh)})` : '—'}
      </td>
      <td>{o?.within === true ? '✓ inside the CI' : o?.within === false ? '✗ outside the CI' : ''}{' '}
        <button className="link" onClick={onDelete} aria-label="delete prediction">×</button></td>
    </tr>
  );
}

function PredictionForm({ info, kpis, onAdd }: { info: ScenarioInfo; kpis: string[]; onAdd: (p: Prediction) => void }) {
  const [text, setText] = useState('');
  const [kpi, setKpi] = useState('');
  const [variant, setVariant] = useState('baseline');
  const [value, setValue] = useState('');
  const n = value === '' ? undefined : Number(value);
  const ok = text.trim() !== '' && (n === undefined || Number.isFinite(n));
  return (
    <form className="prediction-form" onSubmit={(e) => {
      e.preventDefault();
      if (!ok) return;
      onAdd({ text: text.trim(), ...(kpi ? { kpi, variant } : {}), ...(kpi && n !== undefined ? { value: n } : {}), at: new Date().toISOString() });
      setText(''); setValue('');
    }}>
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
    </form>
  );
}
