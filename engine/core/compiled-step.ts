// The compiled form of a step: what the walker (walk.ts) reads in the hot loop. Every
// kind shares one class, so that the loop sees one shape (monomorphic property access);
// the step kinds' compilers (compile-steps.ts, compile-seize.ts) fill in the fields a kind uses.
import type { Distribution } from './distributions.ts';
import type { CompiledTimeFactor } from './time-factor.ts';

export const enum StepKind { Seize, Delay, Release, Branch, Switch, Set, WaitUntil, Record, Goto, Exit, SeizeMember, ReleaseMember, Enter, SwitchElapsed }
export const enum Op { Lt, Le, Eq, Ne, Ge, Gt }
export const ATTR_CLASS = -1;
export const ATTR_PRIORITY = -2;
export const ATTR_NOW = -3;

/** One step in the flat compiled array: a single shape for every kind keeps the hot loop monomorphic. */
export class CompiledStep {
  kind: StepKind = StepKind.Exit;
  path = '';
  label = '';
  pool = -1;
  amount = 1;
  skill = -1;
  dist: Distribution | null = null;
  /** > 0 when `dist` is exponential with this mean: the loop samples it inline. */
  expMean = 0;
  byClass: (Distribution | null)[] | null = null;
  /** Attribute slot multiplying a delay's draw (-1: none). */
  scale = -1;
  /** A delay's draw multiplied by the factor at its start (null: none). */
  factor: CompiledTimeFactor | null = null;
  /** A delay's draw is multiplied (scale or factor): one test in the walker when neither is. */
  scaled = false;
  /** A record step counts intervals that end after the warm-up, not only those that start after it. */
  countEnded = false;
  stream = -1;
  patience: Distribution | null = null;
  patienceStream = -1;
  /** Attribute slot holding an absolute time by which the entity leaves the line (-1: none). */
  deadline = -1;
  onRenege = -1;
  /** This request's own line limit (Infinity: only the pool's). */
  queueLimit = Infinity;
  block = false;
  divertTo = -1;
  ifBusy = -1;
  releaseOnEntry: Int32Array | null = null;
  targets: Int32Array = new Int32Array(0);
  cumulative: Float64Array = new Float64Array(0);
  attr = -1;
  ops: Int32Array = new Int32Array(0);
  values: Float64Array = new Float64Array(0);
  otherwise = -1;
  value = 0;
  every = 0;
  at = 0;
  output = -1;
  /** An exit's outcome (index into CompiledModel.outcomes); -1: a plain exit (departed). */
  outcome = -1;
  slot = -1; // attribute slot holding the member index, for skilled pools
}
