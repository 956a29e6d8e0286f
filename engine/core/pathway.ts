// Pathways as data. A pathway is a list of steps an entity walks through; steps are
// plain objects (so they can come from a scenario file) made by the constructors below,
// compiled once into a flat array of steps where an entity holds only an index.
//
// Holding several pools across steps, and seizing the next one before releasing the
// current one, is just step order: this is how bed-blocking arises without special code.
import type { Distribution } from './distributions.ts';
import type { TimeFactor } from './time-factor.ts';

export type Comparison = '<' | '<=' | '==' | '!=' | '>=' | '>';

export interface SeizeStep {
  kind: 'seize';
  pool: string;
  /** Units of a counted pool (default 1). Members of a skilled pool are always one. */
  amount?: number;
  /** For a skilled pool: the skill the request needs. */
  skill?: string;
  /** Reneging: a waiting entity leaves the line if not served within this time. */
  patience?: Distribution;
  /**
   * A deadline: the name of an attribute holding an absolute time (hours) by which the
   * entity leaves the line if not served, e.g. "a bed by 08:00 or the operation is
   * cancelled". Served means served before it: at that instant the entity leaves before
   * any unit freed then is given out. With patience as well, whichever comes first. A
   * deadline already past (or unset, NaN) when the entity joins the line is ignored.
   */
  deadline?: string;
  /** Where a reneging entity goes (a label); without it the entity leaves the system as reneged. */
  onRenege?: string;
  /**
   * A line limit for this request alone: it joins the line only while fewer than this many
   * entities wait for the pool (from any step); otherwise it is treated as at the pool's own
   * limit (onFull). Counted pools only. Default: only the pool's limit applies.
   */
  queueLimit?: number;
  /** When the pool's line is at its limit: leave ("divert", the default) or wait where it is, holding what it holds ("block"). */
  onFull?: 'divert' | 'block';
  /** Where a diverted entity goes (a label); without it the entity leaves the system as diverted. */
  divertTo?: string;
  /**
   * Where to go (a label) when no unit is free at once, instead of joining the line: a
   * routing choice such as "a bed on another ward if ours is full" (not counted as a
   * diversion). Counted pools only.
   */
  ifBusy?: string;
  /** Pools released (one unit each) once the entity has a place: in service, or in the line. Models "a corridor place frees the trolley". */
  releaseOnEntry?: string[];
  label?: string;
  stream?: string;
}
export interface DelayStep {
  kind: 'delay';
  duration: Distribution;
  /** Per-class durations, by class name; classes not listed use `duration`. */
  byClass?: Record<string, Distribution>;
  /** Multiply the draw by this attribute (e.g. a planned case time): duration = draw × attribute. */
  scaleBy?: string;
  /** Multiply the draw by this factor's value when the delay starts (e.g. longer stays in winter). */
  durationFactor?: TimeFactor;
  label?: string;
  stream?: string;
}
export interface ReleaseStep { kind: 'release'; pool: string; amount?: number; label?: string }
export interface BranchStep {
  kind: 'branch';
  /** Probabilistic: one option drawn by weight (weights need not sum to 1). */
  options: { to: string; weight: number }[];
  label?: string;
  stream?: string;
}
export interface SwitchStep {
  kind: 'switch';
  /** An attribute name, or "class" / "priority". */
  attribute: string;
  /** First matching case wins; a class is compared by name. */
  cases: { op: Comparison; value: number | string; to: string }[];
  otherwise: string;
  /**
   * Compare the time elapsed since the attribute (a time stamp): now minus it, in hours,
   * e.g. "within 4.5 h of symptom onset". An unset stamp (NaN) matches no case but `!=`.
   */
  elapsed?: boolean;
  label?: string;
}
export interface SetStep {
  kind: 'set';
  attribute: string;
  /** A constant, a draw from a distribution, or "now" (a time stamp). */
  value: number | Distribution | 'now';
  /** With "now": a time stamp this long ago, drawn (e.g. the referral date of a patient already on a list). */
  ago?: Distribution;
  label?: string;
  stream?: string;
}
export interface WaitUntilStep {
  kind: 'wait-until';
  /** Next time t >= now with t mod every == at (e.g. every 24, at 10: the next 10:00). */
  every?: number;
  at?: number;
  /** Instead of `at`: until the absolute time (hours) held in this attribute, e.g. the start of a booked session; unset or past: no wait. */
  attribute?: string;
  label?: string;
}
export interface RecordStep {
  kind: 'record';
  /** Output name; the observation is now minus the time stamp in `since` (an attribute), or since arrival. */
  name: string;
  since?: string;
  /** Also count the observations at most this many hours (e.g. 4 for "within four hours"); one target per output. */
  within?: number;
  /**
   * Which intervals count once the warm-up is over: those that started after it (the
   * default: waits of patients who arrived in the window), or those that end in it
   * ("ended": clock stops in the period, e.g. referral to treatment, whatever the referral date).
   */
  countWhen?: 'started' | 'ended';
  /**
   * Centiles (percent, in (0, 100)) of the output to report besides p50, p90, p95 and p99,
   * e.g. [80, 97.5]: results' `centiles`, keyed by the number as written ("97.5"). Per
   * output: the record steps of one output ask for the same list, or one of them does.
   */
  centiles?: number[];
  /**
   * A pool the entity holds while its interval is still running (e.g. the ED clock, held
   * from arrival to admission or discharge). At the end of the window, an interval still
   * open and already longer than `within` is over the target whatever happens next: it is
   * counted in results' `within.openOver` (the record's own rule: started after the
   * warm-up), so a share within the target does not leave out the longest waits of a
   * congested run. Needs `within`; not with countWhen "ended".
   */
  openWhileHolding?: string;
  /**
   * Report the intervals of this output still open at the end: entities in the system whose
   * `since` stamp is set (not NaN) and at or after the warm-up, and of those, how many are
   * already longer than `within` (results' `within.open`). They are not counted in the
   * share: an open interval may never end here (the patient may leave another way). The
   * stamp must be cleared (set to NaN) once recorded for this to mean anything. Needs
   * `since` and `within`.
   */
  reportOpen?: boolean;
  label?: string;
}
export interface GotoStep { kind: 'goto'; to: string; label?: string }
/** Wait in a store (a waiting list) until a controller takes the entity to a label. */
export interface EnterStep { kind: 'enter'; store: string; label?: string }
/**
 * Leaving the system. A plain exit ends the pathway (the entity departed: counted in
 * `departed`, its time in system recorded); an exit with an `outcome` name is another way
 * out (e.g. "left-unseen"), counted apart under that name and not in the time in system.
 */
