// The cost check: every variant's estimate (estimate.ts) held against the limits
// (limits.ts), before anything is compiled or run. An estimate over a limit is an issue
// naming the field that drives it, the figure and the limit; a resource whose offered load
// reaches its capacity is a warning (the run is allowed, its numbers describe a system that
// never settles). Like the schema, a variant is reported only once the base is within limits.
import { grouped } from '../../engine/core/errors.ts';
import type { Issue } from '../errors.ts';
import { byId, variantScenario, type Scenario, type ScenarioCore } from '../schema/scenario.ts';
import { estimate, type Estimate, type Part } from './estimate.ts';
import { describeLoad } from './load.ts';
import { decisionWarnings } from '../schema/decision-rules.ts';
import type { CostLimits } from './limits.ts';

export interface CostReport {
  issues: Issue[];
  warnings: Issue[];
  /**
   * Those of `warnings` that are an offered load at or over capacity: a run's own warnings
   * (scenarios/warnings, 'overloaded') say the same, so `pathflow run` leaves them to those.
   */
  overloads: Issue[];
  /** The baseline's estimate, then each variant's checked (omitted once the base is over a limit). */
  estimates: { id: string; estimate: Estimate }[];
}

const biggest = (parts: readonly Part[]) => parts.reduce((b, p) => (p.amount > b.amount ? p : b));
const n = (x: number) => grouped(Math.round(x));
/** How a limit is raised: the same option on the command line and for a server (`pathflow serve`). */
export const raiseWith = (name: keyof CostLimits) => `(raise with --limit ${name}=N)`;

/** What is over a limit in one scenario (a variant's or the base's), with paths into it. */
export function limitIssues(e: Estimate, limits: CostLimits): Issue[] {
  const issues: Issue[] = [];
  const over = (x: number, limit: number) => !(x <= limit);
  for (const r of e.roles) {
    if (over(r.amount, limits.staffPerRole)) issues.push({ path: r.path, message: `${n(r.amount)} staff exceeds the limit of ${n(limits.staffPerRole)} per role ${raiseWith('staffPerRole')}` });
  }
  if (issues.length === 0 && over(e.staff, limits.staff)) {
    issues.push({ path: biggest(e.roles).path, message: `${n(e.staff)} staff at all sites exceeds the limit of ${n(limits.staff)} per scenario ${raiseWith('staff')}` });
  }
  for (const a of e.appointments) {
    if (over(a.amount, limits.appointmentsPerWeek)) issues.push({ path: a.path, message: `${n(a.amount)} appointments a week for ${a.text} exceeds the limit of ${n(limits.appointmentsPerWeek)} ${raiseWith('appointmentsPerWeek')}` });
  }
  const starting = e.startingLists.reduce((a, p) => a + p.amount, 0);
  if (over(starting, limits.inSystem)) {
    issues.push({ path: biggest(e.startingLists).path, message: `${n(starting)} patients on the waiting lists at the start exceeds the limit of ${n(limits.inSystem)} in the system at once ${raiseWith('inSystem')}` });
  }
  if (e.arrivals.length && over(e.arrivalsTotal, limits.arrivals)) {
    const b = biggest(e.arrivals);
    // The field to change: the biggest source, unless a year of arrivals would be within the limit (then it is the horizon).
    const perYear = (e.arrivalsTotal / Math.max(e.days, 1)) * 365;
    issues.push({ path: perYear <= limits.arrivals ? ['time', 'horizonDays'] : b.path, message: `about ${n(e.arrivalsTotal)} patients would arrive in one replication (${b.text}), over the limit of ${n(limits.arrivals)} ${raiseWith('arrivals')}` });
  }
  if (issues.length === 0 && over(e.eventsTotal, limits.events)) {
    const b = biggest(e.events);
    issues.push({ path: b.path, message: `about ${n(e.eventsTotal)} events in one replication (most from ${b.text}), over the limit of ${n(limits.events)} ${raiseWith('events')}` });
  }
  if (issues.length === 0 && over(e.memoryTotal / 1e6, limits.memoryMb)) {
    const b = biggest(e.memory);
    issues.push({ path: b.path, message: `one replication would take about ${n(e.memoryTotal / 1e6)} MB (most for ${b.text}), over the limit of ${n(limits.memoryMb)} MB ${raiseWith('memoryMb')}` });
  }
  return issues;
}

