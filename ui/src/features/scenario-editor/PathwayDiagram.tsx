// A pathway drawn as boxes in a row, left to right: the next step by a straight arrow,
// branches and readmissions by arcs (forward above, back below) labelled with their
// probabilities. Colours tell what a step holds (bed, theatre, staff); the words say it too.
// Editable: a step is a button (click, or Enter when focused) that opens it in the builder;
// under the drawing, a step can be added after another or moved earlier or later. A node
// the check finds a problem in is drawn in red with the messages (same paths as `pathflow check`).
import { useRef, useState } from 'react';
import { formatPath } from '../../../../scenarios/errors.ts';
import type { Path } from '../../lib/patch.ts';
import type { PathwayGraph, GraphNode } from '../../../../scenarios/diagram/pathway-graph.ts';
import { BOX_GAP, BOX_H, BOX_W, pathwayLayout } from '../../../../scenarios/diagram/layout.ts';

const W = BOX_W, H = BOX_H, GAP = BOX_GAP;
const LINE = 17;

/** The check's messages at or under a node's path. */
function problemsAt(messages: Map<string, string> | undefined, path: Path | undefined): string[] {
  if (!messages || !path) return [];
  const at = formatPath(path);
  return [...messages.entries()].filter(([k]) => k === at || k.startsWith(`${at}.`) || k.startsWith(`${at}[`)).map(([k, m]) => `${k}: ${m}`);
}

interface Drag { onDown(e: React.PointerEvent): void; onMove(e: React.PointerEvent): void; onUp(e: React.PointerEvent): void; dragging: boolean }

function NodeBox({ node, x, y, problems, onOpen, drag }: { node: GraphNode; x: number; y: number; problems: string[]; onOpen?(path: Path): void; drag?: Drag }) {
  const path = node.path;
  const opens = onOpen !== undefined && path !== undefined;
  const shown = node.lines.slice(0, 3).map((l) => clip(l, 24));
  // The button's name is its <title>: every word of the box unclipped, its problems, and
  // what a click does (an aria-label would have to repeat the clipped text exactly).
  const name = [node.title, ...node.lines, ...problems.map((p) => `problem: ${p}`), ...(opens ? ['(opens it in the builder)'] : [])].join('\n');
  return (
    <g className={`node node--${node.kind}${problems.length ? ' node--error' : ''}${opens ? ' node--button' : ''}${drag?.dragging ? ' node--dragging' : ''}`} transform={`translate(${x},${y})`}
      id={path ? `d-${path.join('-')}` : undefined}
      {...(drag ? { onPointerDown: drag.onDown, onPointerMove: drag.onMove, onPointerUp: drag.onUp, onPointerCancel: drag.onUp } : {})}
      {...(opens ? {
        role: 'button', tabIndex: 0,
        onClick: () => onOpen(path),
        onKeyDown: (e: React.KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(path); } },
      } : {})}>
      <rect width={W} height={H} rx={node.kind === 'decision' ? 24 : 8} />
      <text x={W / 2} y={24} className="node__title" textAnchor="middle">{clip(node.title, 20)}</text>
      {shown.map((l, i) => <text key={i} x={W / 2} y={24 + LINE * (i + 1) + 2} textAnchor="middle" className="node__line">{l}</text>)}
      {node.lines.length > 3 && <text x={W / 2} y={24 + LINE * 4 + 2} textAnchor="middle" className="node__line">…</text>}
      {problems.length > 0 && <text x={W - 10} y={18} textAnchor="end" className="node__problem">⚠ {problems.length}</text>}
      <title>{name}</title>
    </g>
  );
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

interface Props {
  graph: PathwayGraph;
  /** The check's messages by formatted path, shown on the nodes they concern. */
  messages?: Map<string, string>;
  onOpen?(path: Path): void;
  /** Add a step after step `index` (-1: first). Only for a pathway's own diagram. */
  onAdd?(index: number): void;
  /** Move step `index` by `by` places; false when refused (the caller says why). */
  onMove?(index: number, by: number): boolean;
  /** Move step `index` to position `to` (dragged sideways); false when refused. */
  onMoveTo?(index: number, to: number): boolean;
}

/** A drag under this many pixels is a click. */
const DRAG_START = 8;

