// The regional view's numbers, read from a run's KPIs: which sites have a waiting list
// (the scopes of the regional KPIs, scenarios/kpis/regional.ts), each site's key measures
// by option with the paired difference from baseline, and the transfer flows between sites.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { splitKpiName } from '../../../../scenarios/kpis/catalogue.ts';
import { verdict, type Verdict } from '../../lib/kpi.ts';

export type Option = RunResultDoc['variants'][number];
export interface Estimate { mean: number | null; ciLow: number | null; ciHigh: number | null }
export interface Cell { estimate?: Estimate; difference?: Estimate; verdict: Verdict }
export interface Flow { from: string; to: string; perWeek: Estimate }

/** The measures a planner compares across sites: waits, long waits, activity, patients moved. */
export const SITE_KPIS = ['elective.rtt.mean', 'list.over52w.share', 'list.within18w', 'elective.operated', 'aid.treated.received', 'aid.sent'] as const;
/** Shorter words for the matrix's rows than the catalogue's (its labels say what is counted in full). */
export const SHORT_LABELS: Record<string, string> = {
  'elective.rtt.mean': 'Referral to treatment, mean',
  'list.over52w.share': 'Share of the list over 52 weeks',
  'list.within18w': 'Share of the list within 18 weeks',
  'elective.operated': 'Operations a week',
  'aid.treated.received': 'of which on patients received',
  'aid.sent': 'Patients sent to other sites a week',
  'equity.over52w.gap': 'Gap in the share over 52 weeks (worst site minus best)',
  'equity.within18w.gap': 'Gap in the share within 18 weeks (best site minus worst)',
  'elective.rtt.spread': 'Gap in mean referral to treatment (longest minus shortest)',
};

/** The gaps between sites (scope all). */
export const EQUITY_KPIS = ['equity.over52w.gap', 'equity.within18w.gap', 'elective.rtt.spread'] as const;

/** Metrics reported for each site with a list in a regional run (any of them names the site). */
const PER_SITE = new Set(['list.over52w.share', 'aid.treated.own', 'aid.treated.received', 'aid.rtt.own', 'aid.sent']);

/** Sites with a waiting list in a regional run (two or more), in the order of the run's KPIs; [] otherwise. */
export function regionalSites(result: RunResultDoc): string[] {
  const sites = new Set<string>();
  for (const v of result.variants)
    for (const name of Object.keys(v.kpis)) {
      const { metric, scope } = splitKpiName(name);
      if (PER_SITE.has(metric)) sites.add(scope);
    }
  return sites.size >= 2 ? [...sites] : [];
}

/** A site's id in words: "hub-west" → "Hub west" (when the scenario is not at hand). */
export function siteName(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How the regional view names a site: from a list id to the name the scenario gives. */
export type SiteNamer = (id: string) => string;

/**
 * The regional measures are scoped by waiting list. A list is named by its site, without
 * the site's parenthesis ("City Hospitals (large acute trust)" → "City Hospitals", short
 * enough for the map), when it is its site's only list; else by its own name; else by its
 * id in words.
 */
export function siteNamer(doc: Record<string, unknown> | undefined): SiteNamer {
  const named = new Map<string, string>();
  const byId = (xs: unknown) => new Map((Array.isArray(xs) ? xs : []).flatMap((x) => (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? [[(x as { id: string }).id, x as Record<string, unknown>]] : [])));
  const sites = byId(doc?.sites);
  const lists = byId(doc?.waitingLists);
  const listsAt = new Map<unknown, number>();
  for (const list of lists.values()) listsAt.set(list.site, (listsAt.get(list.site) ?? 0) + 1);
  const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  for (const [id, list] of lists) {
    const site = typeof list.site === 'string' ? sites.get(list.site) : undefined;
    const siteWords = listsAt.get(list.site) === 1 ? text(site?.name)?.replace(/\s*\([^)]*\)\s*$/, '') : undefined;
    const name = siteWords || text(list.name);
    if (name) named.set(id, name);
  }
  return (id) => named.get(id) ?? siteName(id);
}

export const optionName = (v: { id: string; name: string }) => (v.id === 'baseline' ? 'Baseline' : v.name);

/** One option's value of a KPI and, for a variant, its paired difference from baseline and the verdict. */
export function cell(result: RunResultDoc, option: Option, kpi: string): Cell {
  const estimate = option.kpis[kpi];
  if (option.id === result.variants[0].id) return { estimate, verdict: 'neutral' };
  const c = result.comparisons.find((x) => x.variant === option.id && x.kpi === kpi);
  if (!c) return { estimate, verdict: 'neutral' };
  return { estimate, difference: { mean: c.difference, ciLow: c.ciLow, ciHigh: c.ciHigh }, verdict: verdict(kpi, c.difference, c.ciLow, c.ciHigh) };
}

/** The transfers per week from each site to each other under an option (scope from/to), largest first; none below 0.005 a week. */
export function flowsOf(option: Option): Flow[] {
  const out: Flow[] = [];
  for (const [name, e] of Object.entries(option.kpis)) {
    const { metric, scope } = splitKpiName(name);
    if (metric !== 'mutualAid.flow') continue;
    const [from, to] = scope.split('/');
    if (e.mean !== null && e.mean >= 0.005) out.push({ from, to, perWeek: e });
  }
  return out.sort((a, b) => (b.perWeek.mean ?? 0) - (a.perWeek.mean ?? 0));
}

/** Options that move patients (any flow), the baseline apart. */
export const optionsWithFlows = (result: RunResultDoc) => result.variants.slice(1).filter((v) => flowsOf(v).length > 0);

/** Sites that receive more patients than they send, over every option: the diagram puts them in the middle. */
export function receivingSites(result: RunResultDoc): Set<string> {
  const net = new Map<string, number>();
  for (const v of result.variants)
    for (const f of flowsOf(v)) {
      net.set(f.to, (net.get(f.to) ?? 0) + (f.perWeek.mean ?? 0));
      net.set(f.from, (net.get(f.from) ?? 0) - (f.perWeek.mean ?? 0));
    }
  return new Set([...net].filter(([, x]) => x > 0).map(([s]) => s));
}
