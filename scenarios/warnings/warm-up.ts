// Initialisation bias: the run starts empty (wards with no patient, lists empty or as
// given), and a warm-up too short for the system to fill leaves the filling in the measured
// window, where it pulls waits, occupancy and throughput below where they settle: with
// tight intervals, because every replication starts the same way. Neither more
// replications nor a longer horizon alone cure it.
//
// The test, on each daily series (beds in use and queue of each ward, each list's size):
// per replication, the mean of the first third of the measured days and of the other two
// thirds; the replications are independent, so the paired differences give a t-interval
// (engine/experiment/drift.ts). Flagged when that interval, widened for the number of
// series tested (Bonferroni: under 5% chance of any false alarm on a settled system),
// excludes 0 and the difference is material: START_SHARE of the level and a floor in the
// unit, so that a tiny drift made significant by many replications is not reported.
//
// Where the series settles gives the warm-up to suggest, if the run shows it flat at the
// end (the last third's difference from the middle third within ±START_SHARE of the level):
// from the first twelfth after which all are within SETTLE_SHARE of the last third's level
// (or their noise). Still moving at the end (the same test as the start's): serious, as for
// a queue still growing (its KPIs describe the run's length); neither shown: a caution. Both
// name the `pathflow warmup` run that can find the warm-up.
//
// Not tested: scenarios with seasons (the season and the start cannot be told apart), a
// list with a starting list and its ward (that start is the scenario's data), and what the
// overloaded, overloaded-season, growing and falling warnings already explain.
import { Moments, driftOf, isMaterialDrift, windowMean, type Drift } from '../../engine/experiment/drift.ts';
import { DAY } from '../../engine/hospital/week.ts';
import { splitKpiName, seriesInfo } from '../kpis/catalogue.ts';
import { initialPatients } from '../schema/waiting-list.ts';
import type { RunWarning } from '../schema/run-result.ts';
import type { ScenarioCore } from '../schema/scenario.ts';
import type { VariantFacts } from './checks.ts';

/** The first third of the measured window differs from the rest by this share of the level (or more): material. */
export const START_SHARE = 0.1;
/** … and by at least this much in the series' unit (patients, beds). */
export const START_FLOOR = 0.25;
/** Settled from the first twelfth of the window after which all are within this share of the last third's level (or twice their standard error). */
export const SETTLE_SHARE = 0.05;
/** The horizon `pathflow warmup` is advised to try, in multiples of the run's, when the run does not show where the series settles. */
export const LONGER = 4;
/**
 * Fewest replications to test with (the few-replications warning's "10 or more for a
 * decision"): the corrected interval reaches far into the tails, where a t-interval over
 * fewer replications of a spiky series (a resus queue mostly empty) is not to be trusted.
 * Seen: ed-skill-mix over 5 replications flagged queue.length[dgh/resus] (0.37, then 0.82),
 * which 30 replications over 230 days show flat at about 0.9 from day 14.
 */
export const MIN_TESTED = 10;
/** Fewest measured daily samples to test (two a third, as trends.ts). */
const MIN_SAMPLES = 6;
const BLOCKS = 12;

/** One replication's series reduced: the first third of the measured days and the rest; the middle and last thirds; twelfths. */
export interface StartProfile {
  early: number;
  rest: number;
  middle: number;
  last: number;
  blocks: number[];
}

/** Sample indices (= days) of the windows of a series of `samples` daily samples with `warmupDays` of warm-up, or undefined if too few are measured. */
export function startWindows(samples: number, warmupDays: number) {
  const first = Math.ceil(warmupDays - 1e-9) || 0; // never -0
  const n = samples - first;
  if (n < MIN_SAMPLES) return undefined;
  const at = (share: number) => first + Math.floor(n * share);
  const b = Math.min(BLOCKS, n);
  return {
    early: [first, at(1 / 3)] as const, rest: [at(1 / 3), samples] as const,
    middle: [at(1 / 3), at(2 / 3)] as const, last: [at(2 / 3), samples] as const,
    blocks: Array.from({ length: b }, (_, i) => [first + Math.floor((n * i) / b), first + Math.floor((n * (i + 1)) / b)] as const),
  };
}

