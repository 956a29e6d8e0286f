// A pathway graph (scenarios/diagram) drawn as an SVG string, laid out as the web app's
// PathwayDiagram draws it: boxes in a row left to right, the next step by a straight
// arrow, branches forward by arcs above and returns by arcs below, labelled. Colours tell
// what a step holds; the words say it too. Every text escaped.
import type { PathwayGraph } from '../diagram/pathway-graph.ts';
import { escapeHtml as esc } from './escape.ts';

const W = 168, H = 96, GAP = 44, PAD = 24, LINE = 17;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const DIAGRAM_CSS = `
svg.pathway .node rect { stroke: #334155; stroke-width: 1.5; fill: #f8fafc; }
svg.pathway .node--start rect { fill: #e0f2fe; } svg.pathway .node--ward rect { fill: #fef3c7; }
svg.pathway .node--theatre rect { fill: #fce7f3; } svg.pathway .node--staff rect { fill: #dcfce7; }
svg.pathway .node--decision rect { fill: #ede9fe; } svg.pathway .node--list rect { fill: #ffedd5; }
svg.pathway .node--end rect { fill: #e2e8f0; } svg.pathway .node--stay rect { fill: #fefce8; }
svg.pathway text { font: 13px system-ui, sans-serif; fill: #0f172a; }
svg.pathway .node__title { font-weight: 600; }
svg.pathway .edge line, svg.pathway .edge path { stroke: #334155; stroke-width: 1.5; fill: none; }
svg.pathway .edge--dashed line, svg.pathway .edge--dashed path { stroke-dasharray: 5 4; }
svg.pathway .edge__head { fill: #334155; }
svg.pathway .edge__label { font-size: 12px; }
`;

export function pathwaySvg(g: PathwayGraph, index: number): string {
  const count = g.nodes.length;
  const arcs = g.edges.filter((e) => e.to !== e.from + 1);
  const forward = arcs.filter((e) => e.to > e.from);
  const back = arcs.filter((e) => e.to < e.from);
  const top = PAD + (forward.length ? 40 + 16 * Math.min(forward.length, 6) : 10);
  const height = top + H + (back.length ? 56 + 16 * Math.min(back.length, 4) : 20);
  const width = PAD * 2 + count * W + (count - 1) * GAP;
  const xOf = (i: number) => PAD + i * (W + GAP);
  const mid = top + H / 2;
  const marker = `arrow-${index}`;
  const edges = g.edges.map((e) => {
    const dashed = e.dashed ? ' edge--dashed' : '';
    const label = (x: number, y: number) => (e.label ? `<text x="${x}" y="${y}" text-anchor="middle" class="edge__label">${esc(clip(e.label, 40))}</text>` : '');
    if (e.to === e.from + 1) {
      const x1 = xOf(e.from) + W, x2 = xOf(e.to);
      return `<g class="edge${dashed}"><line x1="${x1}" y1="${mid}" x2="${x2 - 2}" y2="${mid}" marker-end="url(#${marker})"/>${label((x1 + x2) / 2, mid - 8)}</g>`;
    }
    const up = e.to > e.from;
    const rank = (up ? forward : back).indexOf(e);
    const x1 = xOf(e.from) + W / 2 + (up ? 20 : -20), x2 = xOf(e.to) + W / 2 + (up ? -20 : 20);
    const y = up ? top : top + H;
    const lift = (up ? -1 : 1) * (36 + 16 * (rank % 6));
    return `<g class="edge edge--arc${dashed}"><path d="M ${x1} ${y} C ${x1} ${y + lift}, ${x2} ${y + lift}, ${x2} ${y + (up ? -2 : 2)}" marker-end="url(#${marker})"/>${label((x1 + x2) / 2, y + lift * 0.75 + (up ? -4 : 12))}</g>`;
  });
  const nodes = g.nodes.map((nd, i) => {
    const lines = nd.lines.slice(0, 3).map((l, k) => `<text x="${W / 2}" y="${24 + LINE * (k + 1) + 2}" text-anchor="middle">${esc(clip(l, 24))}</text>`).join('');
    const more = nd.lines.length > 3 ? `<text x="${W / 2}" y="${24 + LINE * 4 + 2}" text-anchor="middle">…</text>` : '';
    return `<g class="node node--${nd.kind}" transform="translate(${xOf(i)},${top})"><rect width="${W}" height="${H}" rx="${nd.kind === 'decision' ? 24 : 8}"/>` +
      `<text x="${W / 2}" y="24" text-anchor="middle" class="node__title">${esc(clip(nd.title, 20))}</text>${lines}${more}<title>${esc([nd.title, ...nd.lines].join('\n'))}</title></g>`;
  });
  const label = `${g.title}: ${g.nodes.map((nd) => nd.title).join(', then ')}`;
  return `<svg class="pathway" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">` +
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="edge__head"/></marker></defs>` +
    `${edges.join('')}${nodes.join('')}</svg>`;
}
