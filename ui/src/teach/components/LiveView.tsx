// The pathway as boxes (one per resource: queue lane on the left, service places on the
// right) with patients as dots. Boxes are SVG, re-rendered with each frame; dots are
// drawn on a canvas over them in requestAnimationFrame, interpolated between the last two
// frames, so the picture stays smooth however often frames arrive.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Frame, Place } from '../live-run.ts';
import { dotTargets, freeSlots, layoutPlaces, VIEW_WIDTH, type Layout } from '../view-model.ts';
import type { Engine } from '../use-engine.ts';
import { recordFrameTime } from '../frame-meter.ts';

/** A move shown after a single step or jump takes this long; while playing, one frame interval. */
const MOVE_MS = 350;

export function LiveView({ places, frame, frames }: { places: Place[]; frame: Frame | null; frames: Engine['frames'] }) {
  const layout = useMemo(() => layoutPlaces(places), [places]);
  return (
    <div className="live-view">
    <svg viewBox={`0 0 ${VIEW_WIDTH} ${layout.height}`} role="img" aria-label="patients moving through the pathway">
      <text x={layout.door.x} y={layout.door.y - 18} textAnchor="middle" className="door-label">arrive</text>
      <rect x={layout.door.x - 8} y={layout.door.y - 12} width={16} height={24} className="door" />
      <text x={layout.exit.x} y={layout.exit.y - 18} textAnchor="middle" className="door-label">leave</text>
      <rect x={layout.exit.x - 8} y={layout.exit.y - 12} width={16} height={24} className="door" />
      {layout.boxes.map((b, i) => <ResourceBox key={b.place.id} layout={layout} index={i} frame={frame} />)}
      <rect {...layout.elsewhere} className="elsewhere" />
      <text x={layout.elsewhere.x + 8} y={layout.elsewhere.y + 14} className="elsewhere-label">between resources</text>
    </svg>
    <Dots layout={layout} frames={frames} />
    </div>
  );
}

/** What the dots' colours mean: colour is not left to be guessed, and each is also named in words. */
export function DotLegend() {
  const items: [keyof typeof DOT_COLOURS | 'free', string][] = [
    ['waiting', 'waiting'], ['serving', 'being seen (in service)'], ['leaving', 'leaving'], ['free', 'free place'],
  ];
  return (
    <ul className="dot-legend" aria-label="What the dots mean" data-testid="dot-legend">
      {items.map(([k, words]) => (
        <li key={k}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            {k === 'free' ? <circle cx="7" cy="7" r="5.5" className="free-slot" /> : <circle cx="7" cy="7" r="6" fill={DOT_COLOURS[k]} />}
          </svg>{words}
        </li>
      ))}
    </ul>
  );
}

function ResourceBox({ layout, index, frame }: { layout: Layout; index: number; frame: Frame | null }) {
  const b = layout.boxes[index];
  const st = frame?.places[index];
  const cap = st?.capacity;
  const capText = cap === null || cap === undefined ? '' : Number.isFinite(cap) ? ` / ${cap}` : '';
  return (
    <g className={`resource resource-${b.place.kind}`} data-place={b.place.id}>
      <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} className="resource-box" />
      <text x={b.x + 10} y={b.y + 18} className="resource-label">{b.label}</text>
      <text x={b.x + 10} y={b.y + 36} className="resource-numbers">
        {b.place.kind === 'store' ? `on the list ${st?.queue ?? 0}` : `queue ${st?.queue ?? 0} · in use ${st?.inUse ?? 0}${capText}`}
      </text>
      {b.place.kind !== 'store' && <line x1={b.service.x - 4} x2={b.service.x - 4} y1={b.service.y} y2={b.service.y + b.service.h} className="lane-divider" />}
      <FreeSlots d={freeSlotsPath(b, st)} />
    </g>
  );
}

/** Free places as one path of circles: a 400-bed ward is one element, not 400, re-rendered ~20 times a second. */
function freeSlotsPath(b: Layout['boxes'][number], st: Frame['places'][number] | undefined): string {
  let d = '';
  for (const s of freeSlots(b, st)) d += `M${(s.x - s.r).toFixed(1)},${s.y.toFixed(1)}a${s.r.toFixed(1)},${s.r.toFixed(1)} 0 1,0 ${(2 * s.r).toFixed(1)},0a${s.r.toFixed(1)},${s.r.toFixed(1)} 0 1,0 ${(-2 * s.r).toFixed(1)},0`;
  return d;
}

