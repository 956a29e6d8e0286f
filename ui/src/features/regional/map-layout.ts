// Where the transfer diagram draws its sites and arrows: the sites evenly on a circle (no
// geography is known, only who sends to whom), each arrow from the edge of one site's
// node to the edge of the other's, set aside from the line between their centres so the
// two directions between a pair of sites do not overlap.
export interface Point { x: number; y: number }

export const NODE_RADIUS = 22;
/** Room beside the circle for the sites' names, which go outside their nodes (away from the arrows). */
const NAME_ROOM = { across: 90, down: 30 };

/**
 * Centres of n sites inside a width × height box: on a circle, the first at the top; or,
 * when some are marked inner (the sites that receive patients), those in the middle (on a
 * small circle of their own) and the rest around them, so the arrows point inwards.
 */
export function placeSites(n: number, width: number, height: number, inner: readonly boolean[] = []): Point[] {
  const r = Math.min(width / 2 - NODE_RADIUS - NAME_ROOM.across, height / 2 - NODE_RADIUS - NAME_ROOM.down);
  const inside = Array.from({ length: n }, (_, k) => inner[k] === true);
  const nIn = inside.filter(Boolean).length;
  const split = nIn > 0 && nIn < n;
  const ring = (k: number, count: number, radius: number, turn: number): Point => {
    const a = -Math.PI / 2 + turn + (2 * Math.PI * k) / count;
    return { x: width / 2 + radius * Math.cos(a), y: height / 2 + radius * Math.sin(a) };
  };
  if (!split) return inside.map((_, k) => ring(k, n, r, 0));
  // Two around one: above it, left and right, a quarter of r lower so the triangle is centred
  // (not a line through the middle one's name).
  const triangle = n - nIn === 2 && nIn === 1;
  const down = triangle ? r / 4 : 0;
  let i = 0, o = 0;
  return inside.map((isIn) => {
    // The inner sites side by side across the middle (a half-turn so two lie left and right).
    const p = isIn
      ? (nIn === 1 ? { x: width / 2, y: height / 2 } : ring(i++, nIn, Math.min(r * 0.45, 90), Math.PI / 2))
      : (triangle ? ring(o++ === 0 ? -1 : 1, 6, r, 0) : ring(o++, n - nIn, r, 0));
    return { x: p.x, y: p.y + down };
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
  // The label a third of the way along, near the sender, where arrows into one site are still apart.
  return { x1, y1, x2, y2, label: { x: x1 + (x2 - x1) / 3 + nx * 14, y: y1 + (y2 - y1) / 3 + ny * 14 } };
}

/** Where a site's name goes: outside its node, on the side away from the centre of the box; below it for a site in the middle. */
export function namePlace(p: Point, width: number, height: number, inner = false): { x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  if (inner) return { x: p.x, y: p.y + NODE_RADIUS + 12, anchor: 'middle' };
  const dx = p.x - width / 2, dy = p.y - height / 2;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const x = p.x + ux * (NODE_RADIUS + 6), y = p.y + uy * (NODE_RADIUS + 10);
  return { x, y, anchor: ux > 0.3 ? 'start' : ux < -0.3 ? 'end' : 'middle' };
}
