// Each resource's queue over the simulated day (today solid, yesterday faint), so the
// room sees the queue build and drain rather than only its length now.
import { memo } from 'react';
import type { Place } from '../live-run.ts';
import type { DayLine } from '../queue-history.ts';
import { placeLabel } from '../view-model.ts';

const W = 1000, H = 150, LEFT = 40, BOTTOM = 20, TOP = 10;
/** One colour per resource, each at least 4.5:1 on white: the lines and the legend's swatches read on a projector. */
export const QUEUE_COLOURS = ['#b45309', '#1d4ed8', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#4b5563'];
const COLOURS = QUEUE_COLOURS;

export const QueueChart = memo(function QueueChart({ places, today, yesterday, version }: { places: Place[]; today: DayLine | null; yesterday: DayLine | null; version: unknown }) {
  void version; // the history is updated in place: a new frame is what makes this re-render
  const lines = [today, yesterday].filter((d): d is DayLine => d !== null);
  const top = Math.max(4, ...lines.flatMap((d) => d.points.flatMap((ps) => ps.map((p) => p[1]))));
  const x = (h: number) => LEFT + (h / 24) * (W - LEFT - 10);
  const y = (q: number) => TOP + (1 - q / top) * (H - TOP - BOTTOM);
  const path = (ps: [number, number][]) => ps.map(([h, q], i) => `${i ? 'L' : 'M'}${x(h).toFixed(1)},${y(q).toFixed(1)}`).join('');
  return (
    <figure className="queue-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="queues over the day">
        {[0, 6, 12, 18, 24].map((h) => (
          <g key={h}>
            <line x1={x(h)} x2={x(h)} y1={TOP} y2={H - BOTTOM} className="grid" />
            <text x={x(h)} y={H - 5} textAnchor={h === 24 ? "end" : h === 0 ? "start" : "middle"} className="axis">{String(h).padStart(2, '0')}:00</text>
          </g>
        ))}
        <text x={LEFT - 6} y={y(top) + 4} textAnchor="end" className="axis">{top}</text>
        <text x={LEFT - 6} y={y(0) + 4} textAnchor="end" className="axis">0</text>
        {yesterday?.points.map((ps, i) => <path key={`y${i}`} d={path(ps)} stroke={COLOURS[i % COLOURS.length]} className="yesterday" />)}
        {today?.points.map((ps, i) => <path key={`t${i}`} d={path(ps)} stroke={COLOURS[i % COLOURS.length]} className="today" />)}
      </svg>
      <figcaption>
        Queue over the day{today ? ` (day ${today.day}` : ''}{yesterday ? `; day ${yesterday.day} faint` : ''}{today ? ')' : ''}:{' '}
        {places.map((p, i) => <span key={p.id} className="queue-key"><span aria-hidden="true" style={{ color: COLOURS[i % COLOURS.length] }}>■</span> {placeLabel(p)} </span>)}
      </figcaption>
    </figure>
  );
});
