// A run sized to a precision, as it runs: after each batch the server judged (the WebSocket's
// `precision` messages), every chosen measure's estimate with its 95% interval, how wide the
// interval still is against the target, and a small chart per measure of the half-width
// falling as replications double, with the target line; then why it stopped (target reached
// at N replications, or the cap reached and which measures did not get there). The chart is
// an SVG with its numbers in words beside it (the table), so nothing is only in a picture.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { fittingUnit, kpiLabel, type NameBook } from '../../lib/kpi-words.ts';
import { formatNumber } from '../../lib/format.ts';
import { infoOf } from '../../lib/kpi.ts';
import { colourOf } from '../../lib/palette.ts';
import { estimateWords, halfWidthWords, judgedKpis, relativeWords, stopWords, type PrecisionBatch } from './precision-words.ts';

interface Props {
  batches: readonly PrecisionBatch[];
  /** The options run, baseline first (id and name). */
  options: readonly { id: string; name: string }[];
  names: NameBook;
  /** "±5% of each estimate": what was asked. */
  asked: string;
  /** The run's document once done: its `precision` is where the rule stopped. */
  result?: RunResultDoc;
  /** The run ended without a result (failed or cancelled). */
  ended?: boolean;
}

const optionWords = (options: Props['options'], id: string) => (id === 'baseline' ? 'Baseline' : options.find((o) => o.id === id)?.name ?? id);

