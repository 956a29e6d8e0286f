// One Plotly chart in a captioned card, with "Download PNG" (Plotly's own image export).
// Plotly (~1.5 MB) is loaded on first use only, so the library and editor open fast.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Figure } from '../features/compare/chart-data.ts';

type PlotlyApi = typeof import('plotly.js-cartesian-dist-min').default;
let loading: Promise<PlotlyApi> | undefined;
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => m.default).catch((e) => { loading = undefined; throw e; });
  return loading;
}

// Drawing ten charts in one go blocks the page for seconds on a busy machine: charts are
// drawn one at a time, each after the browser has had a chance to paint (the table first).
let queue: Promise<unknown> = Promise.resolve();
function drawInTurn<T>(draw: () => Promise<T>): Promise<T> {
  const turn = queue.then(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)))).then(draw);
  queue = turn.catch(() => undefined);
  return turn;
}

const BASE_LAYOUT = {
  font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 15, color: '#1b1b1b' },
  margin: { l: 70, r: 24, t: 100, b: 60 },
  // Legend between the title and the plot: below it, it collides with long axis titles.
  legend: { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom' },
  paper_bgcolor: '#fff', plot_bgcolor: '#fff',
  hoverlabel: { font: { size: 15 } },
};
const CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'] };

interface Props { id: string; figure: Figure; caption: ReactNode; filename: string; controls?: ReactNode }

export function PlotlyChart({ id, figure, caption, filename, controls }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');

  useEffect(() => {
    if (figure.empty || !el.current) return;
    let alive = true;
    const node = el.current;
    loadPlotly()
      .then((P) => drawInTurn(() => (alive ? P.react(node, figure.data, { ...BASE_LAYOUT, ...figure.layout, title: { ...(figure.layout.title as object), font: { size: 18 }, x: 0.01, xanchor: 'left', y: 0.98, yanchor: 'top' } }, CONFIG) : Promise.resolve())))
      .then(() => { if (alive) setState('ready'); })
      .catch((e: Error) => { if (alive) { setState('error'); setError(e.message); } });
    return () => { alive = false; };
  }, [figure]);
  useEffect(() => {
    const node = el.current;
    return () => { if (node) loadPlotly().then((P) => P.purge(node), () => undefined); };
  }, []);

  const png = async () => {
    if (!el.current) return;
    const P = await loadPlotly();
    await P.downloadImage(el.current, { format: 'png', filename, width: 1400, height: Math.max(600, Number(figure.layout.height ?? 500)) });
  };

  return (
    <figure className="chart" id={id} aria-labelledby={`${id}-caption`}>
      <div className="chart__head">
        <figcaption id={`${id}-caption`}>{caption}</figcaption>
        {controls}
        {!figure.empty && <button type="button" className="small no-print" onClick={png} disabled={state !== 'ready'} aria-label={`Download this chart as PNG`}>PNG</button>}
      </div>
      {figure.empty ? <p className="muted chart__empty">{figure.empty}</p> : (
        <>
          {state === 'loading' && <p className="muted chart__loading" role="status">Drawing the chart…</p>}
          {state === 'error' && <p className="message message--error" role="alert">The chart could not be drawn: {error}</p>}
          {/* An explicit height: Plotly's responsive resize takes the container's, and would collapse an auto-height one. */}
          <div ref={el} className="chart__plot" data-state={state} style={{ height: Number(figure.layout.height ?? 450) }} />
        </>
      )}
    </figure>
  );
}
