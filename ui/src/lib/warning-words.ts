// A run's warnings are written by the scenario layer for the command line too, so they name
// measures, series and places by their ids (`list.size[joints]`, `dgh/medical`). In the web
// app they are read by managers: each id is put in the words the rest of the results use
// (kpi-words.ts), with the scenario's own names; the sentence around it is unchanged.
import { infoOf } from './kpi.ts';
import { kpiLabel, placeWords, type NameBook } from './kpi-words.ts';

/** Daily series of the warm-up and trend checks, which are not KPIs of the catalogue. */
const SERIES: Record<string, (where: string) => string> = {
  'queue.length': (where) => `patients waiting for ${where}`,
  'beds.inUse': (where) => `beds in use on ${where}`,
  'list.size': (where) => `the waiting list ${where}`,
};

/** An id of a measure or a series, `metric[scope]`, in words (or as it was when not one). */
function measureWords(id: string, metric: string, scope: string, names: NameBook): string {
  const where = placeWords(id, names) || scope;
  const series = SERIES[metric];
  if (series) return `“${series(where)}”`;
  return infoOf(id).label !== id ? `“${kpiLabel(id, names)}”` : id;
}

/** A warning's message with its ids in words: measures and series, `site/place` scopes, and "list X". */
export function warningWords(message: string, names: NameBook = new Map()): string {
  return message
    .replace(/\b([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)\[([^\]\s]+)\]/g, (id, metric: string, scope: string) => measureWords(id, metric, scope, names))
    // A place named by its site and id: "dgh/medical" → "Medical ward (District general hospital)".
    .replace(/(^|[\s(])([a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*(?::[a-z0-9-]+)?)(?=[\s:,.)]|$)/g, (_m, pre: string, scope: string) => `${pre}${placeWords(`wait.mean[${scope}]`, names)}`)
    // "on list joints" → "on list Primary hip and knee replacements" when the list has a name.
    .replace(/\blist ([a-z0-9][a-z0-9-]*)\b/g, (m, id: string) => { const n = names.get(`list:${id}`) ?? names.get(id); return n ? `list “${n}”` : m; })
    // A site or a staff skill named by its id: 'skill "treat" at dgh' → 'skill "treat" at District general hospital'.
    .replace(/\bat ([a-z0-9][a-z0-9-]*)(?=[\s:,.)]|$)/g, (m, id: string) => { const n = names.get(`site:${id}`) ?? names.get(id); return n ? `at ${n}` : m; });
}
