// A small experiment in the browser: N replications of the baseline and every variant,
// with the same code as `pathflow run --json`, on a second engine worker so the live
// picture keeps going. Shows each KPI per variant with its 95% confidence interval and
// each variant's paired difference from the baseline with its interval, and says what was
// run: the scenario as written, not the changes made live. The document can be opened.
import { memo } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatDifference, formatValue, plainName } from '../kpi-display.ts';

interface Props {
  replications: number;
  seed: number;
  onReplications: (n: number) => void;
  onSeed: (n: number) => void;
  onRun: () => void;
  progress: { done: number; total: number } | null;
  result: RunResultDoc | null;
  /** Changes made to the live run in this session (the experiment does not include them). */
  liveChanges: number;
}

export const ExperimentPanel = memo(function ExperimentPanel({ replications, seed, onReplications, onSeed, onRun, progress, result, liveChanges }: Props) {
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
      {result && <ResultTable doc={result} liveChanges={liveChanges} />}
      {result && (
        <details>
          <summary>Result document (the format of <code>pathflow run --json</code>)</summary>
          <pre data-testid="experiment-json">{JSON.stringify(result, null, 2)}</pre>
        </details>
      )}
    </section>
  );
});

/** What the experiment ran, in words: the scenario's own baseline and variants, never the live changes. */
export function whatWasRun(doc: RunResultDoc, liveChanges: number): string {
  const options = doc.variants.length === 1 ? 'the baseline' : `the baseline and ${doc.variants.length - 1} variant${doc.variants.length > 2 ? 's' : ''}`;
  const live = liveChanges === 0 ? 'No changes have been made live in this session.'
    : `It does not include the ${liveChanges === 1 ? 'change' : `${liveChanges} changes`} made to the live run in this session: those change one replay, not the scenario.`;
  return `${doc.replications} replications (seed ${doc.seed}) of the scenario as written: ${options}. ${live}`;
}

const between = (lo: number | null, hi: number | null, k: string) => (lo === null || hi === null ? 'no interval' : `${formatValue(lo, k)} – ${formatValue(hi, k)}`);
/** A difference's interval, signed, in the difference's unit: "−5.00 pts to −2.00 pts". */
const diffBetween = (lo: number | null, hi: number | null, k: string) => (lo === null || hi === null ? 'no interval' : `${formatDifference(lo, k)} to ${formatDifference(hi, k)}`);

function ResultTable({ doc, liveChanges }: { doc: RunResultDoc; liveChanges: number }) {
  const kpis = Object.keys(doc.variants[0]?.kpis ?? {});
  const diff = (variant: string, kpi: string) => doc.comparisons.find((c) => c.variant === variant && c.kpi === kpi);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Experiment results by measure and variant">
    <table className="result-table" data-testid="experiment-table">
      <caption data-testid="experiment-caption">
        Mean (95% confidence interval); beside each variant, its difference from the baseline, paired replication by replication (95% CI). {whatWasRun(doc, liveChanges)}
      </caption>
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
                  {e && <span className="ci"> ({between(e.ciLow, e.ciHigh, k)})</span>}
                  {d && d.difference !== null && (
                    <span className="diff"><br />{formatDifference(d.difference, k)} ({diffBetween(d.ciLow, d.ciHigh, k)})</span>
                  )}
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