export function PrecisionLive({ batches, options, names, asked, result, ended }: Props) {
  const last = batches.at(-1);
  const kpis = judgedKpis(batches);
  const stopped = Boolean(result?.precision) || Boolean(last?.stopped);
  const state = stopped ? 'stopped' : ended ? 'ended' : 'running';
  const status = stopped
    ? stopWords(last, result?.precision, result?.replications, options, names)
    : ended ? 'The run ended before the intervals were narrow enough.'
    : !last ? `Running the first batch; the intervals are judged after each batch against ${asked}.`
    : `After ${last.replications} replications per option: ${last.estimates.length - last.notMet} of ${last.estimates.length} intervals within ${last.target}. Doubling the replications (at most ${last.maxReplications} per option)…`;
  const met = result?.precision ? result.precision.met : last?.met;
  return (
    <section className="precision-live" aria-labelledby="precision-live-title" data-batches={batches.length} data-state={state}>
      <h2 id="precision-live-title">Replications until the intervals are narrow enough</h2>
      <p className="muted">Target: {asked} (95% confidence intervals). Replications double after each batch until every chosen measure is within it, or the most allowed is reached.</p>
      <p className={`precision-live__status${stopped ? (met ? ' message message--ok' : ' message message--warn') : ''}`} role="status" aria-live="polite">{status}</p>
      {last && (
        <>
          <ol className="precision-live__batches" aria-label="Batches judged so far">
            {batches.map((b) => (
              <li key={b.replications}>{batchWords(b)}</li>
            ))}
          </ol>
          <div className="precision-live__charts">
            {kpis.map((kpi) => <HalfWidthChart key={kpi} kpi={kpi} batches={batches} options={options} names={names} />)}
          </div>
          <table className="precision-live__table">
            <caption>Each chosen measure after {last.replications} replications per option</caption>
            <thead>
              <tr><th scope="col">Measure</th><th scope="col">Option</th><th scope="col">Estimate</th><th scope="col">95% interval</th><th scope="col">Interval as a share of the estimate</th><th scope="col">Target</th><th scope="col">Within the target?</th></tr>
            </thead>
            <tbody>
              {last.estimates.map((e) => (
                <tr key={`${e.kpi}/${e.variant}`}>
                  <th scope="row">{kpiLabel(e.kpi, names)}</th>
                  <td>{optionWords(options, e.variant)}</td>
                  <td>{estimateWords(e.kpi, e.mean)}</td>
                  <td>{halfWidthWords(e.kpi, e)}</td>
                  <td>{relativeWords(e)}</td>
                  <td>{e.target === null ? '—' : halfWidthWords(e.kpi, { mean: e.mean, halfWidth: e.target })}</td>
                  <td>{e.met ? 'Yes' : 'Not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {last.truncated && <p className="muted">Only the first {last.estimates.length} measures are shown; every chosen measure is judged.</p>}
        </>
      )}
    </section>
  );
}

/** "After 8 replications per option: 5 of 15 intervals within ±5%; the widest ±12% of its estimate." */
function batchWords(b: PrecisionBatch): string {
  const within = b.estimates.filter((e) => e.met).length;
  // A fold, not Math.max(...): an estimate per KPI and option, as many as a run reports.
  const widest = b.estimates.reduce((a, e) => Math.max(a, e.mean && e.halfWidth !== null ? e.halfWidth / Math.abs(e.mean) : 0), -Infinity);
  return `After ${b.replications} replications per option: ${within} of ${b.estimates.length} intervals within ${b.target}`
    + (Number.isFinite(widest) && widest > 0 ? `; the widest ±${formatNumber(100 * widest, 2)}% of its estimate.` : '.');
}

const W = 300, H = 150, L = 48, R = 12, T = 14, B = 34;

/**
 * Half-width against replications for one measure, a line per option, with the target: as a
 * share of the estimate for a relative target (the same for every option), in the measure's
 * unit for an absolute one. Replications double, so they are spaced evenly (a log scale).
 */
function HalfWidthChart({ kpi, batches, options, names }: { kpi: string; batches: readonly PrecisionBatch[]; options: Props['options']; names: NameBook }) {
  const relative = /%$/.test(batches[0]?.target ?? '');
  const unit = infoOf(kpi).unit;
  const shown = unit === 'fraction' ? { unit: 'points', factor: 100 } : fittingUnit(unit, batches.flatMap((b) => b.estimates.filter((e) => e.kpi === kpi).map((e) => e.mean)));
  const y = (e: { mean: number | null; halfWidth: number | null }) =>
    e.halfWidth === null ? null : relative ? (e.mean ? (100 * e.halfWidth) / Math.abs(e.mean) : null) : e.halfWidth * shown.factor;
  const targetOf = (e: { mean: number | null; target: number | null }) =>
    e.target === null ? null : relative ? (e.mean ? (100 * e.target) / Math.abs(e.mean) : null) : e.target * shown.factor;
  const lines = options.map((o, i) => ({
    option: o, colour: colourOf(i),
    points: batches.map((b) => {
      const e = b.estimates.find((x) => x.kpi === kpi && x.variant === o.id);
      return { n: b.replications, y: e ? y(e) : null };
    }).filter((p): p is { n: number; y: number } => p.y !== null && Number.isFinite(p.y)),
  })).filter((l) => l.points.length > 0);
  const anyEstimate = batches.flatMap((b) => b.estimates).find((e) => e.kpi === kpi && targetOf(e) !== null);
  const target = anyEstimate ? targetOf(anyEstimate) : null;
  const ns = batches.map((b) => b.replications);
  const lo = Math.log2(Math.min(...ns)), hi = Math.log2(Math.max(...ns));
  const x = (n: number) => L + (hi === lo ? (W - L - R) / 2 : ((Math.log2(n) - lo) / (hi - lo)) * (W - L - R));
  const top = lines.reduce((a, l) => l.points.reduce((b, p) => Math.max(b, p.y), a), target ?? 0) * 1.1 || 1;
  const yPx = (v: number) => T + (1 - v / top) * (H - T - B);
  const yUnit = relative ? '% of the estimate' : shown.unit;
  const title = `${kpiLabel(kpi, names)}: half-width of the 95% interval, ${yUnit}, by replications per option`;
  const lastWords = lines.map((l) => `${optionWords(options, l.option.id)} ${formatNumber(l.points.at(-1)!.y)}`).join(', ');
  const id = `hw-${kpi.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  return (
    <figure className="precision-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`Target ${target === null ? 'not measurable' : formatNumber(target)}; after ${ns.at(-1)} replications: ${lastWords}.`}</desc>
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} stroke="#595959" />
        <line x1={L} y1={T} x2={L} y2={H - B} stroke="#595959" />
        {[0, top / 2 / 1.1, top / 1.1].map((v, i) => (
          <text key={i} x={L - 4} y={yPx(v) + 4} textAnchor="end" fontSize="10" fill="#333">{formatNumber(v, 2)}</text>
        ))}
        {ns.map((n) => <text key={n} x={x(n)} y={H - B + 13} textAnchor="middle" fontSize="10" fill="#333">{n}</text>)}
        <text x={(L + W - R) / 2} y={H - 4} textAnchor="middle" fontSize="10" fill="#333">replications per option</text>
        {target !== null && (
          <g className="precision-chart__target">
            <line x1={L} x2={W - R} y1={yPx(target)} y2={yPx(target)} stroke="#A50026" strokeDasharray="5 3" strokeWidth="1.5" />
            <text x={W - R} y={yPx(target) - 3} textAnchor="end" fontSize="10" fill="#A50026">target</text>
          </g>
        )}
        {lines.map((l) => (
          <g key={l.option.id} stroke={l.colour} fill={l.colour}>
            <polyline fill="none" strokeWidth="2" points={l.points.map((p) => `${x(p.n)},${yPx(p.y)}`).join(' ')} />
            {l.points.map((p) => <circle key={p.n} cx={x(p.n)} cy={yPx(p.y)} r="3" />)}
          </g>
        ))}
      </svg>
      <figcaption>{kpiLabel(kpi, names)} <span className="muted">(half-width, {yUnit}{lines.length > 1 ? `; ${lines.map((l) => `${optionWords(options, l.option.id)} in ${colourName(l.colour)}`).join(', ')}` : ''})</span></figcaption>
    </figure>
  );
}

const COLOUR_NAMES: Record<string, string> = { '#4d4d4d': 'grey', '#0072B2': 'blue', '#B06C00': 'orange', '#009E73': 'green', '#B8468F': 'pink', '#D55E00': 'vermilion', '#2B8CC4': 'sky blue', '#8F7F00': 'olive' };
const colourName = (c: string) => COLOUR_NAMES[c] ?? c;
