// A pathway graph (scenarios/diagram) drawn as an SVG string, laid out as the web app's
// PathwayDiagram draws it: boxes in a row left to right, the next step by a straight
// arrow, branches forward by arcs above and returns by arcs below, labelled. Colours tell
// what a step holds; the words say it too. Every text escaped.
import type { PathwayGraph } from '../diagram/pathway-graph.ts';
import { BOX_H as H, BOX_W as W, pathwayLayout } from '../diagram/layout.ts';
import { escapeHtml as esc } from './escape.ts';

const LINE = 17;
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
  const { width, height, top, xOf, edge } = pathwayLayout(g);
  const marker = `arrow-${index}`;
  const edges = g.edges.map((e) => {
    const dashed = e.dashed ? ' edge--dashed' : '';
    const at = edge(e);
    const label = e.label ? `<text x="${at.labelX}" y="${at.labelY}" text-anchor="middle" class="edge__label">${esc(clip(e.label, 40))}</text>` : '';
    return at.kind === 'line'
      ? `<g class="edge${dashed}"><line x1="${at.x1}" y1="${at.y}" x2="${at.x2}" y2="${at.y}" marker-end="url(#${marker})"/>${label}</g>`
      : `<g class="edge edge--arc${dashed}"><path d="${at.d}" marker-end="url(#${marker})"/>${label}</g>`;
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
