// Goal-seeking from the app: "how many beds for 95% within four hours?" — a parameter, a
// range, a measure with a target and its direction; run on the server as `pathflow seek`
// runs it; the answer in words ("22 beds reach …; 21 do not, with 95% confidence"), or
// where it lies while uncertain, with a button to run again with more replications per
// value (same seed: the values tried get the same replications and more).
import { useMemo, useState, type ReactNode } from 'react';
import { PlotlyChart } from '../../components/PlotlyChart.tsx';
import { formatEstimate } from '../../lib/format.ts';
import { infoOf } from '../../lib/kpi.ts';
import { experimentsApi, type Choice, type SeekDoc, type SeekRequest } from './experiment-api.ts';
import { ExperimentStatus } from './ExperimentStatus.tsx';
import { fromTyped, isShare, kpiLabel, namesOf, unitOf, type NameBook } from '../../lib/kpi-words.ts';
import { ParameterSelect } from './ParameterSelect.tsx';
import { parseTargetText, seekWords } from './seek-words.ts';
import { seekFigure } from './sweep-figure.ts';
import { useExperiment } from './use-experiment.ts';
import { readNumber } from '../../lib/number-text.ts';

/** The server's limit on replications per value unless it was started with another (server/limits.ts). */
const MOST_REPS = 1000;

interface Props {
  scenario: Record<string, unknown>;
  variant: string;
  choices: Choice[];
  kpis: string[];
}

const VERDICT_WORDS = { meets: 'meets the target', fails: 'fails the target', uncertain: 'uncertain' } as const;

