// Frame → picture: boxes fit the view and do not overlap, every patient has a place in
// its box (waiting in the queue lane, served in the service area), and free places are
// outlined: capacity − in use.
import { expect, test } from 'vitest';
import { LiveRun, countersOf } from '../../ui/src/teach/live-run.ts';
import { dotTargets, freeSlots, layoutPlaces, MAX_DOTS_PER_GROUP, VIEW_WIDTH } from '../../ui/src/teach/view-model.ts';
import { opened } from './helpers.ts';

const inside = (p: { x: number; y: number }, a: { x: number; y: number; w: number; h: number }) =>
  p.x >= a.x && p.x <= a.x + a.w && p.y >= a.y && p.y <= a.y + a.h;

test('layout: boxes inside the view, none overlapping, in pathway order', () => {
  const places = Array.from({ length: 7 }, (_, i) => ({ id: `site/p${i}`, kind: 'pool' as const }));
  const l = layoutPlaces(places);
  expect(l.boxes.map((b) => b.place.id)).toEqual(places.map((p) => p.id));
  for (const [i, a] of l.boxes.entries()) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.x + a.w).toBeLessThanOrEqual(VIEW_WIDTH);
    expect(a.y + a.h).toBeLessThan(l.height);
    for (const b of l.boxes.slice(i + 1)) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  }
});

test('every patient of a busy moment gets a spot in the right part of its box', () => {
  const { model } = opened();
  const run = new LiveRun(model, { seed: 1, targetWait: 0.5 });
  run.runUntil(9.6); // the clinic at 09:36: clinicians busy, a queue
  const f = run.frame();
  const l = layoutPlaces(run.places);
  const targets = dotTargets(f, l);
  expect(targets.size).toBe(f.serials.length);
  const c = countersOf(run.sim.snapshot(), 0);
  expect(c.waiting).toBeGreaterThan(0);
  let waiting = 0, serving = 0;
  f.serials.forEach((s, k) => {
    const t = targets.get(s)!;
    const box = l.boxes[f.where[k]];
    if (f.waiting[k]) { waiting++; expect(inside(t, box.queue)).toBe(true); } else { serving++; expect(inside(t, box.service)).toBe(true); }
  });
  expect([waiting, serving]).toEqual([c.waiting, c.inService]);
  // Free places: clinicians on duty minus busy ones.
  expect(freeSlots(l.boxes[0], f.places[0]).length).toBe(f.places[0].capacity! - f.places[0].inUse);
  // The same frame always gives the same picture.
  expect(dotTargets(f, l)).toEqual(targets);
});

test('a patient holding a ward bed is drawn in the ward, unless waiting elsewhere or being seen by staff', () => {
  const { model } = opened({ scenario: { library: 'discharge-to-assess' } });
  const run = new LiveRun(model, { seed: 1, targetWait: 4 });
  const ward = run.places.findIndex((p) => p.id === 'dgh/medical');
  const staff = run.places.findIndex((p) => p.kind === 'staff');
  const pool = run.model.pools.findIndex((p) => p.id === 'dgh/medical');
  for (const t of [24 * 10, 24 * 10 + 9.5, 24 * 30 + 14]) {
    run.runUntil(t);
    const f = run.frame();
    const ent = run.sim.ent, nPools = run.model.pools.length;
    const bySerial = new Map(ent.live().map((e) => [ent.serial[e], e]));
    let inWard = 0, elsewhereHoldingBed = 0;
    f.serials.forEach((s, k) => {
      const holds = ent.heldAt[bySerial.get(s)! * nPools + pool] > 0;
      if (f.where[k] === ward && !f.waiting[k]) { inWard++; expect(holds).toBe(true); }
      else if (holds) { elsewhereHoldingBed++; expect(f.waiting[k] === 1 || f.where[k] === staff).toBe(true); }
    });
    expect(inWard + elsewhereHoldingBed).toBe(f.places[ward].inUse);
    expect(inWard).toBeGreaterThan(f.places[ward].inUse / 2);
  }
});

test('a long waiting list shows at most MAX_DOTS_PER_GROUP dots, the oldest, and hides the rest without sending them home', () => {
  const n = 1000;
  const frame = {
    time: 0, ended: false, counters: { arrived: n, waiting: n, inService: 0, breaches: 0, done: 0, left: 0 },
    places: [{ capacity: null, inUse: 0, queue: n }],
    serials: Float64Array.from({ length: n }, (_, i) => n - i), // any order: slots follow arrival (serial) order
    where: new Int32Array(n), waiting: new Uint8Array(n).fill(1),
  };
  const l = layoutPlaces([{ id: 'list:joints', kind: 'store' }]);
  const t = dotTargets(frame, l);
  const shown = [...t].filter(([, d]) => !d.hidden).map(([s]) => s).sort((a, b) => a - b);
  expect(shown).toEqual(Array.from({ length: MAX_DOTS_PER_GROUP }, (_, i) => i + 1));
  expect(t.size).toBe(n);
  for (const d of t.values()) expect(inside(d, l.boxes[0].queue)).toBe(true);
});