export function PathwayDiagram({ graph, messages, onOpen, onAdd, onMove, onMoveTo }: Props) {
  const [chosen, setChosen] = useState(0);
  // Dragging a step sideways reorders it (the buttons below do the same from the keyboard).
  const [drag, setDrag] = useState<{ step: number; startX: number; dx: number; moved: boolean } | null>(null);
  const justDragged = useRef(false);
  const steps = graph.pathway !== undefined ? graph.nodes.slice(1) : [];
  const step = Math.min(chosen, Math.max(steps.length - 1, 0));
  const editable = graph.pathway !== undefined && (onAdd !== undefined || onMove !== undefined);
  const allProblems = graph.nodes.flatMap((nd) => problemsAt(messages, nd.path));
  const { width, height, top, xOf, edge } = pathwayLayout(graph);

  return (
    <figure className="diagram">
      <figcaption><strong>{graph.title}</strong> <span className="muted">{graph.subtitle}</span></figcaption>
      {/* Focusable, so a long pathway can be scrolled sideways with the arrow keys. */}
      <div className="diagram__scroll" tabIndex={0} role="group" aria-label={`${graph.title}, scrollable`}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role={onOpen ? 'group' : 'img'}
          aria-label={`${graph.title}: ${graph.nodes.map((nd) => nd.title).join(', then ')}`}>
          <defs>
            <marker id={`arrow-${graph.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="edge__head" />
            </marker>
          </defs>
          {graph.edges.map((e, k) => {
            const marker = `url(#arrow-${graph.id})`;
            const at = edge(e);
            const label = e.label && <text x={at.labelX} y={at.labelY} textAnchor="middle" className="edge__label">{e.label}</text>;
            return at.kind === 'line' ? (
              <g key={k} className={`edge${e.dashed ? ' edge--dashed' : ''}`}>
                <line x1={at.x1} y1={at.y} x2={at.x2} y2={at.y} markerEnd={marker} />
                {label}
              </g>
            ) : (
              <g key={k} className={`edge edge--arc${e.dashed ? ' edge--dashed' : ''}`}>
                <path d={at.d} markerEnd={marker} />
                {label}
              </g>
            );
          })}
          {graph.nodes.map((nd, i) => {
            const s = i - 1;
            const draggable = onMoveTo !== undefined && graph.pathway !== undefined && i > 0 && steps.length > 1;
            const mine = drag !== null && drag.step === s && drag.moved;
            const handlers: Drag | undefined = draggable ? {
              dragging: mine,
              onDown: (e) => { justDragged.current = false; if (e.button !== 0) return; (e.currentTarget as Element).setPointerCapture?.(e.pointerId); setDrag({ step: s, startX: e.clientX, dx: 0, moved: false }); },
              onMove: (e) => setDrag((d) => (d && d.step === s ? { ...d, dx: e.clientX - d.startX, moved: d.moved || Math.abs(e.clientX - d.startX) > DRAG_START } : d)),
              onUp: () => {
                if (drag && drag.step === s && drag.moved) {
                  const to = Math.max(0, Math.min(steps.length - 1, s + Math.round(drag.dx / (W + GAP))));
                  justDragged.current = true;
                  if (to !== s && onMoveTo!(s, to)) setChosen(to);
                }
                setDrag(null);
              },
            } : undefined;
            return (
              <NodeBox key={nd.key + i} node={nd} x={xOf(i) + (mine ? drag.dx : 0)} y={top} problems={problemsAt(messages, nd.path)} drag={handlers}
                onOpen={onOpen && ((p) => {
                  // The click that ends a drag does not open the step.
                  if (justDragged.current) { justDragged.current = false; return; }
                  if (graph.pathway !== undefined && i > 0) setChosen(i - 1);
                  onOpen(p);
                })} />
            );
          })}
        </svg>
      </div>
      {allProblems.length > 0 && (
        <ul className="diagram__problems" aria-label={`Problems in ${graph.title}`}>{allProblems.slice(0, 6).map((m, i) => <li key={i}>{m}</li>)}</ul>
      )}
      {editable && (
        <div className="toolbar diagram__edit" role="group" aria-label={`Change the steps of ${graph.title}`}>
          {steps.length > 0 && (
            <>
              <label htmlFor={`step-of-${graph.id}`}>Step</label>
              <select id={`step-of-${graph.id}`} value={step} onChange={(e) => setChosen(Number(e.target.value))}>
                {steps.map((nd, i) => <option key={i} value={i}>{i + 1}. {nd.title}{nd.key !== nd.title ? ` (${nd.key})` : ''}</option>)}
              </select>
            </>
          )}
          {onAdd && <button type="button" onClick={() => onAdd(steps.length ? step : -1)}>{steps.length ? 'Add a step after it' : 'Add a first step'}</button>}
          {onMove && steps.length > 1 && <>
            <button type="button" onClick={() => { if (onMove(step, -1)) setChosen(step - 1); }} disabled={step === 0}>Move earlier</button>
            <button type="button" onClick={() => { if (onMove(step, 1)) setChosen(step + 1); }} disabled={step === steps.length - 1}>Move later</button>
          </>}
        </div>
      )}
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
