// Sites × options: each site's key measures under every option, the value with its 95%
// interval and, for an option, its paired difference from baseline marked better, worse
// or no clear difference (words and a mark as well as colour, as the comparison table).
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatEstimate } from '../../lib/format.ts';
import { VERDICT_WORDS, infoOf } from '../../lib/kpi.ts';
import { EQUITY_KPIS, SHORT_LABELS, SITE_KPIS, cell, optionName, siteName, type Option, type SiteNamer } from './regional-data.ts';
import { splitKpiName } from '../../../../scenarios/kpis/catalogue.ts';

const MARK = { better: '✔', worse: '✖', unclear: '≈', neutral: '' } as const;
const UNIT_WORDS: Record<string, string> = { fraction: '%', 'patients/week': 'patients' };

function Value({ result, option, kpi }: { result: RunResultDoc; option: Option; kpi: string }) {
  const c = cell(result, option, kpi);
  const unit = infoOf(kpi).unit;
  const e = c.estimate;
  return (
    <td className={`num verdict verdict--${c.verdict}`} data-variant={option.id} data-kpi={kpi}>
      <span className="regional__value">{e ? formatEstimate(e.mean, e.ciLow, e.ciHigh, unit) : '—'}</span>
      {c.difference && (
        <span className="regional__diff">
          {MARK[c.verdict] && <span aria-hidden="true">{MARK[c.verdict]} </span>}
          <span className="visually-hidden">difference from baseline </span>
          {formatEstimate(c.difference.mean, c.difference.ciLow, c.difference.ciHigh, unit, true)}
          {VERDICT_WORDS[c.verdict] && <strong> {VERDICT_WORDS[c.verdict]}</strong>}
        </span>
      )}
    </td>
  );
}

function MeasureRow({ result, kpi }: { result: RunResultDoc; kpi: string }) {
  const info = infoOf(kpi);
  return (
    <tr>
      <th scope="row" title={info.label}>{SHORT_LABELS[splitKpiName(kpi).metric] ?? info.label} <span className="unit">({UNIT_WORDS[info.unit] ?? info.unit})</span></th>
      {result.variants.map((v) => <Value key={v.id} result={result} option={v} kpi={kpi} />)}
    </tr>
  );
}

export function SiteMatrix({ result, sites, nameOf = siteName }: { result: RunResultDoc; sites: string[]; nameOf?: SiteNamer }) {
  const has = (kpi: string) => result.variants.some((v) => v.kpis[kpi] !== undefined);
  const equity = EQUITY_KPIS.map((m) => `${m}[all]`).filter(has);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Sites by option (scrolls sideways on a narrow screen)">
      <table className="table regional-matrix" data-regional-matrix="">
        <caption>Each site's measures under each option: the mean over {result.replications} replications with its 95% confidence interval;
          under an option, the paired difference from baseline below it, ✔ better or ✖ worse when its interval excludes zero, ≈ no clear difference otherwise.</caption>
        <thead>
          <tr>
            <th scope="col">Site and measure</th>
            {result.variants.map((v) => <th key={v.id} scope="col">{optionName(v)}</th>)}
          </tr>
        </thead>
        {sites.map((s) => (
          <tbody key={s} data-site={s}>
            <tr className="group-row"><th colSpan={1 + result.variants.length} scope="colgroup">{nameOf(s)}</th></tr>
            {SITE_KPIS.map((m) => `${m}[${s}]`).filter(has).map((k) => <MeasureRow key={k} result={result} kpi={k} />)}
          </tbody>
        ))}
        {equity.length > 0 && (
          <tbody data-site="all">
            <tr className="group-row"><th colSpan={1 + result.variants.length} scope="colgroup">Between sites (equity)</th></tr>
            {equity.map((k) => <MeasureRow key={k} result={result} kpi={k} />)}
          </tbody>
        )}
      </table>
    </div>
  );
}
