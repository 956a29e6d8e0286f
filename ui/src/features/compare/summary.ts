// "At a glance": for each option, the measures that are clearly better and clearly worse
// than baseline (paired 95% CI excluding zero), always with activity and cost beside
// quality, so no option reads as a win on throughput or money alone.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatValue } from '../../lib/format.ts';
import { infoOf, verdict } from '../../lib/kpi.ts';
import { fittingUnit, kpiLabel, type NameBook } from '../../lib/kpi-words.ts';

export interface Finding { kpi: string; text: string }
export interface OptionSummary { id: string; name: string; better: Finding[]; worse: Finding[]; unclear: number; costAndActivity: Finding[] }

const line = (result: RunResultDoc, kpi: string, difference: number, names?: NameBook) => {
  const info = infoOf(kpi);
  const money = info.unit.startsWith('£/');
  // A difference in the unit that fits the measure's own values (a wait of hours, in hours).
  const fit = fittingUnit(info.unit, result.variants.map((v) => v.kpis[kpi]?.mean));
  const value = formatValue(difference * fit.factor, fit.factor === 1 ? info.unit : fit.unit, { signed: true, withUnit: money });
  return { kpi, text: `${kpiLabel(kpi, names)}: ${value}${money || info.unit === 'fraction' ? '' : ` ${fit.unit}`}` };
};

export function summarise(result: RunResultDoc, names?: NameBook): OptionSummary[] {
  return result.variants.slice(1).map((v) => {
    const rows = result.comparisons.filter((c) => c.variant === v.id && c.difference !== null);
    const better: Finding[] = [], worse: Finding[] = [], costAndActivity: Finding[] = [];
    let unclear = 0;
    for (const c of rows) {
      const verdictOf = verdict(c.kpi, c.difference, c.ciLow, c.ciHigh);
      const group = infoOf(c.kpi).group;
      const f = line(result, c.kpi, c.difference!, names);
      // Cost and activity are always listed, whatever their verdict: they are the productivity side.
      if (group === 'cost' || group === 'activity') costAndActivity.push({ ...f, text: `${f.text}${verdictOf === 'unclear' ? ' (no clear difference)' : ''}` });
      else if (verdictOf === 'better') better.push(f);
      else if (verdictOf === 'worse') worse.push(f);
      else if (verdictOf === 'unclear') unclear++;
    }
    return { id: v.id, name: v.name, better, worse, unclear, costAndActivity };
  });
}
