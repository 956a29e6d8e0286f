// Regional KPIs: in a scenario where two sites or more have an operated waiting list, how
// unequal the sites' waits are (the gap between the best and the worst list), and, where
// mutual aid moves patients, where a list's waits come from: its own patients against
// those it receives from other sites, the patients it sends away, and the flows from each
// list to each other. Per replication like every KPI (kpis/replication.ts), so each has an
// interval and a paired difference between options. Catalogue entries: catalogue.ts.
import type { RunResult } from '../../engine/core/results.ts';
import type { Layout } from '../compile/compile.ts';
import { electiveOutputs } from '../../engine/hospital/elective.ts';
import { mutualAidOutputs } from '../../engine/hospital/mutual-aid.ts';
import { WEEK } from '../../engine/hospital/week.ts';
import { largest, smallest } from '../../engine/core/extremes.ts';

type Put = (metric: string, scope: string, value: number) => void;

/** The operated lists of a regional scenario (two sites or more with one), by id; empty otherwise. */
export function regionalLists(layout: Layout): string[] {
  const sites = layout.listSites ?? {};
  const lists = Object.keys(sites);
  return new Set(Object.values(sites)).size >= 2 ? lists : [];
}

export function regionalKpis(r: RunResult, layout: Layout, weeks: number, put: Put): void {
  const lists = regionalLists(layout);
  if (lists.length === 0) return;
  const over52: number[] = [], within18: number[] = [];
  // Patients each list sent away, over every policy.
  const sent = new Map(lists.map((id) => [id, 0]));
  const flows = new Map<string, number>();
  for (const [policy, members] of Object.entries(layout.aidLists ?? {}))
    for (const from of members)
      for (const to of members) {
        if (from === to) continue;
        const n = r.outputs[mutualAidOutputs(policy).flow(from, to)]?.count ?? 0;
        flows.set(`${from}/${to}`, (flows.get(`${from}/${to}`) ?? 0) + n);
        sent.set(from, (sent.get(from) ?? 0) + n);
      }
  for (const id of lists) {
    const o = electiveOutputs(id);
    // Share over 52 weeks: patient-days on the list past 52 weeks over patient-days on it,
    // from the daily census (the ratio of the two daily means); an empty list has none.
    const size = r.outputs[`${o.census}.size`]?.mean ?? NaN;
    const long = r.outputs[`${o.census}.over52w`]?.mean ?? NaN;
    const share = size > 0 ? long / size : size === 0 ? 0 : NaN;
    put('list.over52w.share', id, share);
    over52.push(share);
    within18.push(r.outputs[`${o.census}.within18w`]?.mean ?? NaN);
    // Own against received: received is recorded at surgery (elective.ts); own is the rest.
    const all = r.outputs[o.rtt], got = r.outputs[o.received];
    const n = all?.count ?? 0, nr = got?.count ?? 0;
    const totalHours = n > 0 ? all!.mean * n : 0, receivedHours = nr > 0 ? got!.mean * nr : 0;
    put('aid.treated.own', id, (n - nr) / weeks);
    put('aid.treated.received', id, nr / weeks);
    put('aid.rtt.own', id, n - nr > 0 ? (totalHours - receivedHours) / (n - nr) / WEEK : NaN);
    put('aid.rtt.received', id, nr > 0 ? receivedHours / nr / WEEK : NaN);
    put('aid.sent', id, (sent.get(id) ?? 0) / weeks);
  }
  const gap = (xs: number[]) => (xs.some(Number.isNaN) ? NaN : largest(xs) - smallest(xs));
  put('equity.over52w.gap', 'all', gap(over52));
  put('equity.within18w.gap', 'all', gap(within18));
  for (const [pair, n] of flows) put('mutualAid.flow', pair, n / weeks);
}
