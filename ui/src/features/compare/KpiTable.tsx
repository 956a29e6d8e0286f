// Every KPI per option: the mean with its 95% CI, and for each option the paired
// difference from baseline, marked better / worse / no clear difference by the KPI's
// direction (words and arrows as well as colour). Activity and cost sit with quality,
// never alone.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatEstimate } from '../../lib/format.ts';
import { GROUP_TITLES, VERDICT_WORDS, groupKpis, infoOf, scopeOf, verdict } from '../../lib/kpi.ts';
import { kpiNames } from './chart-data.ts';

const ARROW = { better: '▲', worse: '▼', unclear: '≈', neutral: '' } as const;

const UNIT_WORDS: Record<string, string> = { fraction: '%', h: 'hours' };

export function KpiTable({ result }: { result: RunResultDoc }) {
  const names = kpiNames(result);
  const groups = groupKpis(names);
  const [baseline, ...others] = result.variants;
  const diffOf = (variant: string, kpi: string) => result.comparisons.find((c) => c.variant === variant && c.kpi === kpi);
  return (
    <div className="table-scroll">
      <table className="table kpi-table" aria-label="Results by measure and option">
        <caption>Each value is the mean over {result.replications} replications with its 95% confidence interval in brackets; a difference is
          the option minus the baseline, paired replication by replication. ▲ better, ▼ worse: the interval excludes zero; ≈ no clear difference.</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th><th scope="col">Where</th>
            <th scope="col">{baseline.name}</th>
            {others.map((v) => [<th key={v.id} scope="col">{v.name}</th>, <th key={`${v.id}-d`} scope="col">{v.name}: difference</th>])}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.group}>
            <tr className="group-row"><th colSpan={3 + others.length * 2} scope="colgroup">{GROUP_TITLES[g.group]}</th></tr>
            {g.names.map((n) => {
              const info = infoOf(n);
              const b = baseline.kpis[n];
              return (
                <tr key={n} data-kpi={n}>
                  <th scope="row">{info.label} <span className="unit">({UNIT_WORDS[info.unit] ?? info.unit})</span></th>
                  <td>{scopeOf(n)}</td>
                  <td data-variant={baseline.id} className="num">{b ? formatEstimate(b.mean, b.ciLow, b.ciHigh, info.unit) : '—'}</td>
                  {others.map((v) => {
                    const e = v.kpis[n];
                    const d = diffOf(v.id, n);
                    const verdictOf = d ? verdict(n, d.difference, d.ciLow, d.ciHigh) : 'neutral';
                    return [
                      <td key={v.id} data-variant={v.id} className="num">{e ? formatEstimate(e.mean, e.ciLow, e.ciHigh, info.unit) : '—'}</td>,
                      <td key={`${v.id}-d`} data-variant={v.id} data-difference="" className={`num verdict verdict--${verdictOf}`}>
                        {d ? <>{ARROW[verdictOf] && <span aria-hidden="true">{ARROW[verdictOf]} </span>}{formatEstimate(d.difference, d.ciLow, d.ciHigh, info.unit, true)}
                          {VERDICT_WORDS[verdictOf] && <span className="verdict__word"> {VERDICT_WORDS[verdictOf]}</span>}</> : '—'}
                      </td>,
                    ];
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
