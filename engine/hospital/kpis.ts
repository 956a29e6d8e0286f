// KPIs of one replication, as a flat record `metric[scope]` → number (catalogue and
// naming: kpi-catalogue.ts). Most come from the engine's results(); two need each
// patient's own times, which results() does not keep, so a Tracker observes the run:
//  - ED 4-hour performance: the share of ED patients whose ED clock (held from arrival to
//    admission or discharge, pathway.ts) ran ≤ 4 h;
//  - theatre time in and out of session (utilisation in session, overruns).
// Observing makes an event object per event; an engine counter ("share of a recorded
// output ≤ x") would make the ED part free (see the report on issue 4).
import type { Simulation } from '../core/simulation.ts';
import type { RunResult, SimEvent } from '../core/results.ts';
import { splitKpiName } from './kpi-catalogue.ts';
import { DAY, WEEK, overlapHours, type Window } from './site.ts';
import type { Layout } from './compile.ts';

const FOUR_HOURS = 4;

export class Tracker {
  private readonly started = new Map<string, number>();
  readonly ed: Record<string, { n: number; within: number; hours: number }> = {};
  readonly theatre: Record<string, { inSession: number; outside: number }> = {};
  private readonly windows: Map<string, Window[]>;

  constructor(private readonly layout: Layout, private readonly warmup: number) {
    for (const cls of Object.values(layout.edClocks)) this.ed[cls] = { n: 0, within: 0, hours: 0 };
    this.windows = new Map(layout.theatres.map((t) => [t.pool, t.windows]));
    for (const t of layout.theatres) this.theatre[t.pool] = { inSession: 0, outside: 0 };
  }

  /** Whether the run needs observing at all. */
  get needed(): boolean {
    return this.layout.theatres.length > 0 || Object.keys(this.layout.edClocks).length > 0;
  }

  attach(sim: Simulation): void {
    if (this.needed) sim.observe((e) => this.see(e));
  }

  private see(e: SimEvent): void {
    if (e.type !== 'seize' && e.type !== 'release') return;
    const cls = this.layout.edClocks[e.pool];
    const windows = cls === undefined ? this.windows.get(e.pool) : undefined;
    if (cls === undefined && windows === undefined) return;
    const key = `${e.pool}#${e.entity}`;
    if (e.type === 'seize') return void this.started.set(key, e.time);
    const from = this.started.get(key);
    this.started.delete(key);
    if (from === undefined) return;
    if (cls !== undefined) {
      if (from < this.warmup) return;
      const t = this.ed[cls];
      t.n++;
      t.hours += e.time - from;
      if (e.time - from <= FOUR_HOURS) t.within++;
    } else this.theatreTime(e.pool, windows!, from, e.time);
  }

  private theatreTime(pool: string, windows: Window[], from: number, to: number): void {
    const a = Math.max(from, this.warmup);
    if (!(to > a)) return;
    const inside = overlapHours(windows, a, to);
    this.theatre[pool].inSession += inside;
    this.theatre[pool].outside += to - a - inside;
  }

  /** Operations still running at the end count up to the end. */
  finish(end: number): void {
    for (const [key, from] of this.started) {
      const pool = key.slice(0, key.lastIndexOf('#'));
      const windows = this.windows.get(pool);
      if (windows) this.theatreTime(pool, windows, from, end);
    }
    this.started.clear();
  }
}

/** Fraction of the window with more than `share` of `beds` occupied, from the distribution of the number present. */
function timeAbove(dist: readonly number[], beds: number, share: number): number {
  // Present = in use + waiting; a line forms only when the beds are full, so for n up to
  // the beds "n present" and "n in use" are the same event.
  let t = 0;
  for (let n = Math.floor(share * beds) + 1; n < dist.length; n++) t += dist[n];
  return t;
}

export function replicationKpis(r: RunResult, layout: Layout, tracker: Tracker): Record<string, number> {
  const out: Record<string, number> = {};
  const hours = r.end - r.warmup;
  const weeks = hours / WEEK;
  const put = (metric: string, scope: string, value: number) => { out[`${metric}[${scope}]`] = value; };
  const quantiles = (metric: string, scope: string, t: { mean: number; p50: number; p90: number; p95: number }) => {
    put(`${metric}.mean`, scope, t.mean);
    put(`${metric}.p50`, scope, t.p50);
    put(`${metric}.p90`, scope, t.p90);
    put(`${metric}.p95`, scope, t.p95);
  };

  let weighted = 0;
  for (const c of layout.classes) {
    const k = r.classes[c.id];
    put('arrivals', c.id, k.arrived);
    put('completed', c.id, k.departed);
    put('throughput', c.id, k.departed / weeks);
    if (r.outputsByClass.readmissions) put('readmissions', c.id, r.outputsByClass.readmissions[c.id].count);
    quantiles('time', c.id, k.timeInSystem);
    weighted += c.tariff * k.departed;
  }
  const ed = Object.entries(tracker.ed);
  if (ed.length > 0) {
    let n = 0, within = 0;
    for (const [cls, t] of ed) {
      put('ed.4h', cls, t.n > 0 ? t.within / t.n : NaN);
      put('ed.time.mean', cls, t.n > 0 ? t.hours / t.n : NaN);
      n += t.n;
      within += t.within;
    }
    put('ed.4h', 'all', n > 0 ? within / n : NaN);
  }

  let bedDays = 0;
  for (const w of layout.wards) {
    const p = r.pools[w.pool];
    quantiles('wait', w.pool, p.waits);
    put('occupancy.mean', w.pool, p.utilisation ?? NaN);
    put('occupancy.above85', w.pool, timeAbove(p.presentDistribution, w.beds, 0.85));
    put('occupancy.above95', w.pool, timeAbove(p.presentDistribution, w.beds, 0.95));
    if (w.delayed) put('delayed.bedDays', w.pool, (r.pools[w.delayed].busy.mean * hours) / DAY / weeks);
    if (w.kind === 'ward') bedDays += (p.busy.mean * hours) / DAY;
  }

  let sessionHours = 0;
  for (const t of layout.theatres) {
    const p = r.pools[t.pool];
    quantiles('wait', t.pool, p.waits);
    const session = (p.capacity ?? 0) * hours; // capacity is 1 in session, 0 outside
    sessionHours += session;
    const time = tracker.theatre[t.pool];
    put('theatre.utilisation', t.pool, session > 0 ? time.inSession / session : NaN);
    put('theatre.overrun', t.pool, time.outside / weeks);
  }

  let staffCost = 0;
  for (const team of layout.teams) {
    const s = r.skilledPools[team.pool];
    for (const [skill, w] of Object.entries(s.waitsBySkill)) quantiles('wait', `${team.site}/skill:${skill}`, w);
    for (const [role, x] of Object.entries(s.roles)) put('staff.utilisation', `${team.site}/${role}`, x.utilisation ?? NaN);
    staffCost += s.dutyCost;
  }

  const beds = bedDays * layout.costs.bedDay;
  const theatres = sessionHours * layout.costs.theatreHour;
  const total = staffCost + beds + theatres;
  put('cost.staff', 'all', staffCost / weeks);
  put('cost.beds', 'all', beds / weeks);
  put('cost.theatres', 'all', theatres / weeks);
  put('cost.total', 'all', total / weeks);
  if (total > 0) put('productivity', 'all', weighted / total);

  if (!layout.kpis) return out;
  const keep = new Set(layout.kpis);
  return Object.fromEntries(Object.entries(out).filter(([name]) => keep.has(splitKpiName(name).metric)));
}
