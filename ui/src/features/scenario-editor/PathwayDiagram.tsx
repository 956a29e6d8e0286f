// A pathway drawn as boxes in a row, left to right: the next step by a straight arrow,
// branches and readmissions by arcs (forward above, back below) labelled with their
// probabilities. Colours tell what a step holds (bed, theatre, staff); the words say it too.
import type { PathwayGraph, GraphNode } from '../../../../scenarios/diagram/pathway-graph.ts';

const W = 168, H = 96, GAP = 44, PAD = 24;
const LINE = 17;

function NodeBox({ node, x, y }: { node: GraphNode; x: number; y: number }) {
  return (
    <g className={`node node--${node.kind}`} transform={`translate(${x},${y})`}>
      <rect width={W} height={H} rx={node.kind === 'decision' ? 24 : 8} />
      <text x={W / 2} y={24} className="node__title" textAnchor="middle">{clip(node.title, 20)}</text>
      {node.lines.slice(0, 3).map((l, i) => <text key={i} x={W / 2} y={24 + LINE * (i + 1) + 2} textAnchor="middle" className="node__line">{clip(l, 24)}</text>)}
      {node.lines.length > 3 && <text x={W / 2} y={24 + LINE * 4 + 2} textAnchor="middle" className="node__line">…</text>}
      <title>{[node.title, ...node.lines].join('\n')}</title>
    </g>
  );
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function PathwayDiagram({ graph }: { graph: PathwayGraph }) {
  const count = graph.nodes.length;
  const arcs = graph.edges.filter((e) => e.to !== e.from + 1);
  const forward = arcs.filter((e) => e.to > e.from);
  const back = arcs.filter((e) => e.to < e.from);
  const top = PAD + (forward.length ? 40 + 16 * Math.min(forward.length, 6) : 10);
  const height = top + H + (back.length ? 56 + 16 * Math.min(back.length, 4) : 20);
  const width = PAD * 2 + count * W + (count - 1) * GAP;
  const xOf = (i: number) => PAD + i * (W + GAP);
  const mid = top + H / 2;

  return (
    <figure className="diagram">
      <figcaption><strong>{graph.title}</strong> <span className="muted">{graph.subtitle}</span></figcaption>
      {/* Focusable, so a long pathway can be scrolled sideways with the arrow keys. */}
      <div className="diagram__scroll" tabIndex={0} role="group" aria-label={`${graph.title}, scrollable`}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
          aria-label={`${graph.title}: ${graph.nodes.map((nd) => nd.title).join(', then ')}`}>
          <defs>
            <marker id={`arrow-${graph.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="edge__head" />
            </marker>
          </defs>
          {graph.edges.map((e, k) => {
            const marker = `url(#arrow-${graph.id})`;
            if (e.to === e.from + 1) {
              const x1 = xOf(e.from) + W, x2 = xOf(e.to);
              return (
                <g key={k} className={`edge${e.dashed ? ' edge--dashed' : ''}`}>
                  <line x1={x1} y1={mid} x2={x2 - 2} y2={mid} markerEnd={marker} />
                  {e.label && <text x={(x1 + x2) / 2} y={mid - 8} textAnchor="middle" className="edge__label">{e.label}</text>}
                </g>
              );
            }
            const up = e.to > e.from;
            const rank = (up ? forward : back).indexOf(e);
            const x1 = xOf(e.from) + W / 2 + (up ? 20 : -20), x2 = xOf(e.to) + W / 2 + (up ? -20 : 20);
            const y = up ? top : top + H;
            const lift = (up ? -1 : 1) * (36 + 16 * (rank % 6));
            const d = `M ${x1} ${y} C ${x1} ${y + lift}, ${x2} ${y + lift}, ${x2} ${y + (up ? -2 : 2)}`;
            return (
              <g key={k} className={`edge edge--arc${e.dashed ? ' edge--dashed' : ''}`}>
                <path d={d} markerEnd={marker} />
                {e.label && <text x={(x1 + x2) / 2} y={y + lift * 0.75 + (up ? -4 : 12)} textAnchor="middle" className="edge__label">{e.label}</text>}
              </g>
            );
          })}
          {graph.nodes.map((nd, i) => <NodeBox key={nd.key + i} node={nd} x={xOf(i)} y={top} />)}
        </svg>
      </div>
    </figure>
  );
}

export function DiagramLegend() {
  return (
    <ul className="legend" aria-label="Colours of the diagram">
      <li><span className="swatch node--start" /> arrivals or referrals</li>
      <li><span className="swatch node--ward" /> holds a bed, trolley or place</li>
      <li><span className="swatch node--theatre" /> theatre</li>
      <li><span className="swatch node--staff" /> staff task</li>
      <li><span className="swatch node--decision" /> branch or check</li>
      <li><span className="swatch node--list" /> waiting list</li>
    </ul>
  );
}
