// Compiling pools: a counted pool's capacity, discipline, line limit and capacity
// schedule, and a skilled pool's members (skills, costs, shifts) and allocation policy.
import { ModelError } from './errors.ts';
import type { PoolDef, SkilledPoolDef, CompiledPool, CompiledTeam } from './model.ts';
import type { EscalationDef } from './escalation.ts';

export function compilePool(id: string, d: PoolDef, index: number): CompiledPool {
  const path = `pools.${id}`;
  const cap = d.capacity;
  if (!(cap >= 0) || (!Number.isInteger(cap) && cap !== Infinity)) throw new ModelError(`${path}.capacity`, `expected an integer ≥ 0 or Infinity, got ${cap}`);
  const disc = d.discipline ?? 'fifo';
  if (!['fifo', 'priority', 'preemptive'].includes(disc)) throw new ModelError(`${path}.discipline`, `expected fifo, priority or preemptive, got "${disc}"`);
  const limit = d.queueLimit ?? Infinity;
  if (!(limit >= 0) || (!Number.isInteger(limit) && limit !== Infinity)) throw new ModelError(`${path}.queueLimit`, `expected an integer ≥ 0, got ${limit}`);
  let schedule: CompiledPool['schedule'] = null;
  if (d.schedule) {
    const pts = d.schedule.points;
    const period = d.schedule.period ?? Infinity;
    if (!Array.isArray(pts) || pts.length === 0) throw new ModelError(`${path}.schedule.points`, 'a schedule needs at least one point');
    if (d.schedule.period !== undefined && !(period > 0)) throw new ModelError(`${path}.schedule.period`, `expected > 0, got ${period}`);
    pts.forEach((p, k) => {
      if (!(p.at >= 0) || p.at >= period) throw new ModelError(`${path}.schedule.points[${k}].at`, `expected a time in [0, ${period}), got ${p.at}`);
      if (k > 0 && p.at <= pts[k - 1].at) throw new ModelError(`${path}.schedule.points[${k}].at`, 'points must be in increasing time order');
      if (!(p.capacity >= 0) || (!Number.isInteger(p.capacity) && p.capacity !== Infinity))
        throw new ModelError(`${path}.schedule.points[${k}].capacity`, `expected an integer ≥ 0, got ${p.capacity}`);
    });
    schedule = { period, times: pts.map((p) => p.at), capacities: pts.map((p) => p.capacity) };
  }
  if (d.profile && (!(d.profile.period > 0) || !Number.isInteger(d.profile.bins) || d.profile.bins < 1))
    throw new ModelError(`${path}.profile`, 'expected a period > 0 and an integer number of bins ≥ 1');
  return {
    id, index, capacity: cap, discipline: disc, queueLimit: limit, schedule,
    preemptOnDrop: d.onCapacityDrop === 'preempt', profile: d.profile ?? null,
    ...(d.presentByCapacity ? { presentByCapacity: true } : {}),
    escalation: d.escalation ? compileEscalation(path, d) : null,
  };
}

/** An escalation rule, checked: every number bounded, the close share below the open share. */
function compileEscalation(path: string, d: PoolDef): EscalationDef {
  const x = d.escalation!;
  const at = `${path}.escalation`;
  if (d.capacity === Infinity && !d.schedule) throw new ModelError(at, 'an unlimited pool cannot escalate');
  if (d.onCapacityDrop === 'preempt') throw new ModelError(at, 'escalation closes without interrupting anyone: not with onCapacityDrop "preempt"');
  // 0 units: staff on call only (members' onCall), checked once the teams are compiled.
  if (!Number.isInteger(x.units) || x.units < 0) throw new ModelError(`${at}.units`, `expected an integer ≥ 0, got ${x.units}`);
  if (!(x.openAt > 0 && x.openAt <= 1)) throw new ModelError(`${at}.openAt`, `expected a share in (0, 1], got ${x.openAt}`);
  if (!(x.closeBelow >= 0 && x.closeBelow < x.openAt)) throw new ModelError(`${at}.closeBelow`, `expected a share in [0, openAt = ${x.openAt}), got ${x.closeBelow}`);
  for (const f of ['forHours', 'openingDelay', 'closeForHours'] as const)
    if (!(x[f] >= 0 && x[f] < Infinity)) throw new ModelError(`${at}.${f}`, `expected a finite number of hours ≥ 0, got ${x[f]}`);
  return { units: x.units, openAt: x.openAt, forHours: x.forHours, openingDelay: x.openingDelay, closeBelow: x.closeBelow, closeForHours: x.closeForHours };
}