const FreeSlots = memo(function FreeSlots({ d }: { d: string }) {
  return d ? <path d={d} className="free-slot" /> : null;
});

interface Dot {
  from: { x: number; y: number };
  to: { x: number; y: number };
  r: number;
  waiting: boolean;
  /** When this move started and how long it takes (ms). */
  t0: number;
  dur: number;
  leaving: boolean;
}

/** The dots' colours, each at least 3:1 on the boxes' near-white (WCAG 1.4.11), named in the legend. */
export const DOT_COLOURS = { waiting: '#c2410c', serving: '#1d4ed8', leaving: '#15803d' } as const;
const COLOURS = DOT_COLOURS;

function position(d: Dot, now: number): { x: number; y: number } {
  const k = Math.min(1, (now - d.t0) / d.dur);
  const ease = k * (2 - k);
  return { x: d.from.x + (d.to.x - d.from.x) * ease, y: d.from.y + (d.to.y - d.from.y) * ease };
}

/**
 * Patients, drawn on a canvas laid over the SVG in the same coordinates. Measured (bench/
 * teach-fps.ts): moving a few hundred SVG circles costs style recalculation and paint on
 * every frame; one canvas redraw of the same dots is a fraction of that.
 */
function Dots({ layout, frames }: { layout: Layout; frames: Engine['frames'] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current!;
    const ctx = c.getContext('2d')!;
    const dots = new Map<number, Dot>();
    let seen: unknown = null;
    let raf = 0;
    let scale = 1;
    let changed = true; // a new frame or a resize since the last drawing
    let moving = false; // some dot was mid-move at the last drawing
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      scale = (c.clientWidth / VIEW_WIDTH) * ratio;
      c.width = Math.round(c.clientWidth * ratio);
      c.height = Math.round(c.clientHeight * ratio);
      changed = true;
    };
    const resize = new ResizeObserver(fit);
    resize.observe(c);
    fit();
    const draw = (ts: number) => {
      recordFrameTime(ts);
      const { prev, last } = frames.current;
      const now = performance.now();
      if (last && last !== seen) {
        // A new frame: every dot heads from where it is now to its new slot, over one frame interval.
        seen = last;
        changed = true;
        if (prev && last.frame.time < prev.frame.time) dots.clear(); // a restart: the same serials are new patients
        const dur = prev ? Math.max(40, Math.min(MOVE_MS, last.at - prev.at)) : MOVE_MS;
        const targets = dotTargets(last.frame, layout);
        for (const [serial, d] of dots) {
          if (d.leaving) continue;
          const t = targets.get(serial);
          if (t?.hidden) { dots.delete(serial); continue; }
          if (t && t.x === d.to.x && t.y === d.to.y && t.waiting === d.waiting) continue; // same slot: let it be
          d.from = position(d, now);
          d.t0 = now;
          if (t) { d.to = t; d.dur = dur; d.r = t.r; d.waiting = t.waiting; }
          else { d.to = layout.exit; d.dur = MOVE_MS; d.leaving = true; }
        }
        for (const [serial, t] of targets) {
          if (!t.hidden && !dots.has(serial)) dots.set(serial, { from: { ...layout.door }, to: t, r: t.r, waiting: t.waiting, t0: now, dur, leaving: false });
        }
      }
      // Nothing moved since the last drawing: leave the canvas as it is (no repaint).
      if (!changed && !moving) { raf = requestAnimationFrame(draw); return; }
      changed = false;
      moving = false;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      ctx.setTransform(scale, 0, 0, scale, 0, 0);
      // One path per colour: three fills per frame whatever the number of patients.
      for (const kind of ['waiting', 'serving', 'leaving'] as const) {
        ctx.beginPath();
        for (const [serial, d] of dots) {
          const k = d.leaving ? 'leaving' : d.waiting ? 'waiting' : 'serving';
          if (k !== kind) continue;
          if (d.leaving && now - d.t0 >= d.dur) { dots.delete(serial); continue; }
          if (now - d.t0 < d.dur) moving = true;
          const p = position(d, now);
          ctx.moveTo(p.x + d.r, p.y);
          ctx.arc(p.x, p.y, d.r, 0, 2 * Math.PI);
        }
        ctx.fillStyle = COLOURS[kind];
        ctx.fill();
      }
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    return () => { cancelAnimationFrame(raf); resize.disconnect(); };
  }, [layout, frames]);
  return <canvas ref={canvas} className="dots" data-testid="dots" />;
}
