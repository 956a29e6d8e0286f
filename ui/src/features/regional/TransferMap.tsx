// Transfers between sites under one option: a diagram (sites as nodes, each flow an arrow
// as wide as its weekly volume, labelled with it) and the same flows as a table, with
// their 95% intervals, for those who do not read the picture.
import { useId } from 'react';
import { formatEstimate, formatNumber } from '../../lib/format.ts';
import { flowsOf, optionName, siteName, type Option, type SiteNamer } from './regional-data.ts';
import { NODE_RADIUS, arrow, namePlace, placeSites } from './map-layout.ts';

const WIDTH = 560, HEIGHT = 400;

/** Arrows labelled with their volume: all of them when few, otherwise those of at least a tenth of the largest (the table has every one). */
const LABEL_ALL = 6;

/** A site's name cut to fit the room beside its node (about 90 px); the full name is the node's title and is in the table. */
const clipName = (n: string) => (n.length > 14 ? `${n.slice(0, 13).trimEnd()}…` : n);

export function TransferMap({ option, sites, centre = new Set(), nameOf = siteName }: { option: Option; sites: string[]; centre?: ReadonlySet<string>; nameOf?: SiteNamer }) {
  const id = useId();
  const flows = flowsOf(option);
  const at = new Map(placeSites(sites.length, WIDTH, HEIGHT, sites.map((s) => centre.has(s))).map((p, k) => [sites[k], p]));
  const most = flows.reduce((a, f) => Math.max(a, f.perWeek.mean ?? 0), 1e-9);
  const title = `Transfers between sites per week: ${optionName(option)}`;
  return (
    <figure className="regional-map" data-transfer-map={option.id}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="regional-map__svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{flows.length === 0 ? 'No patient moves.' : flows.map((f) => `${nameOf(f.from)} to ${nameOf(f.to)}: ${formatNumber(f.perWeek.mean, 2)} a week`).join('; ')}</desc>
        <defs>
          <marker id={`${id}-head`} viewBox="0 0 10 10" refX="2" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className="regional-map__head" />
          </marker>
        </defs>
        {flows.map((f) => {
          const a = at.get(f.from), b = at.get(f.to);
          if (!a || !b) return null;
          const width = 2 + 10 * ((f.perWeek.mean ?? 0) / most);
          const line = arrow(a, b, width / 2 + 3);
          return (
            <g key={`${f.from}/${f.to}`} data-flow={`${f.from}/${f.to}`}>
              <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} strokeWidth={width} className="regional-map__arrow" markerEnd={`url(#${id}-head)`} />
              {(flows.length <= LABEL_ALL || (f.perWeek.mean ?? 0) >= most / 10) && <text x={line.label.x} y={line.label.y} className="regional-map__volume" textAnchor="middle" dominantBaseline="middle">{formatNumber(f.perWeek.mean, 2)}/wk</text>}
            </g>
          );
        })}
        {sites.map((s) => {
          const p = at.get(s)!;
          const name = namePlace(p, WIDTH, HEIGHT, centre.has(s));
          return (
            <g key={s} data-site-node={s}>
              <circle cx={p.x} cy={p.y} r={NODE_RADIUS} className="regional-map__node" />
              <text x={name.x} y={name.y} className="regional-map__name" textAnchor={name.anchor} dominantBaseline="middle">{clipName(nameOf(s))}</text>
              <title>{nameOf(s)}</title>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}. Each arrow's width is its volume; the numbers are patients a week (mean over replications){flows.length > LABEL_ALL ? '; the smaller flows are numbered in the table' : ''}.</figcaption>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title} (table)`}>
        <table className="table regional-flows" data-flow-table={option.id}>
          <caption>{title}, with 95% confidence intervals</caption>
          <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Patients a week</th></tr></thead>
          <tbody>
            {flows.length === 0 && <tr><td colSpan={3}>No patient moves under this option.</td></tr>}
            {flows.map((f) => (
              <tr key={`${f.from}/${f.to}`}>
                <td>{nameOf(f.from)}</td><td>{nameOf(f.to)}</td>
                <td className="num">{formatEstimate(f.perWeek.mean, f.perWeek.ciLow, f.perWeek.ciHigh, 'patients/week')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
