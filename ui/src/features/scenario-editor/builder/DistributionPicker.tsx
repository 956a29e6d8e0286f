// A duration: its kind, its parameters and unit, a sketch of its density (a histogram for
// observed values) and its mean and standard deviation in words, computed exactly from the
// parameters. Switching kind keeps the unit and the parameters both kinds have (mean, sd),
// and a fixed value takes the mean, so a switch never loses the number.
import { getAt } from '../../../lib/patch.ts';
import { elementId, Message, useBuilder, useProblemsUnder } from './context.tsx';
import { NodeEditor, type NodeProps } from './NodeEditor.tsx';
import { moments, momentsInWords, sketch, type Sketch } from './distribution-shape.ts';
import { KindPicker } from './UnionEditor.tsx';
import { switchKind } from './operations.ts';
import { unionOption } from './schema-node.ts';
import { fieldLabel } from './words.ts';

type Obj = Record<string, unknown>;
const W = 160, H = 48;
/** Parameters that are not times (the rest are in the duration's unit). */
const UNITLESS = new Set(['k', 'shape']);

function Shape({ s, label }: { s: Sketch; label: string }) {
  const x = (v: number) => (v / s.xMax) * W;
  const y = (v: number) => H - 2 - v * (H - 6);
  let body;
  if (s.kind === 'spike') body = <line x1={x(s.points[0].x)} x2={x(s.points[0].x)} y1={H - 2} y2={4} className="builder__curve" />;
  else if (s.kind === 'bars') body = s.points.map((p, i) => <rect key={i} x={x(p.x - s.barWidth! / 2) + 0.5} width={Math.max(1, x(s.barWidth!) - 1)} y={y(p.y)} height={H - 2 - y(p.y)} className="builder__bar" />);
  else body = <polyline points={s.points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ')} className="builder__curve" />;
  return (
    <svg className="builder__sketch" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <line x1={0} x2={W} y1={H - 2} y2={H - 2} className="builder__axis" />
      {body}
    </svg>
  );
}

export function DistributionPicker({ node, path, label, hint, depth, controls }: NodeProps) {
  const b = useBuilder();
  const value = getAt(b.form.doc, path);
  const d: Obj = typeof value === 'object' && value !== null ? (value as Obj) : {};
  const option = unionOption(node, d);
  const words = momentsInWords(d);
  const s = sketch(d);
  const params = Object.entries(option?.properties ?? {}).filter(([k]) => k !== 'dist' && k !== 'unit');
  const unitNode = option?.properties?.unit;
  const unit = typeof d.unit === 'string' ? d.unit : typeof unitNode?.default === 'string' ? unitNode.default : 'hours';
  const id = elementId(path);
  const problems = useProblemsUnder(path) > 0;
  const onKind = (kind: string) => {
    const next = switchKind(node, d, kind);
    if (kind === 'deterministic' && typeof d.mean === 'number') next.value = moments(d).mean;
    b.form.set(path, next);
  };
  return (
    <fieldset className={`duration builder__duration${problems ? ' builder__part--problem' : ''}`} id={id}>
      <legend>{label}</legend>
      {hint && <p className="field__hint builder__hint">{hint}</p>}
      <div className="duration__row">
        <KindPicker node={node} path={path} label="shape" onKind={onKind} />
        {params.map(([k, child]) => (
          <NodeEditor key={k} node={child} path={[...path, k]} label={UNITLESS.has(k) ? fieldLabel(k) : `${fieldLabel(k)} (${unit})`} hint={child.description} depth={depth + 1} />
        ))}
        {unitNode && <NodeEditor node={unitNode} path={[...path, 'unit']} label="unit" depth={depth + 1} />}
        {controls && <span className="builder__controls">{controls}</span>}
      </div>
      <div className="builder__shape">
        {s ? <Shape s={s} label={`shape of ${label}${words ? `: ${words}` : ''}`} /> : null}
        <span className="builder__moments" id={`${id}--moments`}>{words ?? 'mean and sd: fill in the parameters'}</span>
      </div>
      <Message path={path} />
    </fieldset>
  );
}
