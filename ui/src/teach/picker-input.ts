// The seed and wait-target boxes of teaching mode: what a typed text means, and what to ask
// before a new session throws away the facilitator's logged changes. Either box starts a
// new session (a new seed is a new run; the breach counter counts from the start), so it
// applies on Enter or on leaving the box, never on each keystroke: clearing the box to type
// 42 used to start a session with seed 0 and drop the log. Pure.
import { MAX_SEED } from '../../../scenarios/schema/time.ts';
import { readNumber, wholeNumberError } from '../lib/number-text.ts';
import type { SessionSpec } from './session.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** A seed as typed: a whole number from 0 to the largest the engine takes (time.seed's). */
export function readSeed(text: string): Read<number> {
  const error = wholeNumberError(text, 0, MAX_SEED);
  return error ? { ok: false, message: `seed: ${error}` } : { ok: true, value: Number(text.trim()) };
}

/** A wait target as typed, in minutes, to the spec's hours. */
export function readWaitMinutes(text: string): Read<number> {
  const r = readNumber(text);
  if (r.kind === 'number' && r.value > 0) return { ok: true, value: r.value / 60 };
  return { ok: false, message: `wait target: ${r.kind === 'invalid' ? r.message : `expected a number of minutes > 0, got ${JSON.stringify(text.trim())}`}` };
}

/** The question to ask before `what` discards the session log, or null when nothing would be lost. */
export function discardQuestion(spec: SessionSpec, what: string): string | null {
  const n = spec.changes.length;
  if (n === 0) return null;
  return `${what} starts a new session from the beginning: the ${n === 1 ? 'change' : `${n} changes`} in the session log will be discarded (a share link keeps them). Start the new session?`;
}
