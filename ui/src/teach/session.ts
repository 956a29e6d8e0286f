// What defines a teaching session's run, and so what a share link carries: the scenario
// (a library id, or the scenario's own text), the variant, the seed and replication, the
// facilitator's changes in order, the wait target behind the breach counter, and the
// simulated time the room was looking at.
import type { SessionChange } from './session-changes.ts';

export interface SessionSpec {
  scenario: { library: string } | { text: string };
  variant: string;
  seed: number;
  replication: number;
  changes: SessionChange[];
  /** Hours: a wait longer than this counts as a breach. */
  targetWait: number;
  /** Simulated hours to open at (paused); 0 opens at the start. */
  at: number;
  /**
   * Events then processed one at a time ("next event"): the page may show a moment part-way
   * through the events of one instant, which running to a time alone would not reproduce.
   */
  steps?: number;
}

export const DEFAULT_LIBRARY_ID = 'teaching-clinic';

export function defaultSpec(): SessionSpec {
  return { scenario: { library: DEFAULT_LIBRARY_ID }, variant: 'baseline', seed: 1, replication: 0, changes: [], targetWait: 0.5, at: 0 };
}

/** A readable line for the session log. */
export function describeChange(c: SessionChange): string {
  if (c.kind === 'capacity') return `${c.pool}: capacity ${c.capacity}`;
  const n = Math.abs(c.delta);
  const what = `${c.delta > 0 ? '+' : '−'}${n} ${c.role}${n === 1 ? '' : 's'} (${c.team})`;
  return c.until === undefined ? `${what} from now on` : `${what} until ${clockText(c.until)}`;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Day 3 · Wed 14:05" for simulated hours t, day 0 being `startWeekday` (0 = Monday). */
export function clockText(t: number, startWeekday = 0): string {
  const minutes = Math.floor(t * 60 + 1e-6);
  const day = Math.floor(minutes / 1440);
  const hh = Math.floor((minutes % 1440) / 60), mm = minutes % 60;
  return `Day ${day} · ${DAYS[(startWeekday + day) % 7]} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/**
 * A spec from readable query parameters, for links from the web app:
 * `teach.html?scenario=ed-skill-mix&variant=acps&seed=3` (each optional).
 */
export function specFromQuery(search: string): SessionSpec {
  const q = new URLSearchParams(search);
  const spec = defaultSpec();
  const scenario = q.get('scenario'), variant = q.get('variant'), seed = Number(q.get('seed'));
  if (scenario) spec.scenario = { library: scenario };
  if (variant) spec.variant = variant;
  if (q.has('seed') && Number.isInteger(seed) && seed >= 0) spec.seed = seed;
  return spec;
}
