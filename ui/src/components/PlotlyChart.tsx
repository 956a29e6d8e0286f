// One Plotly chart in a captioned card, with "Download PNG" (Plotly's own image export).
// Plotly (~1.5 MB) is loaded on first use only, so the library and editor open fast.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Figure } from '../features/compare/chart-data.ts';
import { download } from '../lib/download.ts';

/**
 * Where the charts' numbers come from, in one line ("Surgical hub, version 3 · seed 1 ·
 * 20 replications per option · run 2 Dec 2026 14:05"): a downloaded image carries it under
 * its caption, so a chart pasted into a board paper still says what was run.
 */
export const ChartProvenance = createContext<string>('');

/** Text broken into lines of at most `width` characters, at spaces, joined for a Plotly annotation. */
export function wrapText(text: string, width = 150): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}

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
  const provenance = useContext(ChartProvenance);

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

  // The image as drawn, with the caption and the run's provenance written under the plot.
  const png = async () => {
    const gd = el.current as (HTMLDivElement & { data?: unknown[]; layout?: Record<string, unknown> }) | null;
    if (!gd) return;
    const P = await loadPlotly();
    const caption = document.getElementById(`${id}-caption`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const words = wrapText(caption) + (provenance ? `<br><i>${wrapText(provenance)}</i>` : '');
    const lines = words.split('<br>').length;
    const height = Math.max(600, Number(figure.layout.height ?? 500)) + 22 * lines + 20;
    const layout = gd.layout ?? {};
    const margin = { ...(layout.margin as object), b: 60 + 22 * lines + 20 };
    const annotations = [...((layout.annotations as unknown[]) ?? []), {
      text: words, xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top', yshift: -70, align: 'left', showarrow: false, font: { size: 14, color: '#1b1b1b' },
    }];
    const url = await P.toImage({ data: gd.data ?? [], layout: { ...layout, margin, annotations, height, width: 1400 } }, { format: 'png', width: 1400, height });
    // From the data: URL without fetch (the page's connect-src is its own server only).
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    download(`${filename}.png`, new Blob([bytes], { type: 'image/png' }), 'image/png');
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
