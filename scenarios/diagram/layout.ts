// Where a pathway graph's boxes and arrows go, shared by the web app's PathwayDiagram and
// the report's SVG so the two drawings never drift apart: boxes in a row left to right,
// the next step by a straight arrow, branches forward by arcs above the row and returns
// by arcs below, each arc lifted by its rank so that labels do not sit on each other.
import type { PathwayGraph } from './pathway-graph.ts';

/** A box's width and height, the gap between boxes and the margin, in SVG units. */
export const BOX_W = 168, BOX_H = 96, BOX_GAP = 44, PAD = 24;

type Edge = PathwayGraph['edges'][number];

/** A straight arrow to the next box, or an arc as a path, with where its label goes. */
export type EdgeShape =
  | { kind: 'line'; x1: number; x2: number; y: number; labelX: number; labelY: number }
  | { kind: 'arc'; d: string; labelX: number; labelY: number };

export interface PathwayLayout {
  width: number;
  height: number;
  /** The top of the row of boxes. */
  top: number;
  /** The left edge of box i. */
  xOf(i: number): number;
  edge(e: Edge): EdgeShape;
}

export function pathwayLayout(g: PathwayGraph): PathwayLayout {
  const count = g.nodes.length;
  const arcs = g.edges.filter((e) => e.to !== e.from + 1);
  const forward = arcs.filter((e) => e.to > e.from);
  const back = arcs.filter((e) => e.to < e.from);
  const top = PAD + (forward.length ? 40 + 16 * Math.min(forward.length, 6) : 10);
  const height = top + BOX_H + (back.length ? 56 + 16 * Math.min(back.length, 4) : 20);
  const width = PAD * 2 + count * BOX_W + (count - 1) * BOX_GAP;
  const xOf = (i: number) => PAD + i * (BOX_W + BOX_GAP);
  const mid = top + BOX_H / 2;
  const edge = (e: Edge): EdgeShape => {
    if (e.to === e.from + 1) {
      const x1 = xOf(e.from) + BOX_W, x2 = xOf(e.to);
      return { kind: 'line', x1, x2: x2 - 2, y: mid, labelX: (x1 + x2) / 2, labelY: mid - 8 };
    }
    const up = e.to > e.from;
    const rank = (up ? forward : back).indexOf(e);
    const x1 = xOf(e.from) + BOX_W / 2 + (up ? 20 : -20), x2 = xOf(e.to) + BOX_W / 2 + (up ? -20 : 20);
    const y = up ? top : top + BOX_H;
    const lift = (up ? -1 : 1) * (36 + 16 * (rank % 6));
    return {
      kind: 'arc',
      d: `M ${x1} ${y} C ${x1} ${y + lift}, ${x2} ${y + lift}, ${x2} ${y + (up ? -2 : 2)}`,
      labelX: (x1 + x2) / 2,
      labelY: y + lift * 0.75 + (up ? -4 : 12),
    };
  };
  return { width, height, top, xOf, edge };
}
