// A sweep's From, To and Step checked as they are typed, each message naming its field,
// so "Run sweep" is disabled with the reason beside the field instead of the server's
// "parameters[0].values: expected numbers, got "abc..1e9:1e-9"" after the click. The rules
// are the server's (runner/experiment/grid.ts parseValues): numbers, From ≤ To, Step > 0,
// and at most MAX_POINTS values. Pure.
import { readNumber } from '../../lib/number-text.ts';

/** runner/experiment/grid.ts MAX_POINTS (a test keeps them equal; that module is not for the browser). */
export const MAX_SWEEP_POINTS = 10_000;

export interface RangeText { from: string; to: string; step: string }
export type RangeErrors = Record<keyof RangeText, string | null>;

const WORDS: Record<keyof RangeText, string> = { from: 'From', to: 'To', step: 'Step' };

export function sweepRangeErrors(r: RangeText): RangeErrors {
  const out: RangeErrors = { from: null, to: null, step: null };
  const n: Partial<Record<keyof RangeText, number>> = {};
  for (const k of ['from', 'to', 'step'] as const) {
    const read = readNumber(r[k]);
    if (read.kind === 'empty') out[k] = `${WORDS[k]}: a number is required`;
    else if (read.kind === 'invalid') out[k] = `${WORDS[k]}: ${read.message}`;
    else n[k] = read.value;
  }
  const { from, to, step } = n;
  if (step !== undefined && !(step > 0)) out.step = `Step: expected a number > 0, got ${JSON.stringify(r.step.trim())}`;
  if (from !== undefined && to !== undefined && from > to) out.to = `To: expected at least From (${from}), got ${JSON.stringify(r.to.trim())}`;
  if (!out.from && !out.to && !out.step && from !== undefined && to !== undefined && step !== undefined) {
    // The server's count, to the same rounding.
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_SWEEP_POINTS) out.step = `Step: ${from} to ${to} in steps of ${step} gives ${count.toLocaleString('en-GB')} values (at most ${MAX_SWEEP_POINTS.toLocaleString('en-GB')}): take a larger step`;
  }
  return out;
}
