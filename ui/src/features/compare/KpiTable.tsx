// Every KPI per option: the mean with its 95% CI, and for each option the paired
// difference from baseline, marked better / worse / no clear difference by the KPI's
// direction (words and arrows as well as colour). Activity and cost sit with quality,
// never alone. A † marks an interval not to be taken at face value, a ⚠ a measure one of
// the run's warnings concerns (each with its reason on hover and for screen readers).
import { Fragment, useMemo, useState } from 'react';
import type { RunResultDoc, RunWarning } from '../../../../scenarios/schema/run-result.ts';
import { warningsFor } from './RunWarnings.tsx';
import { formatEstimate } from '../../lib/format.ts';
import { GROUP_TITLES, VERDICT_WORDS, groupKpis, infoOf, verdict } from '../../lib/kpi.ts';
import { fittingUnit, kpiWords, searchText, type NameBook } from '../../lib/kpi-words.ts';
import { kpiNames } from '../../lib/key-measures.ts';
import { optionName } from './chart-data.ts';

const MARK = { better: '✔', worse: '✖', unclear: '≈', neutral: '' } as const;

/** A value and its interval, wrapping only between words: never inside "−£69,404". */
function Tokens({ text }: { text: string }) {
  const parts = text.split(' ');
  // The spaces stay outside the no-wrap spans: they are where a line may break.
  return <>{parts.map((p, i) => <Fragment key={i}><span className="nowrap">{p}</span>{i < parts.length - 1 ? ' ' : ''}</Fragment>)}</>;
}

/** † for an unreliable interval, ⚠ for the warnings that concern this measure of this option. */
function Marks({ unreliable, warnings = [] }: { unreliable?: string; warnings?: RunWarning[] }) {
  const said = warnings.map((w) => w.message).join(' ');
  return (
    <>
      {unreliable && (
        <span className="mark mark--unreliable" title={`Interval unreliable: ${unreliable}`} data-unreliable={unreliable}>
          <span aria-hidden="true">†</span><span className="visually-hidden"> (interval unreliable: {unreliable})</span>
        </span>
      )}
      {warnings.length > 0 && (
        <a className="mark mark--warning" href="#run-warnings" title={said} data-warning={warnings.map((w) => w.code).join(' ')}>
          <span aria-hidden="true">⚠</span><span className="visually-hidden"> (warning: {said})</span>
        </a>
      )}
    </>
  );
}

const concerns = (ws: RunWarning[], kpi: string) => ws.filter((w) => w.kpis.includes(kpi));

const NO_NAMES: NameBook = new Map();

/** The unit a row shows (times in the unit that fits the row's means) and the factor from the catalogue's. */
export function rowUnit(result: RunResultDoc, kpi: string): { unit: string; shown: string; factor: number } {
  const unit = infoOf(kpi).unit;
  const fit = fittingUnit(unit, result.variants.map((v) => v.kpis[kpi]?.mean));
  // Shares and money keep their catalogue unit: formatValue prints them as % and £.
  return fit.factor === 1 ? { unit, shown: fit.unit, factor: 1 } : { unit: fit.unit, shown: fit.unit, factor: fit.factor };
}

const times = (e: { mean: number | null; ciLow: number | null; ciHigh: number | null } | undefined, k: number) =>
  e && { mean: e.mean === null ? null : e.mean * k, ciLow: e.ciLow === null ? null : e.ciLow * k, ciHigh: e.ciHigh === null ? null : e.ciHigh * k };

/**
 * Rows drawn at first, and added by each "show more": a model of thousands of sites reports
 * tens of thousands of measures (3,000 sites: 51,000), and drawing every row, each looking
 * up its differences among all the others', held the page for minutes.
 */
export const ROWS_AT_A_TIME = 300;

