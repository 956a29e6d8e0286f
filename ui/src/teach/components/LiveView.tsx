// The pathway as boxes (one per resource: queue lane on the left, service places on the
// right) with patients as dots. Boxes re-render with each frame; dots are moved in
// requestAnimationFrame, straight on the SVG elements, interpolated between the last two
// frames, so the picture stays smooth at 60 fps however often frames arrive.
import { useEffect, useMemo, useRef } from 'react';
import type { Frame, Place } from '../live-run.ts';
import { dotTargets, freeSlots, layoutPlaces, VIEW_WIDTH, type Layout } from '../view-model.ts';
import type { Engine } from '../use-engine.ts';
import { recordFrameTime } from '../frame-meter.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** A move shown after a single step or jump takes this long; while playing, one frame interval. */
const MOVE_MS = 350;

export function LiveView({ places, frame, frames }: { places: Place[]; frame: Frame | null; frames: Engine['frames'] }) {
  const layout = useMemo(() => layoutPlaces(places), [places]);
  return (
    <svg className="live-view" viewBox={`0 0 ${VIEW_WIDTH} ${layout.height}`} role="img" aria-label="patients moving through the pathway">
      <text x={layout.door.x} y={layout.door.y - 18} textAnchor="middle" className="door-label">arrive</text>
      <rect x={layout.door.x - 8} y={layout.door.y - 12} width={16} height={24} className="door" />
      <text x={layout.exit.x} y={layout.exit.y - 18} textAnchor="middle" className="door-label">leave</text>
      <rect x={layout.exit.x - 8} y={layout.exit.y - 12} width={16} height={24} className="door" />
      {layout.boxes.map((b, i) => <ResourceBox key={b.place.id} layout={layout} index={i} frame={frame} />)}
      <rect {...layout.elsewhere} className="elsewhere" />
      <text x={layout.elsewhere.x + 8} y={layout.elsewhere.y + 14} className="elsewhere-label">between resources</text>
      <Dots layout={layout} frames={frames} />
    </svg>
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
      {freeSlots(b, st).map((s, k) => <circle key={k} cx={s.x} cy={s.y} r={s.r} className="free-slot" />)}
    </g>
  );
}

interface Dot {
  el: SVGCircleElement;
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** When this move started and how long it takes (ms). */
  t0: number;
  dur: number;
  leaving: boolean;
}

function position(d: Dot, now: number): { x: number; y: number } {
  const k = Math.min(1, (now - d.t0) / d.dur);
  const ease = k * (2 - k);
  return { x: d.from.x + (d.to.x - d.from.x) * ease, y: d.from.y + (d.to.y - d.from.y) * ease };
}

function Dots({ layout, frames }: { layout: Layout; frames: Engine['frames'] }) {
  const group = useRef<SVGGElement>(null);
  useEffect(() => {
    const g = group.current!;
    const dots = new Map<number, Dot>();
    let seen: unknown = null;
    let raf = 0;
    const draw = (ts: number) => {
      recordFrameTime(ts);
      const { prev, last } = frames.current;
      const now = performance.now();
      if (last && last !== seen) {
        // A new frame: every dot heads from where it is now to its new slot, over one frame interval.
        seen = last;
        if (prev && last.frame.time < prev.frame.time) {
          // A restart or a rebuild to an earlier time: the same serials are new patients.
          for (const d of dots.values()) d.el.remove();
          dots.clear();
        }
        const dur = prev ? Math.max(40, Math.min(MOVE_MS, last.at - prev.at)) : MOVE_MS;
        const targets = dotTargets(last.frame, layout);
        for (const d of dots.values()) {
          if (d.leaving) continue;
          const serial = Number(d.el.dataset.serial);
          const t = targets.get(serial);
          d.from = position(d, now);
          d.t0 = now;
          if (t) {
            d.to = t;
            d.dur = dur;
            d.el.setAttribute('r', String(t.r));
            d.el.setAttribute('class', t.waiting ? 'dot waiting' : 'dot serving');
          } else {
            d.to = layout.exit;
            d.dur = MOVE_MS;
            d.leaving = true;
            d.el.setAttribute('class', 'dot leaving');
          }
        }
        for (const [serial, t] of targets) {
          if (dots.has(serial)) continue;
          const el = document.createElementNS(SVG_NS, 'circle');
          el.dataset.serial = String(serial);
          el.setAttribute('r', String(t.r));
          el.setAttribute('class', t.waiting ? 'dot waiting' : 'dot serving');
          g.appendChild(el);
          dots.set(serial, { el, from: { ...layout.door }, to: t, t0: now, dur, leaving: false });
        }
      }
      for (const [serial, d] of dots) {
        const p = position(d, now);
        d.el.setAttribute('cx', p.x.toFixed(1));
        d.el.setAttribute('cy', p.y.toFixed(1));
        if (d.leaving && now - d.t0 >= d.dur) { d.el.remove(); dots.delete(serial); }
      }
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    return () => { cancelAnimationFrame(raf); for (const d of dots.values()) d.el.remove(); };
  }, [layout, frames]);
  return <g ref={group} className="dots" />;
}