/** One replication's daily series reduced for the test (runner/replicate.ts, for every series it samples). */
export function startProfile(xs: readonly number[], warmupDays: number): StartProfile | undefined {
  const w = startWindows(xs.length, warmupDays);
  if (!w) return undefined;
  const m = ([a, b]: readonly [number, number]) => windowMean(xs, a, b);
  return { early: m(w.early), rest: m(w.rest), middle: m(w.middle), last: m(w.last), blocks: w.blocks.map(m) };
}

interface Folded {
  early: Moments; rest: Moments; start: Moments;
  middle: Moments; last: Moments; end: Moments;
  blocks: Moments[];
}

/**
 * A variant's profiles folded in replication order (runner/summary.ts adds them so): a few
 * moments a series, whatever the number of replications. A series some replication lacks
 * is left out (its count falls short).
 */
export class StartFold {
  private readonly series = new Map<string, Folded>();
  replications = 0;
  add(profiles: Readonly<Record<string, StartProfile>>): void {
    this.replications++;
    for (const [name, p] of Object.entries(profiles)) {
      let f = this.series.get(name);
      if (!f) {
        const m = () => new Moments();
        this.series.set(name, (f = { early: m(), rest: m(), start: m(), middle: m(), last: m(), end: m(), blocks: p.blocks.map(m) }));
      }
      f.early.add(p.early); f.rest.add(p.rest); f.start.add(p.rest - p.early);
      f.middle.add(p.middle); f.last.add(p.last); f.end.add(p.last - p.middle);
      p.blocks.forEach((x, i) => f.blocks[i]?.add(x));
    }
  }
  /** Series every replication had. */
  names(): string[] {
    return [...this.series.entries()].filter(([, f]) => f.start.n === this.replications).map(([name]) => name);
  }
  /** rest − first third, and last third − middle third, at `level`; the twelfths' means and standard errors. */
  drift(name: string, level: number): { start: Drift; end: Drift; blocks: { mean: number; se: number }[] } | undefined {
    const f = this.series.get(name);
    if (!f) return undefined;
    return {
      start: driftOf(f.early, f.rest, f.start, level),
      end: driftOf(f.middle, f.last, f.end, level),
      blocks: f.blocks.map((b) => ({ mean: b.mean, se: b.sd / Math.sqrt(b.n) })),
    };
  }
}

