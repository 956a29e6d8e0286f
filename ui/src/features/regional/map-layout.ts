// Where the transfer diagram draws its sites and arrows: the sites evenly on a circle (no
// geography is known, only who sends to whom), each arrow from the edge of one site's
// node to the edge of the other's, set aside from the line between their centres so the
// two directions between a pair of sites do not overlap.
export interface Point { x: number; y: number }

export const NODE_RADIUS = 30;

/** Centres of n sites on a circle inside a width × height box, the first at the top. */
export function placeSites(n: number, width: number, height: number): Point[] {
  const r = Math.min(width, height) / 2 - NODE_RADIUS - 24;
  return Array.from({ length: n }, (_, k) => {
    const a = -Math.PI / 2 + (2 * Math.PI * k) / n;
    return { x: width / 2 + r * Math.cos(a), y: height / 2 + r * Math.sin(a) };
  });
}

/** An arrow from a to b: its ends on the nodes' edges, shifted `offset` to its right; and where its label goes. */
export function arrow(a: Point, b: Point, offset: number): { x1: number; y1: number; x2: number; y2: number; label: Point } {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  // The right-hand normal of the direction a → b (y grows downwards on screen).
  const nx = -uy, ny = ux;
  const gap = NODE_RADIUS + 6;
  const x1 = a.x + ux * gap + nx * offset, y1 = a.y + uy * gap + ny * offset;
  const x2 = b.x - ux * (gap + 4) + nx * offset, y2 = b.y - uy * (gap + 4) + ny * offset;
  return { x1, y1, x2, y2, label: { x: (x1 + x2) / 2 + nx * 14, y: (y1 + y2) / 2 + ny * 14 } };
}
