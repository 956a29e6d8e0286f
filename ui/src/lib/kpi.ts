// KPIs as the app shows them: a label in words with what it is measured on, its unit, and
// — for a variant — whether the paired difference from baseline is better, worse or not
// clearly different, judged by the catalogue's direction and the 95% CI excluding zero.
import { kpiInfo, splitKpiName, type KpiGroup, type KpiInfo } from '../../../scenarios/kpis/catalogue.ts';

/** A daily series' words and unit (`beds.inUse[…]`: beds in use, in beds); old names too. */
export { seriesInfo } from '../../../scenarios/kpis/catalogue.ts';

export type Verdict = 'better' | 'worse' | 'unclear' | 'neutral';

const FALLBACK: KpiInfo = { label: '', unit: '', better: 'neither', group: 'activity' };

export function infoOf(name: string): KpiInfo {
  const info = kpiInfo(name);
  return info ?? { ...FALLBACK, label: splitKpiName(name).metric };
}

/** "where": the scope of a KPI name in words (`dgh/ortho` → "dgh / ortho", `all` → "all"). */
export function scopeOf(name: string): string {
  const { scope } = splitKpiName(name);
  return scope.replace(/\//g, ' / ').replace(/skill:/g, 'skill ');
}

export function metricOf(name: string): string {
  return splitKpiName(name).metric;
}

/**
 * A difference is "better" or "worse" only when its paired 95% CI excludes zero; a KPI
 * whose catalogue says neither direction is better (arrivals, occupancy) is "neutral".
 */
export function verdict(name: string, difference: number | null, ciLow: number | null, ciHigh: number | null): Verdict {
  const better = infoOf(name).better;
  if (better === 'neither' || difference === null) return 'neutral';
  if (ciLow === null || ciHigh === null || (ciLow <= 0 && ciHigh >= 0)) return difference === 0 ? 'neutral' : 'unclear';
  const up = ciLow > 0;
  return (better === 'higher') === up ? 'better' : 'worse';
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  better: 'better',
  worse: 'worse',
  unclear: 'no clear difference',
  neutral: '',
};

/** Groups in the order a comparison reads: what is done, how well, with what, at what cost. */
export const GROUP_ORDER: KpiGroup[] = ['activity', 'quality', 'resource', 'cost'];
export const GROUP_TITLES: Record<KpiGroup, string> = {
  activity: 'Activity',
  quality: 'Quality: waits, breaches, cancellations',
  resource: 'Use of beds, theatres and staff',
  cost: 'Cost and productivity',
};

/** KPI names sorted by group, then catalogue metric order as the names first appear. */
export function groupKpis(names: readonly string[]): { group: KpiGroup; names: string[] }[] {
  return GROUP_ORDER.map((group) => ({ group, names: names.filter((n) => infoOf(n).group === group) })).filter((g) => g.names.length > 0);
}