const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : String(Number(x.toPrecision(3))));
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${f(Math.abs(x))}`;
const UNIT_WORDS: Record<string, string> = { 'beds.inUse': 'beds in use', 'queue.length': 'patients waiting', 'list.size': 'patients on the list' };
const days = ([a, b]: readonly [number, number]) => `days ${a}–${b - 1}`;

/**
 * Scopes (wards, lists) whose drift is not the start's: what other warnings already explain
 * (no steady state, a season's surge), with the ward of a list they name (its beds follow
 * the list); and a list given a starting list, with its ward: that start is the scenario's
 * data, and the run describes its clearing on purpose (`falling` says if it has not ended).
 */
function explained(v: VariantFacts, others: readonly RunWarning[]): Set<string> {
  const out = new Set<string>();
  for (const w of others) {
    if (w.variant !== null && w.variant !== v.id) continue;
    if (w.code === 'overloaded' || w.code === 'overloaded-season') for (const s of w.subject.split(' + ')) out.add(s);
    if (w.code === 'growing' || w.code === 'falling') out.add(splitKpiName(w.subject).scope);
  }
  for (const l of v.core.waitingLists) {
    if (initialPatients(l.initialList) > 0) out.add(l.id);
    if (out.has(l.id)) out.add(`${l.site}/${l.ward}`);
  }
  return out;
}

/** Days on which a ward's beds change (`changes`), for the flagged wards that have any. */
function bedChanges(core: ScenarioCore, scopes: readonly string[]): string {
  const found: string[] = [];
  for (const scope of scopes) {
    const [site, ward] = scope.split('/');
    const w = core.sites.find((x) => x.id === site)?.wards.find((x) => x.id === ward);
    if (w?.changes?.length) found.push(`${scope} (day${w.changes.length > 1 ? 's' : ''} ${w.changes.map((c) => c.fromDay).join(', ')})`);
  }
  return found.join(', ');
}

/** How a series starts: a ward empty, a list empty or with its starting patients. */
function startWords(core: ScenarioCore, name: string): string {
  const { metric, scope } = splitKpiName(name);
  if (metric !== 'list.size') return 'the empty start';
  const n = initialPatients(core.waitingLists.find((l) => l.id === scope)?.initialList);
  return n > 0 ? `the starting list of ${f(n)}` : 'the empty start';
}

/** The KPIs of these wards or lists, and of the classes whose pathways use the wards (their times and counts pass through them). */
function affectedKpis(v: VariantFacts, scopes: readonly string[]): string[] {
  const classes = v.core.classes.filter((c) => c.pathway !== undefined && (v.core.pathways[c.pathway] ?? []).some((st) =>
    (['ward', 'place'] as const).some((k) => k in st && scopes.includes(`${c.site}/${String((st as Record<string, unknown>)[k])}`))));
  const within = [...scopes, ...classes.map((c) => c.id), ...(classes.length ? ['all'] : [])];
  return Object.keys(v.kpis).filter((n) => {
    const { metric, scope } = splitKpiName(n);
    // Arrivals and the patients there at the start do not depend on how full the system is.
    if (metric === 'arrivals' || metric === 'outcome.inSystemAtStart') return false;
    return within.some((s) => scope === s || scope.startsWith(`${s}/`));
  });
}

/** Whether demand or stays follow a season (as checks.ts judges it): then a drift may be the season, not the start. */
function seasonal(core: ScenarioCore): boolean {
  if (Object.keys(core.seasons ?? {}).length === 0) return false;
  return core.classes.some((c) => c.arrivals?.season !== undefined)
    || core.waitingLists.some((l) => l.staySeason !== undefined || l.referrals.some((r) => r.season !== undefined))
    || Object.values(core.pathways).some((steps) => steps.some((st) => 'season' in st && st.season !== undefined));
}

interface Flagged {
  name: string;
  start: Drift;
  /** The last third against the middle third. */
  end: Drift;
  /** settled: flat at the end, from day `from`; moving: still moving at the end; unknown: too noisy to tell. */
  state: 'settled' | 'moving' | 'unknown';
  from: number;
}

/**
 * Where a flagged series settles. Settled only if the run shows it flat at the end: the
 * last third's interval against the middle third within ±START_SHARE of the level (an
 * equivalence test: noise is no evidence of a level), then from the first twelfth after
 * which every twelfth is within SETTLE_SHARE of the last third's level (or twice its
 * standard error). Else still moving (the interval excludes 0: serious) or unknown.
 */
function settling(blocks: readonly { mean: number; se: number }[], windows: NonNullable<ReturnType<typeof startWindows>>, end: Drift): Pick<Flagged, 'state' | 'from'> {
  if (isMaterialDrift(end, SETTLE_SHARE, START_FLOOR / 2)) return { state: 'moving', from: NaN };
  const band = Math.max(START_SHARE * Math.abs(end.after), START_FLOOR);
  if (!(end.lower >= -band && end.upper <= band)) return { state: 'unknown', from: NaN };
  const near = Math.max(SETTLE_SHARE * Math.abs(end.after), START_FLOOR / 2);
  let j = blocks.length;
  while (j > 0) {
    const b = blocks[j - 1];
    if (Math.abs(b.mean - end.after) > Math.max(near, 2 * (Number.isFinite(b.se) ? b.se : 0))) break;
    j--;
  }
  // Settling only in the last third is not settling where the run can show it.
  if (j > Math.floor((2 * blocks.length) / 3)) return { state: 'unknown', from: NaN };
  return { state: 'settled', from: windows.blocks[Math.min(Math.max(j, 1), blocks.length - 1)][0] };
}

/** The initialisation-bias warning of each variant (one a variant, naming every series flagged), given the other warnings of the run. */
export function startBias(variants: readonly VariantFacts[], others: readonly RunWarning[]): RunWarning[] {
  const out: RunWarning[] = [];
  for (const v of variants) {
    const w = startWarning(v, others);
    if (w) out.push(w);
  }
  return out;
}

function startWarning(v: VariantFacts, others: readonly RunWarning[]): RunWarning | undefined {
  const fold = v.start;
  if (!fold || fold.replications < MIN_TESTED) return undefined;
  const { horizonDays, warmupDays } = v.core.time;
  const windows = startWindows(Math.floor(horizonDays + 1e-9) + 1, warmupDays);
  if (!windows) return undefined;
  // With seasons, demand or stays change through the run by design: the start and the
  // season cannot be told apart from a drift (the trends and overloaded-season say more).
  if (seasonal(v.core)) return undefined;
  const skip = explained(v, others);
  const names = fold.names().filter((n) => !skip.has(splitKpiName(n).scope));
  if (names.length === 0) return undefined;
  // Bonferroni over the series tested: a settled system gets a false alarm under 5% of the time.
  const level = 1 - 0.05 / names.length;
  const flagged: Flagged[] = [];
  for (const name of names) {
    const d = fold.drift(name, level)!;
    if (!isMaterialDrift(d.start, START_SHARE, START_FLOOR)) continue;
    flagged.push({ name, start: d.start, end: d.end, ...settling(d.blocks, windows, d.end) });
  }
  if (flagged.length === 0) return undefined;
  const share = (d: Drift) => Math.abs(d.change) / Math.max(Math.abs(d.before), Math.abs(d.after));
  flagged.sort((a, b) => share(b.start) - share(a.start));
  const worst = flagged[0];
  const settled = flagged.every((x) => x.state === 'settled');
  const moving = flagged.find((x) => x.state === 'moving');
  const unit = (name: string) => UNIT_WORDS[splitKpiName(name).metric] ?? seriesInfo(name)?.unit ?? '';
  const d = worst.start;
  const figures = `${f(d.before)} ${unit(worst.name)} on average in ${days(windows.early)}, ${f(d.after)} in ${days(windows.rest)} ` +
    `(${signed(d.change)}, ${Math.round(100 * share(d))}% of the larger; ${names.length === 1 ? '95%' : `with the ${names.length} series tested, a ${f(100 * level)}%`} interval ${signed(d.lower)} to ${signed(d.upper)} over ${d.n} replications)`;
  const more = flagged.length > 1 ? ` Also ${flagged.slice(1).map((x) => `${x.name} (${f(x.start.before)}, then ${f(x.start.after)})`).join(', ')}.` : '';
  const scopes = [...new Set(flagged.map((x) => splitKpiName(x.name).scope))];
  const kpis = affectedKpis(v, scopes);
  const from = startWords(v.core, worst.name);
  const warm = `time.warmupDays (now ${f(warmupDays)})`;
  const windowDays = horizonDays - warmupDays;
  let advice: string;
  if (settled) {
    const suggest = Math.ceil(Math.max(...flagged.map((x) => x.from)));
    advice = `The series settle from about day ${suggest}: set ${warm} to at least ${suggest}, and time.horizonDays to at least ${f(Math.ceil(suggest + windowDays))} to measure as many days as now.`;
  } else {
    const longer = Math.ceil((LONGER * horizonDays) / 10) * 10;
    const x = moving ?? flagged.find((y) => y.state !== 'settled')!;
    const end = moving ? `${x.name} is still ${x.end.change > 0 ? 'rising' : 'falling'} at the end of the run (${f(x.end.before)} in ${days(windows.middle)}, ${f(x.end.after)} in ${days(windows.last)})` : `The run is too short to show whether ${x.name} has settled by its end`;
    advice = `${end}, so it cannot show how long the warm-up must be${moving ? `, only that it is longer than ${f(Math.ceil(warmupDays + (2 * windowDays) / 3))} days` : ''}: ` +
      `find it with \`pathflow warmup FILE --series "${x.name}" --set time.horizonDays=${longer}\` (${LONGER} times this horizon), then set ${warm} to where the curve settles and time.horizonDays to that plus the days to measure.`;
  }
  // What the other warnings advise does not remove the bias: said here, so the advice agrees.
  const mine = (w: RunWarning) => w.variant === null || w.variant === v.id;
  const reps = others.some((w) => mine(w) && (w.code === 'wide-intervals' || w.code === 'few-replications'))
    ? ' More replications narrow the intervals around these figures but do not remove the bias: every replication starts the same way.' : '';
  const short = others.some((w) => mine(w) && w.code === 'short-run')
    ? ' A longer horizon alone (short-run) only dilutes it: lengthen the warm-up with it.' : '';
  const changes = bedChanges(v.core, scopes);
  const change = changes ? ` Beds change on ${changes}: a change after the start leaves its own settling in the window too, so part of this may be that change.` : '';
  return {
    code: 'warm-up', severity: moving ? 'serious' : 'caution', variant: v.id, subject: worst.name, kpis,
    value: share(d), limit: START_SHARE,
    message: `${worst.name} is still moving away from ${from} in the measured window: ${figures}.${more} ` +
      `The KPIs listed are biased by ${from}: the warm-up is too short for the system to fill. ${advice}${reps}${short}${change}`,
  };
}
