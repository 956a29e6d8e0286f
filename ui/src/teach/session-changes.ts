// Changes a facilitator makes during a session (open two beds at 14:00, add a clinician
// for two hours), applied to a compiled model as capacity schedules and duty windows.
//
// The engine's Control API can read a pool but not set its capacity, so a change is not
// poked into a running simulation: it becomes part of the model (a one-off capacity
// point at time `at`, or a member whose duty starts or stops at `at`) and the run is
// rebuilt from time 0 with every change so far. Events before `at` are the same as
// without the change (random streams are named, and the new events all fall at or after
// `at`), so the picture up to the change does not move, and replaying the session log
// from the start gives the same run, to the last event.
import type { CompiledModel, CompiledPool, CompiledTeam } from '../../../engine/core/model.ts';
import { capacityAt } from '../../../engine/core/simulation.ts';

export type SessionChange =
  /** A pool (ward beds, cubicles, a theatre) holds `capacity` units from `at` on. */
  | { kind: 'capacity'; at: number; pool: string; capacity: number }
  /** `delta` more (or fewer) members of `role` on duty from `at` until `until` (end of run if omitted). */
  | { kind: 'staff'; at: number; team: string; role: string; delta: number; until?: number };

/** A period longer than any run: one-off duty windows expressed in the engine's periodic form. */
export const ONE_OFF_PERIOD = 2 ** 30;

type Window = [number, number];

/** The model with every change applied, in log order; the input is not modified. */
export function applyChanges(model: CompiledModel, changes: readonly SessionChange[], horizon: number): CompiledModel {
  if (changes.length === 0) return model;
  const pools = model.pools.slice();
  const teams = model.teams.slice();
  for (const c of changes) {
    if (c.kind === 'capacity') {
      const i = pools.findIndex((p) => p.id === c.pool);
      if (i < 0) throw new Error(`change at t=${c.at} h: no pool "${c.pool}" (known: ${pools.map((p) => p.id).join(', ')})`);
      pools[i] = withCapacityFrom(pools[i], c.at, c.capacity);
    } else {
      const i = teams.findIndex((t) => t.id === c.team);
      if (i < 0) throw new Error(`change at t=${c.at} h: no staff pool "${c.team}" (known: ${teams.map((t) => t.id).join(', ')})`);
      teams[i] = withStaffChange(teams[i], c, horizon);
    }
  }
  return { ...model, pools, teams };
}

/** Capacity points as absolute times up to `at`, then `capacity` from `at` on (a one-off schedule). */
export function withCapacityFrom(pool: CompiledPool, at: number, capacity: number): CompiledPool {
  if (!(Number.isInteger(capacity) && capacity >= 0)) throw new Error(`pool "${pool.id}": capacity must be an integer ≥ 0, got ${capacity}`);
  const times: number[] = [], capacities: number[] = [];
  const s = pool.schedule;
  if (!s) {
    times.push(0); capacities.push(pool.capacity);
  } else if (s.period === Infinity) {
    for (let k = 0; k < s.times.length && s.times[k] < at; k++) { times.push(s.times[k]); capacities.push(s.capacities[k]); }
    if (times.length === 0 || times[0] > 0) { times.unshift(0); capacities.unshift(capacityAt(s, 0)); }
  } else {
    // A repeating schedule (theatre sessions) unrolled up to the change.
    times.push(0); capacities.push(capacityAt(s, 0));
    for (let base = 0; base < at; base += s.period) {
      for (let k = 0; k < s.times.length; k++) {
        const t = base + s.times[k];
        if (t > 0 && t < at) { times.push(t); capacities.push(s.capacities[k]); }
      }
    }
  }
  while (times.length > 0 && times[times.length - 1] >= at) { times.pop(); capacities.pop(); }
  times.push(at); capacities.push(capacity);
  return { ...pool, capacity: capacities[0], schedule: { period: Infinity, times, capacities } };
}

/** Absolute duty windows of a member over [0, horizon]; always on duty when it has no shifts. */
export function dutyWindows(shifts: CompiledTeam['members'][number]['shifts'], horizon: number): Window[] {
  if (!shifts) return [[0, ONE_OFF_PERIOD]];
  const out: Window[] = [];
  for (let base = 0; base < horizon + shifts.period; base += shifts.period) {
    for (const [a, b] of shifts.on) {
      const w: Window = [base + a, base + b];
      const last = out[out.length - 1];
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else out.push(w);
    }
    if (shifts.period >= ONE_OFF_PERIOD) break;
  }
  return out;
}

/** Windows minus [from, to). */
export function withoutInterval(windows: readonly Window[], from: number, to: number): Window[] {
  const out: Window[] = [];
  for (const [a, b] of windows) {
    if (b <= from || a >= to) { out.push([a, b]); continue; }
    if (a < from) out.push([a, from]);
    if (b > to) out.push([to, b]);
  }
  return out;
}

function withStaffChange(team: CompiledTeam, c: Extract<SessionChange, { kind: 'staff' }>, horizon: number): CompiledTeam {
  const until = c.until ?? ONE_OFF_PERIOD;
  if (!(until > c.at)) throw new Error(`staff change at t=${c.at} h: "until" must be after the change, got ${until}`);
  if (!Number.isInteger(c.delta) || c.delta === 0) throw new Error(`staff change at t=${c.at} h: delta must be a non-zero integer, got ${c.delta}`);
  const like = team.members.find((m) => m.role === c.role);
  if (!like) throw new Error(`staff pool "${team.id}" has no role "${c.role}" (roles: ${team.roles.join(', ')})`);
  const members = team.members.slice();
  if (c.delta > 0) {
    // Appended members are chosen last by a first-free policy and never shift earlier members' indices.
    for (let k = 0; k < c.delta; k++) {
      members.push({ ...like, id: `${c.role}-added-${members.length + 1}`, shifts: { period: ONE_OFF_PERIOD, on: [[c.at, until]] } });
    }
  } else {
    // Take off duty the last-listed members of the role who are on duty at `at`; one on duty
    // with a patient finishes them first, as at any shift end.
    let left = -c.delta;
    for (let i = members.length - 1; i >= 0 && left > 0; i--) {
      const m = members[i];
      if (m.role !== c.role) continue;
      const windows = dutyWindows(m.shifts, horizon);
      if (!windows.some(([a, b]) => a <= c.at && c.at < b)) continue;
      const on = withoutInterval(windows, c.at, until);
      // A member never on duty again keeps one window past any horizon, so its shift clock stays finite.
      members[i] = { ...m, shifts: { period: ONE_OFF_PERIOD, on: on.length ? on : [[ONE_OFF_PERIOD - 2, ONE_OFF_PERIOD - 1]] } };
      left--;
    }
    if (left > 0) throw new Error(`staff change at t=${c.at} h: only ${-c.delta - left} ${c.role} on duty to take off, asked for ${-c.delta}`);
  }
  return { ...team, members };
}

/**
 * Pools a facilitator may set by hand: finite ones (beds, cubicles), not the engine's
 * unlimited clocks, and not theatres, whose capacity follows weekly sessions: one number
 * from now on would open a theatre day and night (withCapacityFrom can, the panel does not offer it).
 */
export function changeablePools(model: CompiledModel): string[] {
  return model.pools.filter((p) => (p.capacity !== Infinity || p.schedule) && !(p.schedule && p.schedule.period !== Infinity)).map((p) => p.id);
}
