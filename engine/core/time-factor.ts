// A multiplier over absolute time: piecewise constant (one factor per interval between
// breakpoints, not repeating), times an optional exponential growth. Arrival sources
// multiply their rate by it (thinning, arrival-sources.ts); a delay multiplies its drawn
// duration by its value when the delay starts. Hours only: months and dates are the
// caller's (scenarios/compile/season.ts turns a calendar into breakpoints).
import { ModelError } from './errors.ts';
import { exp } from './math.ts';

export interface TimeFactor {
  /** Times in hours, strictly increasing, at which the factor changes. */
  breaks: number[];
  /** factors[0] before breaks[0]; factors[i] from breaks[i-1] up to breaks[i]; breaks.length + 1 numbers ≥ 0. */
  factors: number[];
  /** Growth rate per hour: the factor is also multiplied by exp(growth × t), t in hours from 0 (default 0). */
  growth?: number;
}

/** The checked form, neighbouring equal pieces merged. */
export interface CompiledTimeFactor {
  readonly breaks: Float64Array;
  readonly factors: Float64Array;
  readonly growth: number;
}

/**
 * Checks a time factor and merges equal neighbouring pieces. Null when it is 1 at all
 * times: then the model is exactly the one without it (the same draws, the same events).
 */
export function compileTimeFactor(f: TimeFactor, path: string): CompiledTimeFactor | null {
  if (typeof f !== 'object' || f === null || !Array.isArray(f.breaks) || !Array.isArray(f.factors))
    throw new ModelError(path, 'expected { breaks: hours, factors: numbers ≥ 0, growth? }');
  if (f.factors.length !== f.breaks.length + 1)
    throw new ModelError(`${path}.factors`, `expected ${f.breaks.length + 1} factors (one more than breaks), got ${f.factors.length}`);
  f.breaks.forEach((t, k) => {
    if (!Number.isFinite(t)) throw new ModelError(`${path}.breaks[${k}]`, `expected a finite time, got ${t}`);
    if (k > 0 && !(t > f.breaks[k - 1])) throw new ModelError(`${path}.breaks[${k}]`, `breaks must be strictly increasing, got ${t} after ${f.breaks[k - 1]}`);
  });
  f.factors.forEach((x, k) => {
    if (!(x >= 0) || !Number.isFinite(x)) throw new ModelError(`${path}.factors[${k}]`, `expected a finite factor ≥ 0, got ${x}`);
  });
  const growth = f.growth ?? 0;
  if (!Number.isFinite(growth)) throw new ModelError(`${path}.growth`, `expected a finite rate per hour, got ${growth}`);
  const breaks: number[] = [];
  const factors: number[] = [f.factors[0]];
  f.breaks.forEach((t, k) => {
    if (f.factors[k + 1] === factors[factors.length - 1]) return;
    breaks.push(t);
    factors.push(f.factors[k + 1]);
  });
  if (growth === 0 && factors.length === 1 && factors[0] === 1) return null;
  return { breaks: Float64Array.from(breaks), factors: Float64Array.from(factors), growth };
}

/** The piece in force at t: the number of breaks at or before t (binary search). */
export function pieceAt(f: CompiledTimeFactor, t: number): number {
  const b = f.breaks;
  let lo = 0, hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The factor at time t. */
export function factorAt(f: CompiledTimeFactor, t: number): number {
  const x = f.factors[pieceAt(f, t)];
  return f.growth === 0 ? x : x * exp(f.growth * t);
}
