// A KPI as the experiments show it: its label in words with where it is measured, and its
// values in the unit that reads best (shares as percentages), from the KPI catalogue.
import { infoOf, scopeOf } from '../../lib/kpi.ts';

export function kpiLabel(name: string): string {
  const scope = scopeOf(name);
  return `${infoOf(name).label}${scope && scope !== 'all' ? ` — ${scope}` : ''}`;
}

export const isShare = (name: string) => infoOf(name).unit === 'fraction';

/** The unit on an axis or after a typed value: % for shares. */
export const unitOf = (name: string) => (isShare(name) ? '%' : infoOf(name).unit);

/** A value of the KPI as typed by a person (95 for 95%) → as the KPI reports it (0.95). */
export const fromTyped = (name: string, x: number) => (isShare(name) ? x / 100 : x);