export function KpiTable({ result, names = NO_NAMES }: { result: RunResultDoc; names?: NameBook }) {
  const [find, setFind] = useState('');
  const [shown, setShown] = useState(ROWS_AT_A_TIME);
  const all = useMemo(() => kpiNames(result), [result]);
  // A scenario that reports every KPI has dozens of rows: a filter by words finds one.
  const words = find.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const listed = useMemo(() => all.filter((n) => words.every((w) => searchText(n, names).toLowerCase().includes(w))), [all, names, words.join(' ')]);
  const grouped = useMemo(() => groupKpis(listed), [listed]);
  // The first rows in the table's order (by group), not the first measures found.
  let room = shown;
  const groups = grouped.map((g) => { const names = g.names.slice(0, Math.max(0, room)); room -= names.length; return { ...g, names }; }).filter((g) => g.names.length > 0);
  const [baseline, ...others] = result.variants;
  const diffs = useMemo(() => new Map(result.comparisons.map((c) => [`${c.variant}\n${c.kpi}`, c])), [result]);
  const diffOf = (variant: string, kpi: string) => diffs.get(`${variant}\n${kpi}`);
  const warned = new Map(result.variants.map((v) => [v.id, warningsFor(result, v.id)]));
  return (
    <>
    {all.length > 12 && (
      <div className="field no-print kpi-filter">
        <label htmlFor="kpi-filter">Find a measure</label>
        <input id="kpi-filter" type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="e.g. wait, ortho, cost" />
        {words.length > 0 && <span className="field__hint" role="status">{listed.length} of {all.length} measures</span>}
      </div>
    )}
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Results table (scrolls sideways on a narrow screen)">
      <table className="table kpi-table" aria-label="Results by measure and option">
        <caption>Each value is the mean over {result.replications} replications with its 95% confidence interval in brackets; a difference is
          the option minus the baseline, paired replication by replication: ✔ better or ✖ worse when its interval excludes zero, ≈ no clear difference otherwise. Occupancy, arrivals and similar measures are neither better nor worse.
          Intervals stay within what a measure can be (a share between 0 and 100%, anything else not below 0); † marks an interval not to be taken at face value
          (too few or too skewed replications, or cut at such a limit), ⚠ a measure a warning above concerns: hover for why.</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">{optionName(baseline)}</th>
            {others.map((v) => <th key={v.id} scope="col">{v.name}<span className="kpi-table__sub">difference from baseline below</span></th>)}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.group}>
            <tr className="group-row"><th colSpan={2 + others.length} scope="colgroup">{GROUP_TITLES[g.group]}</th></tr>
            {g.names.map((n) => {
              const w = kpiWords(n, names);
              const row = rowUnit(result, n);
              const b = times(baseline.kpis[n], row.factor);
              return (
                <tr key={n} data-kpi={n}>
                  <th scope="row">{w.label} <span className="unit">({row.shown})</span>
                    {w.where && <span className="kpi-table__where">{w.where}</span>}</th>
                  <td data-variant={baseline.id} className="num"><Tokens text={b ? formatEstimate(b.mean, b.ciLow, b.ciHigh, row.unit) : '—'} />
                    <Marks unreliable={baseline.kpis[n]?.unreliable} warnings={concerns(warned.get(baseline.id)!, n)} /></td>
                  {others.map((v) => {
                    const e = times(v.kpis[n], row.factor);
                    const raw = diffOf(v.id, n);
                    const d = raw && { ...raw, difference: raw.difference === null ? null : raw.difference * row.factor, ciLow: raw.ciLow === null ? null : raw.ciLow * row.factor, ciHigh: raw.ciHigh === null ? null : raw.ciHigh * row.factor };
                    const verdictOf = d ? verdict(n, d.difference, d.ciLow, d.ciHigh) : 'neutral';
                    return (
                      <td key={v.id} data-variant={v.id} className={`num verdict verdict--${verdictOf}`}>
                        <span className="kpi-table__value"><Tokens text={e ? formatEstimate(e.mean, e.ciLow, e.ciHigh, row.unit) : '—'} /></span>
                        <Marks unreliable={v.kpis[n]?.unreliable} warnings={concerns(warned.get(v.id)!, n)} />
                        {d && (
                          <span className="kpi-table__diff" data-difference="">
                            {MARK[verdictOf] && <span aria-hidden="true">{MARK[verdictOf]} </span>}
                            <span className="visually-hidden">difference </span><Tokens text={formatEstimate(d.difference, d.ciLow, d.ciHigh, row.unit, true)} />
                            {VERDICT_WORDS[verdictOf] && <strong className="verdict__word"> {VERDICT_WORDS[verdictOf]}</strong>}
                            <Marks unreliable={d.unreliable} />
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
    {listed.length > shown && (
      <p className="no-print kpi-more" role="status">
        {shown.toLocaleString('en-GB')} of {listed.length.toLocaleString('en-GB')} measures shown{all.length > 12 ? ' (find a measure above to narrow them)' : ''}.{' '}
        <button type="button" onClick={() => setShown(shown + ROWS_AT_A_TIME)}>Show {Math.min(ROWS_AT_A_TIME, listed.length - shown).toLocaleString('en-GB')} more</button>
      </p>
    )}
    </>
  );
}