function loadWarnings(e: Estimate): { overloads: Issue[]; endless: Issue[] } {
  return {
    overloads: e.loads.loads.filter((l) => l.ratio >= 1).map((l) => ({
      path: l.path,
      message: `${describeLoad(l)}: it cannot keep up, so its queue grows through the run and waits depend on the run's length rather than settling`,
    })),
    endless: e.loads.endless.map((x) => ({ path: x.path, message: `some patients of class "${x.cls}" never leave: pathway "${x.pathway}" loops with probability 1` })),
  };
}

/** The base scenario and its variants (those in `only`, all if omitted) against the limits. */
export function checkCost(s: Scenario, limits: CostLimits, only?: readonly string[]): CostReport {
  const report: CostReport = { issues: [], warnings: [], overloads: [], estimates: [] };
  const add = (w: { overloads: Issue[]; endless: Issue[] }, as: (x: Issue) => Issue = (x) => x) => {
    for (const [list, overload] of [[w.overloads, true], [w.endless, false]] as const) {
      for (const x of list) {
        if (report.warnings.some((y) => y.message === x.message)) continue;
        const issue = as(x);
        report.warnings.push(issue);
        if (overload) report.overloads.push(issue);
      }
    }
  };
  const base = estimate(s as ScenarioCore);
  report.estimates.push({ id: 'baseline', estimate: base });
  for (const x of limitIssues(base, limits)) report.issues.push(x);
  add(loadWarnings(base));
  // A decision on a step some routes skip (schema/decision-rules.ts): the base's, said once.
  add({ overloads: [], endless: decisionWarnings(s as ScenarioCore) });
  if (report.issues.length) return report;
  s.variants.forEach((v, i) => {
    if (only && !only.includes(v.id)) return;
    const core = variantScenario(s, v.id);
    const e = estimate(core);
    report.estimates.push({ id: v.id, estimate: e });
    const inVariant = (x: Issue): Issue => ({ path: ['variants', i, 'patch', ...byId(core, s, x.path)], message: `${x.message} (in the patched scenario)` });
    for (const x of limitIssues(e, limits)) report.issues.push(inVariant(x));
    add(loadWarnings(e), (w) => ({ ...inVariant(w), message: `${w.message} (variant "${v.id}")` }));
  });
  if (report.issues.length) return report;
  // What the run keeps: every variant's daily series, for the whole horizon.
  const points = report.estimates.reduce((a, x) => a + x.estimate.series * x.estimate.days, 0);
  if (!(points <= limits.seriesPoints)) {
    const runs = report.estimates.length;
    report.issues.push({
      path: ['time', 'horizonDays'],
      message: `${n(base.days)} days × ${n(base.series)} daily series${runs > 1 ? ` × ${runs} variants` : ''} is about ${n(points)} samples in a run, over the limit of ${n(limits.seriesPoints)} ${raiseWith('seriesPoints')}`,
    });
  }
  return report;
}

/** A one-line summary of the baseline's estimate, for `pathflow check`. */
export function summary(e: Estimate): string {
  const mb = e.memoryTotal / 1e6;
  const present = e.inSystem === Infinity ? 'growing without end' : `about ${n(e.inSystem)} present`;
  return `one replication: about ${n(e.arrivalsTotal)} patients (${present}), ${n(e.eventsTotal)} events, ${n(e.staff)} staff, ${mb < 10 ? mb.toFixed(1) : n(mb)} MB`;
}