export function SeekPanel({ scenario, variant, choices, kpis }: Props) {
  const names = useMemo(() => namesOf(scenario), [scenario]);
  const [path, setPath] = useState(choices[0]?.path ?? '');
  const choice = choices.find((c) => c.path === path);
  const span = (c: Choice | undefined) => {
    const cur = c?.current ?? 1;
    return c?.integer ? { from: String(Math.max(1, Math.floor(cur / 2))), to: String(Math.ceil(cur * 1.5) + 1) } : { from: String(cur / 2), to: String(cur * 1.5) };
  };
  const [range, setRange] = useState(() => span(choice));
  // Measures with a better direction: a target on arrivals or occupancy says little.
  const targets = useMemo(() => kpis.filter((k) => infoOf(k).better !== 'neither'), [kpis]);
  const [kpi, setKpi] = useState(() => (targets.includes('ed.4h[all]') ? 'ed.4h[all]' : targets[0] ?? ''));
  const [op, setOp] = useState<'>=' | '<='>(() => (infoOf(kpi).better === 'lower' ? '<=' : '>='));
  const [value, setValue] = useState(isShare(kpi) ? '95' : '');
  const [direction, setDirection] = useState<'smallest' | 'largest'>('smallest');
  const [maxReps, setMaxReps] = useState('80');
  const { phase, start, cancel, busy } = useExperiment();
  const [asked, setAsked] = useState<{ request: SeekRequest; noun: string; label: string } | null>(null);

  /** The target has been typed in, or Run pressed: only then is an empty one worth a message. */
  const [touched, setTouched] = useState(false);
  const [readLo, readHi, readTarget] = [readNumber(range.from), readNumber(range.to), readNumber(value)];
  const lo = readLo.kind === 'number' ? readLo.value : NaN, hi = readHi.kind === 'number' ? readHi.value : NaN;
  const target = readTarget.kind === 'number' ? readTarget.value : NaN, most = Number(maxReps);
  const errors = {
    range: !Number.isFinite(lo) || !Number.isFinite(hi) ? 'expected two numbers' : lo > hi ? `expected from ≤ to, got ${lo} and ${hi}` : null,
    value: readTarget.kind === 'invalid' ? readTarget.message : readTarget.kind === 'empty' ? 'a number is required' : null,
    maxReps: Number.isInteger(most) && most >= 5 && most <= MOST_REPS ? null : `expected a whole number from 5 to ${MOST_REPS}, got ${JSON.stringify(maxReps)}`,
  };
  const invalid = Object.values(errors).some(Boolean) || !choice || !kpi;
  // A target not typed yet is not an error to show on arrival: Run stays pressable to say so.
  const waitingForTarget = readTarget.kind === 'empty' && !touched;
  const shownValueError = waitingForTarget ? null : errors.value;

  const launch = (request: SeekRequest, noun: string, label: string) => {
    setAsked({ request, noun, label });
    void start(() => experimentsApi.startSeek(request));
  };
  const run = () => {
    setTouched(true);
    if (invalid) { if (waitingForTarget) document.getElementById('seek-target')?.focus(); return; }
    launch({ scenario, variant, parameter: path, range: [lo, hi], target: `${kpi} ${op} ${fromTyped(kpi, target)}`, seek: direction, maxReps: most }, choice!.noun, choice!.label);
  };
  const doc = phase.kind === 'done' ? phase.experiment.seek : undefined;
  const words = doc && asked ? seekWords(doc, asked.noun, names) : undefined;
  const more = asked ? Math.min(MOST_REPS, 2 * (asked.request.maxReps ?? 80)) : 0;

  const field = (id: string, label: string, input: ReactNode, error: string | null, hint?: string) => (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {input}
      {(error ?? hint) && <span className="field__hint" id={`${id}-help`}>{error ?? hint}</span>}
    </div>
  );

  return (
    <section className="experiment-section" aria-labelledby="seek-title">
      <h2 id="seek-title">Goal-seek: how many are needed to meet a target?</h2>
      <p className="muted">
        Finds the smallest (or largest) value at which the measure meets the target with 95% confidence, trying as few values and replications as that needs.
        It assumes the measure only gets better (or only worse) as the value grows — more beds never lengthen the wait.
      </p>
      <div className="field-row">
        <ParameterSelect id="seek-parameter" choices={choices} value={path} disabled={busy} onChange={(p) => { setPath(p); setRange(span(choices.find((c) => c.path === p))); }} />
        {field('seek-from', 'From', <input id="seek-from" inputMode="decimal" value={range.from} disabled={busy} onChange={(e) => setRange({ ...range, from: e.target.value })} aria-invalid={errors.range ? true : undefined} />, null)}
        {field('seek-to', 'To', <input id="seek-to" inputMode="decimal" value={range.to} disabled={busy} onChange={(e) => setRange({ ...range, to: e.target.value })} aria-invalid={errors.range ? true : undefined} aria-describedby="seek-to-help" />, errors.range)}
      </div>
      <div className="field-row">
        <div className="field field--wide">
          <label htmlFor="seek-kpi">Measure</label>
          <select id="seek-kpi" value={kpi} disabled={busy} onChange={(e) => {
            const k = e.target.value;
            setKpi(k);
            setOp(infoOf(k).better === 'lower' ? '<=' : '>=');
            if (isShare(k) && !isShare(kpi)) setValue('95');
          }}>
            {targets.map((k) => <option key={k} value={k}>{kpiLabel(k, names)}</option>)}
          </select>
        </div>
        {field('seek-op', 'Must be', (
          <select id="seek-op" value={op} disabled={busy} onChange={(e) => setOp(e.target.value as '>=' | '<=')}>
            <option value=">=">at least</option>
            <option value="<=">at most</option>
          </select>
        ), null)}
        {field('seek-target', `Target${unitOf(kpi) ? ` (${unitOf(kpi)})` : ''}`, <input id="seek-target" inputMode="decimal" value={value} disabled={busy} onChange={(e) => { setValue(e.target.value); setTouched(true); }} aria-invalid={shownValueError ? true : undefined} aria-describedby={shownValueError ? 'seek-target-help' : undefined} />, shownValueError)}
      </div>
      <div className="field-row">
        {field('seek-direction', 'Find', (
          <select id="seek-direction" value={direction} disabled={busy} onChange={(e) => setDirection(e.target.value as 'smallest' | 'largest')}>
            <option value="smallest">the smallest value</option>
            <option value="largest">the largest value</option>
          </select>
        ), null)}
        {field('seek-max-reps', 'Most replications per value', <input id="seek-max-reps" inputMode="numeric" value={maxReps} disabled={busy} onChange={(e) => setMaxReps(e.target.value)} aria-invalid={errors.maxReps ? true : undefined} aria-describedby="seek-max-reps-help" />, errors.maxReps, 'each value starts with 5 and doubles while it is unclear')}
      </div>
      <p><button type="button" className="primary" onClick={run} disabled={busy || !choice || !kpi || Boolean(errors.range || errors.maxReps) || Boolean(shownValueError)}>Find the value</button></p>
      <ExperimentStatus phase={phase} what="Goal-seek" onCancel={() => void cancel()} />
      {doc && words && asked && (
        <>
          <p className={`seek-answer seek-answer--${words.outcome}`} role="status" aria-live="polite">{words.headline}</p>
          <p className="muted">{words.detail}</p>
          {phase.kind === 'done' && (phase.experiment.progress.reused ?? 0) > 0 && (
            <p className="muted">{phase.experiment.progress.reused} of its {doc.replications} replications were taken from the goal-seek before (the same values, seed and measure give the same numbers), not run again.</p>
          )}
          {words.uncertain && (
            <p>
              <button type="button" onClick={() => launch({ ...asked.request, maxReps: more }, asked.noun, asked.label)} disabled={busy || more <= (asked.request.maxReps ?? 80)}>
                Add replications (up to {more} per value)
              </button>{' '}
              <span className="muted">Same seed: the replications already run at each value are reused, and more are added.</span>
            </p>
          )}
          <SeekEvidence doc={doc} label={asked.label} names={names} />
        </>
      )}
    </section>
  );
}

function SeekEvidence({ doc, label, names }: { doc: SeekDoc; label: string; names: NameBook }) {
  const t = parseTargetText(doc.target);
  const figure = useMemo(() => seekFigure(doc, t.kpi, t.value, label, names), [doc, t.kpi, t.value, label, names]);
  const unit = infoOf(t.kpi).unit;
  return (
    <>
      <PlotlyChart id="seek-chart" figure={figure} filename={`${doc.scenario}-seek`}
        caption={<>Every value tried, its mean with the {+(doc.confidence * 100).toFixed(2)}% confidence interval; the dashed line is the target.</>} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Values tried (scrolls sideways on a narrow screen)">
        <table className="table kpi-table seek-table">
          <caption>Values in the order tried</caption>
          <thead><tr><th scope="col">{label}</th><th scope="col">Replications</th><th scope="col">{kpiLabel(t.kpi, names)}: mean [95% CI]</th><th scope="col">Verdict</th></tr></thead>
          <tbody>
            {doc.probes.map((p, i) => (
              <tr key={i}><th scope="row">{p.value}</th><td className="num">{p.replications}</td><td className="num">{formatEstimate(p.mean, p.ciLow, p.ciHigh, unit)}</td><td>{VERDICT_WORDS[p.verdict]}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