export interface ExitStep { kind: 'exit'; outcome?: string; label?: string }

export type StepDef =
  | SeizeStep | DelayStep | ReleaseStep | BranchStep | SwitchStep | SetStep
  | WaitUntilStep | RecordStep | GotoStep | ExitStep | EnterStep;

type Opt<T> = Omit<T, 'kind'>;

export const seize = (pool: string, options: Omit<Opt<SeizeStep>, 'pool'> = {}): SeizeStep => ({ kind: 'seize', pool, ...options });
export const delay = (duration: Distribution, options: Omit<Opt<DelayStep>, 'duration'> = {}): DelayStep => ({ kind: 'delay', duration, ...options });
export const release = (pool: string, options: Omit<Opt<ReleaseStep>, 'pool'> = {}): ReleaseStep => ({ kind: 'release', pool, ...options });
export const branch = (options: BranchStep['options'], extra: Omit<Opt<BranchStep>, 'options'> = {}): BranchStep => ({ kind: 'branch', options, ...extra });
export const switchOn = (attribute: string, cases: SwitchStep['cases'], otherwise: string, extra: { label?: string; elapsed?: boolean } = {}): SwitchStep =>
  ({ kind: 'switch', attribute, cases, otherwise, ...extra });
export const set = (attribute: string, value: SetStep['value'], extra: { label?: string; stream?: string; ago?: Distribution } = {}): SetStep => ({ kind: 'set', attribute, value, ...extra });
export const waitUntil = (at: number, every?: number, extra: { label?: string } = {}): WaitUntilStep => ({ kind: 'wait-until', at, every, ...extra });
export const waitUntilAttribute = (attribute: string, extra: { label?: string } = {}): WaitUntilStep => ({ kind: 'wait-until', attribute, ...extra });
export const record = (name: string, since?: string, extra: { label?: string; within?: number; countWhen?: 'started' | 'ended'; centiles?: number[]; openWhileHolding?: string; reportOpen?: boolean } = {}): RecordStep => ({ kind: 'record', name, since, ...extra });
export const goto = (to: string, extra: { label?: string } = {}): GotoStep => ({ kind: 'goto', to, ...extra });
export const enter = (store: string, extra: { label?: string } = {}): EnterStep => ({ kind: 'enter', store, ...extra });
export const exit = (extra: { label?: string; outcome?: string } = {}): ExitStep => ({ kind: 'exit', ...extra });