export function compileTeam(id: string, d: SkilledPoolDef, index: number, skillIndex: (s: string) => number, pools: readonly CompiledPool[] = []): CompiledTeam {
  const path = `skilledPools.${id}`;
  if (!Array.isArray(d.members) || d.members.length === 0) throw new ModelError(`${path}.members`, 'a skilled pool needs at least one member');
  const ids = new Set<string>();
  const members = d.members.map((m, k) => {
    const mp = `${path}.members[${k}]`;
    if (ids.has(m.id)) throw new ModelError(`${mp}.id`, `member id "${m.id}" is used twice`);
    ids.add(m.id);
    if (!Array.isArray(m.skills) || m.skills.length === 0) throw new ModelError(`${mp}.skills`, 'a member needs at least one skill');
    const cost = m.hourlyCost ?? 0;
    if (!(cost >= 0)) throw new ModelError(`${mp}.hourlyCost`, `expected ≥ 0, got ${cost}`);
    if (m.shifts) {
      if (!(m.shifts.period > 0)) throw new ModelError(`${mp}.shifts.period`, `expected > 0, got ${m.shifts.period}`);
      m.shifts.on.forEach(([a, b], j) => {
        if (!(a >= 0 && b > a && b <= m.shifts!.period)) throw new ModelError(`${mp}.shifts.on[${j}]`, `expected 0 ≤ from < to ≤ ${m.shifts!.period}, got [${a}, ${b}]`);
        if (j > 0 && a < m.shifts!.on[j - 1][1]) throw new ModelError(`${mp}.shifts.on[${j}]`, 'windows must be in order and not overlap');
      });
    }
    let onCall = -1;
    if (m.onCall !== undefined) {
      const pool = pools.find((p) => p.id === m.onCall);
      if (!pool) throw new ModelError(`${mp}.onCall`, `unknown pool "${m.onCall}"`);
      if (!pool.escalation) throw new ModelError(`${mp}.onCall`, `pool "${m.onCall}" has no escalation to call staff in`);
      if (m.shifts) throw new ModelError(`${mp}.onCall`, 'a member on call for escalation has no shifts: on duty while the escalation is open');
      onCall = pool.index;
    }
    return { id: m.id, role: m.role, skills: new Set(m.skills.map(skillIndex)), hourlyCost: cost, shifts: m.shifts ?? null, onCall };
  });
  const policy = d.policy ?? 'first-free';
  if (policy !== 'first-free' && policy !== 'cheapest') throw new ModelError(`${path}.policy`, `expected first-free or cheapest, got "${policy}"`);
  return {
    id, index, members, cheapest: policy === 'cheapest', byPriority: d.discipline === 'priority', roles: [...new Set(members.map((m) => m.role))],
    ...(d.busyByClass ? { busyByClass: true } : {}),
  };
}

/** An escalation that opens no units must call staff in: otherwise it opens nothing. */
export function checkEscalationHasUnits(pools: readonly CompiledPool[], teams: readonly CompiledTeam[]): void {
  for (const p of pools)
    if (p.escalation && p.escalation.units === 0 && !teams.some((t) => t.members.some((m) => m.onCall === p.index)))
      throw new ModelError(`pools.${p.id}.escalation.units`, 'expected an integer ≥ 1, or staff on call for it (members\' onCall)');
}
