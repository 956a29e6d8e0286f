// From a frame to what is drawn: one box per resource in rows, each with a queue lane
// and service slots, and a position for every patient (its slot in its box). Pure
// functions of the frame, so the picture of a given moment is always the same.
import type { Frame, Place, PlaceState } from './live-run.ts';

export const VIEW_WIDTH = 1000;
const MARGIN = 90; // room for the door (left) and the exit (right)
const GAP = 24;
const BOX_HEIGHT = 190;
const HEADER = 46;
const PER_ROW = 3;
const MAX_BOX_WIDTH = 400; // one or two resources stay readable boxes, centred, not a wide band

export interface Box {
  place: Place;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Queue lane (left) and service area (right), inside the box. */
  queue: { x: number; y: number; w: number; h: number };
  service: { x: number; y: number; w: number; h: number };
}

export interface Layout {
  boxes: Box[];
  height: number;
  door: { x: number; y: number };
  exit: { x: number; y: number };
  /** Where patients between resources (in a delay holding nothing drawn) are shown. */
  elsewhere: { x: number; y: number; w: number; h: number };
}

/** "clinic/staff" → "clinic · staff"; store "list:joints" → "waiting list · joints". */
export function placeLabel(p: Place): string {
  if (p.kind === 'store') return `waiting list · ${p.id.replace(/^list:/, '')}`;
  return p.id.split('/').join(' · ');
}

export function layoutPlaces(places: readonly Place[]): Layout {
  const perRow = Math.min(PER_ROW, Math.max(1, places.length));
  const inner = VIEW_WIDTH - 2 * MARGIN;
  const w = Math.min(MAX_BOX_WIDTH, (inner - GAP * (perRow - 1)) / perRow);
  const left = MARGIN + (inner - (w * perRow + GAP * (perRow - 1))) / 2;
  const boxes = places.map((place, i) => {
    const row = Math.floor(i / perRow), col = i % perRow;
    const x = left + col * (w + GAP), y = 20 + row * (BOX_HEIGHT + GAP);
    const laneW = place.kind === 'store' ? w - 16 : w * 0.38;
    return {
      place, label: placeLabel(place), x, y, w, h: BOX_HEIGHT,
      queue: { x: x + 8, y: y + HEADER, w: laneW, h: BOX_HEIGHT - HEADER - 8 },
      service: { x: x + 16 + laneW, y: y + HEADER, w: place.kind === 'store' ? 0 : w - laneW - 24, h: BOX_HEIGHT - HEADER - 8 },
    };
  });
  const rows = Math.max(1, Math.ceil(places.length / perRow));
  const top = 20 + rows * (BOX_HEIGHT + GAP);
  return {
    boxes,
    height: top + 70,
    door: { x: 30, y: 20 + BOX_HEIGHT / 2 },
    exit: { x: VIEW_WIDTH - 30, y: 20 + BOX_HEIGHT / 2 },
    elsewhere: { x: MARGIN, y: top, w: inner, h: 50 },
  };
}

/** Radius and pitch of a grid that fits n dots in an area. */
export function gridFor(area: { w: number; h: number }, n: number): { cols: number; pitch: number; r: number } {
  const count = Math.max(1, n);
  // Largest pitch p with floor(w/p)·floor(h/p) ≥ n.
  let pitch = Math.min(22, Math.sqrt((area.w * area.h) / count));
  while (pitch > 2 && Math.floor(area.w / pitch) * Math.floor(area.h / pitch) < count) pitch *= 0.92;
  const cols = Math.max(1, Math.floor(area.w / pitch));
  return { cols, pitch, r: Math.max(1.2, Math.min(7, pitch * 0.38)) };
}

function slot(area: { x: number; y: number; w: number; h: number }, g: { cols: number; pitch: number }, k: number, fromRight: boolean) {
  const col = k % g.cols, row = Math.floor(k / g.cols);
  const x = fromRight ? area.x + area.w - g.pitch * (col + 0.5) : area.x + g.pitch * (col + 0.5);
  return { x, y: area.y + g.pitch * (row + 0.5) };
}

export interface DotTarget {
  x: number;
  y: number;
  r: number;
  waiting: boolean;
  /** Beyond the dots one box part shows (the number says how many): not drawn, and not "leaving" either. */
  hidden?: boolean;
}

/**
 * Most dots drawn in one part of a box: a waiting list of 1,100 is a number on the box and
 * 400 dots, not 1,100 specks (measured: drawing every one cost the surgical hub ~15 fps).
 */
export const MAX_DOTS_PER_GROUP = 400;

/** Where each patient of the frame is drawn, by serial number. */
export function dotTargets(frame: Frame, layout: Layout): Map<number, DotTarget> {
  const out = new Map<number, DotTarget>();
  const n = frame.serials.length;
  // Group by (place, waiting), each group in serial (arrival) order so a patient keeps its slot.
  const groups = new Map<number, number[]>();
  for (let k = 0; k < n; k++) {
    const key = (frame.where[k] + 1) * 2 + frame.waiting[k];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(k);
  }
  for (const [key, ks] of groups) {
    ks.sort((a, b) => frame.serials[a] - frame.serials[b]);
    const place = Math.floor(key / 2) - 1, waiting = key % 2 === 1;
    const box = place >= 0 ? layout.boxes[place] : null;
    const area = !box ? layout.elsewhere : waiting || box.place.kind === 'store' ? box.queue : box.service;
    const cap = box && !waiting ? frame.places[place]?.capacity ?? 0 : 0;
    // Service slots are sized for the capacity, so free places show as gaps.
    const shown = Math.min(ks.length, MAX_DOTS_PER_GROUP);
    const g = gridFor(area, Math.max(shown, Number.isFinite(cap) ? Math.min(cap, MAX_DOTS_PER_GROUP) : 0));
    ks.forEach((k, i) => {
      // The front of a queue is nearest the service area (its right-hand end).
      const p = slot(area, g, Math.min(i, shown - 1), waiting);
      out.set(frame.serials[k], i < shown ? { x: p.x, y: p.y, r: g.r, waiting } : { x: p.x, y: p.y, r: g.r, waiting, hidden: true });
    });
  }
  return out;
}

/** Service slots to outline (free places), per box; none for unlimited pools or stores. */
export function freeSlots(box: Box, state: PlaceState | undefined): { x: number; y: number; r: number }[] {
  if (!state || state.capacity === null || !Number.isFinite(state.capacity) || box.place.kind === 'store') return [];
  const cap = Math.min(state.capacity, MAX_DOTS_PER_GROUP);
  const g = gridFor(box.service, Math.max(cap, Math.min(state.inUse, MAX_DOTS_PER_GROUP)));
  const out = [];
  for (let k = state.inUse; k < cap; k++) out.push({ ...slot(box.service, g, k, false), r: g.r });
  return out;
}
