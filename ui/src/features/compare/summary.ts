// "At a glance": for each option, the measures that are clearly better and clearly worse
// than baseline (paired 95% CI excluding zero), always with activity and cost beside
// quality, so no option reads as a win on throughput or money alone.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatValue } from '../../lib/format.ts';
import { infoOf, verdict } from '../../lib/kpi.ts';
import { kpiLabel } from './chart-data.ts';

export interface Finding { kpi: string; text: string }
export interface OptionSummary { id: string; name: string; better: Finding[]; worse: Finding[]; unclear: number; costAndActivity: Finding[] }

const line = (kpi: string, difference: number) => {
  const info = infoOf(kpi);
  const money = info.unit.startsWith('£/');
  const value = formatValue(difference, info.unit, { signed: true, withUnit: money });
  return { kpi, text: `${kpiLabel(kpi)}: ${value}${money || info.unit === 'fraction' ? '' : ` ${info.unit}`}` };
};

export function summarise(result: RunResultDoc): OptionSummary[] {
  return result.variants.slice(1).map((v) => {
    const rows = result.comparisons.filter((c) => c.variant === v.id && c.difference !== null);
    const better: Finding[] = [], worse: Finding[] = [], costAndActivity: Finding[] = [];
    let unclear = 0;
    for (const c of rows) {
      const verdictOf = verdict(c.kpi, c.difference, c.ciLow, c.ciHigh);
      const group = infoOf(c.kpi).group;
      const f = line(c.kpi, c.difference!);
      // Cost and activity are always listed, whatever their verdict: they are the productivity side.
      if (group === 'cost' || group === 'activity') costAndActivity.push({ ...f, text: `${f.text}${verdictOf === 'unclear' ? ' (no clear difference)' : ''}` });
      else if (verdictOf === 'better') better.push(f);
      else if (verdictOf === 'worse') worse.push(f);
      else if (verdictOf === 'unclear') unclear++;
    }
    return { id: v.id, name: v.name, better, worse, unclear, costAndActivity };
  });
}
