// A small experiment in the browser: N replications of the baseline and every variant,
// with the same code as `pathflow run --json`, on a second engine worker so the live
// picture keeps going. Shows each KPI per variant and the paired differences; the
// document itself can be opened or saved.
import { memo } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatValue, plainName } from '../kpi-display.ts';

interface Props {
  replications: number;
  seed: number;
  onReplications: (n: number) => void;
  onSeed: (n: number) => void;
  onRun: () => void;
  progress: { done: number; total: number } | null;
  result: RunResultDoc | null;
}

export const ExperimentPanel = memo(function ExperimentPanel({ replications, seed, onReplications, onSeed, onRun, progress, result }: Props) {
  const running = progress !== null && progress.done < progress.total;
  return (
    <section className="experiment">
      <h2>Experiment: every variant, side by side</h2>
      <div className="experiment-form">
        <label>replications <input data-testid="experiment-reps" type="number" min={1} max={1000} value={replications} onChange={(e) => onReplications(Math.max(1, Math.floor(Number(e.target.value) || 1)))} /></label>
        <label>seed <input data-testid="experiment-seed" type="number" min={0} value={seed} onChange={(e) => onSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} /></label>
        <button data-testid="experiment-run" disabled={running} onClick={onRun}>Run experiment</button>
        {progress && <progress value={progress.done} max={progress.total} aria-label="Experiment progress" />}
        {progress && <span data-testid="experiment-progress">{progress.done} / {progress.total}</span>}
      </div>
      {result && <ResultTable doc={result} />}
      {result && (
        <details>
          <summary>Result document (the format of <code>pathflow run --json</code>)</summary>
          <pre data-testid="experiment-json">{JSON.stringify(result, null, 2)}</pre>
        </details>
      )}
    </section>
  );
});

function ResultTable({ doc }: { doc: RunResultDoc }) {
  const kpis = Object.keys(doc.variants[0]?.kpis ?? {});
  const diff = (variant: string, kpi: string) => doc.comparisons.find((c) => c.variant === variant && c.kpi === kpi);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Experiment results by measure and variant">
    <table className="result-table" data-testid="experiment-table">
      <thead>
        <tr><th>measure</th>{doc.variants.map((v) => <th key={v.id}>{v.name}</th>)}</tr>
      </thead>
      <tbody>
        {kpis.map((k) => (
          <tr key={k}>
            <td title={k}>{plainName(k)}</td>
            {doc.variants.map((v, i) => {
              const e = v.kpis[k];
              const d = i > 0 ? diff(v.id, k) : undefined;
              return (
                <td key={v.id}>
                  {formatValue(e?.mean ?? null, k)}
                  {d && d.difference !== null && <span className="diff"> ({d.difference >= 0 ? '+' : ''}{formatValue(d.difference, k)})</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
