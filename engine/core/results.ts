// What a run reports: a plain JSON document of one replication's outputs, a snapshot of
// the state at the current time (for stepping and animation), and observer events. Both
// are read from the run's read-only view (run-view.ts).
import { Tally, type TallySummary, type LevelSummary } from './stats.ts';
import type { RunView, Numbers, TallyView } from './run-view.ts';
import { EntityState } from './entities.ts';
import type { PresentAtCapacity } from './level-by-capacity.ts';

export type SimEventType = 'arrive' | 'seize' | 'queue' | 'block' | 'release' | 'preempt' | 'resume' | 'renege' | 'divert' | 'exit' | 'capacity' | 'enter' | 'take';

/** Made only when someone observes. `entity` is the arrival serial number (1, 2, …). */
export interface SimEvent {
  type: SimEventType;
  time: number;
  entity: number;
  step: string;
  pool: string;
}

/** A listener to a run's events: the event, and the entity's index in the run's view (-1: none). */
export type SimObserver = (e: SimEvent, entity: number) => void;

export interface PoolResult {
  /** Time-average capacity (null for an unlimited pool). */
  capacity: number | null;
  busy: LevelSummary;
  /** Time-average units in use ÷ time-average capacity (null for an unlimited pool). */
  utilisation: number | null;
  queue: LevelSummary;
  /** Units in use plus entities waiting, with its time distribution. */
  present: LevelSummary;
  /** presentDistribution[n] = fraction of the window with exactly n present. */
  presentDistribution: number[];
  /**
   * Pools compiled with presentByCapacity only: presentDistribution split by the capacity in
   * force, one entry per capacity in force during the window (increasing capacity; the
   * entries' fractions sum to 1 together). A pool of constant capacity has one entry, its
   * capacity and presentDistribution itself.
   */
  presentByCapacity?: PresentAtCapacity[];
  blocked: number;
  /** Time-average units in use beyond the capacity in force (scheduled pools: overruns); 0 otherwise. */
  overrun: number;
  waits: TallySummary;
  /** By class: with several classes, only those that have used the pool (none other has waits or units). */
  waitsByClass: Record<string, TallySummary>;
  /** Null with one class (the pool's own figures are that class's); otherwise as waitsByClass: a class absent held none. */
  busyByClass: Record<string, number> | null;
  queueByClass: Record<string, number> | null;
  renegeWaits: TallySummary;
  requests: number;
  granted: number;
  waited: number;
  reneged: number;
  diverted: number;
  preempted: number;
  completed: number;
  profile: { binMeans: number[]; sampleMeans: number[] } | null;
  /** Pools with escalation only (escalation.ts), over the measured window. */
  escalation?: EscalationResult;
}

export interface EscalationResult {
  /** Extra units that open together. */
  units: number;
  /** Share of the window with the extra units open. */
  open: number;
  /** Time-average extra units in use (units in use beyond the pool's own). */
  inUse: number;
  /** Times they opened, and decisions to open taken. */
  openings: number;
  decisions: number;
  /** With staff on call for it only: their hours on duty, and the cost of those hours. */
  staffHours?: number;
  staffCost?: number;
}

export interface SkilledPoolResult {
  roles: Record<string, { busy: number; onDuty: number; utilisation: number | null }>;
  members: Record<string, { role: string; busyHours: number; dutyHours: number; busyCost: number; dutyCost: number }>;
  waitsBySkill: Record<string, TallySummary>;
  queue: LevelSummary;
  requests: number;
  granted: number;
  reneged: number;
  /** Cost of the hours on duty (what the roster pays) over the measured window, staff on call included. */
  dutyCost: number;
  /**
   * With staff on call for an escalation (members' onCall) only: the cost of their hours on
   * duty, and of everyone else's (the roster's, summed in member order as dutyCost is, so a
   * model with the same roster and no one on call gives the same number to the last bit).
   */
  onCallCost?: number;
  rosterCost?: number;
  /** Busy hours by the class served (skilled pools with busyByClass only). */
  busyHoursByClass?: Record<string, number>;
}

export interface StoreResult {
  /** Time-average number in the store. */
  size: LevelSummary;
  /** In the store at the end. */
  now: number;
  entered: number;
  taken: number;
  /** Time in the store of those taken (entered after warm-up). */
  waits: TallySummary;
}

/**
 * A recorded output; with a target (`within`), the count and share of observations at most
 * that many hours (and of intervals still open at the end and already over it, below); with centiles asked for (RecordStep.centiles), each by its number as
 * written ("97.5"), as Tally.quantile gives them (nearest rank, within 0.5%).
 */
export type OutputResult = TallySummary & {
  /**
   * `openOver`, for an output whose intervals stay open while a pool is held
   * (RecordStep.openWhileHolding): intervals still open at the end of the window and
   * already over the target; `fraction` counts them as over it: count / (observations + openOver).
   */
  within?: { hours: number; count: number; fraction: number; openOver?: number; open?: OpenIntervals };
  centiles?: Record<string, number>;
};

/**
 * Intervals of an output still open at the end (RecordStep.reportOpen): entities in the
 * system whose stamp is set and at or after the warm-up, and those already over the target.
 * Not in `count` or `fraction`.
 */
export interface OpenIntervals { count: number; over: number }

export interface ClassResult {
  arrived: number;
  /** Plain exits: the pathway finished. */
  departed: number;
  /** Left the system from a line (patience ran out, no onRenege). */
  reneged: number;
  /** Left the system at a full line (no divertTo). */
  diverted: number;
  /** Exits with an outcome, by outcome name (every outcome of the model, 0 if none). */
  exits: Record<string, number>;
  /** In the system when the window opened (arrived during warm-up); 0 without warm-up. */
  inSystemAtStart: number;
  /** In the system when the window closed. */
  inSystem: number;
  timeInSystem: TallySummary;
}

export interface RunResult {
  seed: number;
  replication: number;
  warmup: number;
  /** End of the measured window [warmup, end): the horizon, or the last event when run to empty. */
  end: number;
  events: number;
  /** Whole run, warm-up included: arrived = departed + reneged + diverted + Σ exits + inSystem. */
  totals: { arrived: number; departed: number; inSystem: number; reneged: number; diverted: number; exits: Record<string, number> };
  /**
   * Per class, over the window [warmup, end): arrivals and ways out in it, and who was in the
   * system as it opened and as it closed, so that
   * inSystemAtStart + arrived = departed + reneged + diverted + Σ exits + inSystem.
   * timeInSystem: of the entities that arrived in the window and departed (a plain exit) in it.
   */
  classes: Record<string, ClassResult>;
  /** Time in system of every class's treated patients together (the classes' tallies pooled). */
  timeInSystem: TallySummary;
  pools: Record<string, PoolResult>;
  skilledPools: Record<string, SkilledPoolResult>;
  stores: Record<string, StoreResult>;
  outputs: Record<string, OutputResult>;
  outputsByClass: Record<string, Record<string, OutputResult>>;
  series: { times: number[]; pools: Record<string, { busy: number[]; queue: number[] }>; stores: Record<string, number[]> } | null;
}

export interface Snapshot {
  time: number;
  inSystem: number;
  arrived: number;
  departed: number;
  reneged: number;
  diverted: number;
  /** Exits with an outcome (e.g. left without being seen), all outcomes together. */
  exited: number;
  pools: { id: string; capacity: number; inUse: number; queue: number; blocked: number }[];
  skilledPools: { id: string; busy: number; onDuty: number; queue: number }[];
  stores: { id: string; size: number }[];
  /** Entities at each step label: waiting there, or in its delay. */
  steps: Record<string, { waiting: number; active: number }>;
}

export function collectResults(sim: RunView): RunResult {
  const t = sim.now;
  const m = sim.model;
  const byClass = <T>(f: (i: number) => T) => Object.fromEntries(m.classes.map((c, i) => [c, f(i)]));
  const pools: Record<string, PoolResult> = {};
  for (const p of sim.pools) {
    const v = p.viewAt(t);
    const cap = v.capacity.mean(t);
    const infinite = m.pools[p.index].capacity === Infinity && !m.pools[p.index].schedule;
    const busy = v.busy.summary(t);
    const present = v.present.summary(t);
    const dist: number[] = [];
    for (let n = 0; n <= v.present.max; n++) dist.push(v.present.fractionAt(t, n));
    // Per class: with several classes, those that have used the pool (pool-state.ts keeps no
    // others; a class absent has no waits and held nothing), in the model's order of classes.
    const slots = Array.from(v.classOfSlot.keys()).sort((a, b) => v.classOfSlot[a] - v.classOfSlot[b]);
    const bySlot = <T>(f: (slot: number) => T) => Object.fromEntries(slots.map((slot) => [m.classes[v.classOfSlot[slot]], f(slot)]));
    pools[p.id] = {
      capacity: infinite ? null : cap,
      busy,
      utilisation: infinite ? null : cap > 0 ? busy.mean / cap : null,
      queue: v.queue.summary(t),
      present,
      presentDistribution: dist,
      blocked: v.blocked.mean(t),
      overrun: v.overrun.mean(t),
      waits: p.waits.summary(),
      waitsByClass: m.classes.length === 1 ? byClass(() => p.waits.summary()) : bySlot((slot) => p.waitsByClass[slot].summary()),
      busyByClass: v.busyByClass ? bySlot((slot) => v.busyByClass![slot].mean(t)) : null,
      queueByClass: v.queueByClass ? bySlot((slot) => v.queueByClass![slot].mean(t)) : null,
      renegeWaits: p.renegeWaits.summary(),
      requests: p.requests, granted: p.granted, waited: p.waited, reneged: p.reneged,
      diverted: p.diverted, preempted: p.preempted, completed: p.completed,
      profile: v.profile ? { binMeans: v.profile.binMeans(), sampleMeans: v.profile.sampleMeans() } : null,
    };
    if (m.pools[p.index].presentByCapacity) {
      pools[p.id].presentByCapacity = v.presentByCapacity !== null ? v.presentByCapacity.distributions(t) : [{ capacity: p.capacity, distribution: dist }];
    }
    if (p.escalation !== null) {
      const x = p.escalation;
      const e = x.viewAt(t, p.inUse, p.capacity);
      pools[p.id].escalation = { units: x.def.units, open: e.open.mean(t), inUse: e.used.mean(t), openings: x.openings, decisions: x.decisions };
    }
  }
  const skilledPools: Record<string, SkilledPoolResult> = {};
  for (const team of sim.skilledPools) {
    const def = m.teams[team.index];
    const members: SkilledPoolResult['members'] = {};
    let dutyCost = 0, onCallCost = 0, rosterCost = 0, onCall = false;
    def.members.forEach((mem, k) => {
      const busyHours = team.busyHours[k] + (team.busyMember[k] ? t - Math.max(team.busySince[k], team.statsFrom) : 0);
      const dutyHours = team.dutyHours[k] + (team.onDuty[k] ? t - Math.max(team.dutySince[k], team.statsFrom) : 0);
      members[mem.id] = { role: mem.role, busyHours, dutyHours, busyCost: busyHours * mem.hourlyCost, dutyCost: dutyHours * mem.hourlyCost };
      dutyCost += dutyHours * mem.hourlyCost;
      if (mem.onCall >= 0) {
        // Staff called in by an escalation: counted on it too (absent fields for models without).
        const x = pools[m.pools[mem.onCall].id].escalation!;
        x.staffHours = (x.staffHours ?? 0) + dutyHours;
        x.staffCost = (x.staffCost ?? 0) + dutyHours * mem.hourlyCost;
        onCallCost += dutyHours * mem.hourlyCost;
        onCall = true;
      } else rosterCost += dutyHours * mem.hourlyCost;
    });
    skilledPools[team.id] = {
      roles: Object.fromEntries(team.roles.map((r, i) => {
        const busy = team.busyByRole[i].mean(t), onDuty = team.onDutyByRole[i].mean(t);
        return [r, { busy, onDuty, utilisation: onDuty > 0 ? busy / onDuty : null }];
      })),
      members,
      waitsBySkill: Object.fromEntries(m.skills.map((s, i) => [s, team.waitsBySkill[i].summary()]).filter(([, w]) => (w as TallySummary).count > 0)),
      queue: team.queue.summary(t),
      requests: team.requests,
      granted: team.granted,
      reneged: team.reneged,
      dutyCost,
      ...(onCall ? { onCallCost, rosterCost } : {}),
    };
    if (team.busyHoursByClass !== null) {
      const hours = Array.from(team.busyHoursByClass);
      // Members busy at the end: their task so far counts for the class they serve.
      for (let k = 0; k < team.busyMember.length; k++) if (team.busyMember[k]) hours[team.busyClassOf![k]] += t - Math.max(team.busySince[k], team.statsFrom);
      skilledPools[team.id].busyHoursByClass = byClass((i) => hours[i]);
    }
  }
  const nClasses = m.classes.length;
  const present = new Float64Array(nClasses);
  const live = sim.ent.live();
  for (const e of live) present[sim.ent.cls[e]]++;
  const open = openOver(sim, live);
  const stillOpen = openStamped(sim, live);
  return {
    seed: sim.seed,
    replication: sim.replication,
    warmup: sim.warmup,
    end: t,
    events: sim.events,
    totals: {
      arrived: sim.arrived, departed: sim.departed, inSystem: sim.inSystem, reneged: sim.reneged, diverted: sim.diverted,
      exits: Object.fromEntries(m.outcomes.map((o, k) => [o, sim.exited[k]])),
    },
    classes: byClass((i): ClassResult => ({
      arrived: sim.arrivedByClass[i], departed: sim.departedByClass[i], reneged: sim.renegedByClass[i], diverted: sim.divertedByClass[i],
      exits: Object.fromEntries(m.outcomes.map((o, k) => [o, sim.exitedByClass[k * nClasses + i]])),
      inSystemAtStart: sim.presentAtWarmupByClass[i],
      inSystem: present[i],
      timeInSystem: sim.timeInSystem[i].summary(),
    })),
    timeInSystem: Tally.merged(sim.timeInSystem.map((t) => {
      if (!(t instanceof Tally)) throw new Error('results: a class\'s time in system is not a Tally, so it cannot be pooled');
      return t;
    })).summary(),
    pools,
    skilledPools,
    stores: Object.fromEntries(sim.stores.map((st) => [st.id, { size: st.size.summary(t), now: st.members.size, entered: st.entered, taken: st.taken, waits: st.waits.summary() }])),
    outputs: {
      ...Object.fromEntries(m.outputs.map((o, i) => [o, withCentiles(withTarget(sim.outputs[i].summary(), m.targets[i], sim.outputsWithin[i], open[i]?.all, stillOpen[i]?.all), sim.outputs[i], m.centiles[i])])),
      ...Object.fromEntries([...sim.controlOutputs].map(([o, tally]) => [o, tally.summary()])),
    },
    outputsByClass: Object.fromEntries(m.outputs.map((o, i) => [o, byClass((c) => withCentiles(withTarget(sim.outputsByClass[i][c].summary(), m.targets[i], sim.outputsWithinByClass[i * m.classes.length + c], open[i]?.byClass[c], stillOpen[i]?.byClass[c]), sim.outputsByClass[i][c], m.centiles[i]))])),
    series: sim.series
      ? {
          times: sim.series.times.slice(),
          pools: Object.fromEntries(sim.pools.map((p, k) => [p.id, { busy: sim.series!.busy[k].slice(), queue: sim.series!.queue[k].slice() }])),
          stores: Object.fromEntries(sim.stores.map((st, k) => [st.id, sim.series!.stores[k].slice()])),
        }
      : null,
  };
}

function withCentiles(result: OutputResult, tally: TallyView, centiles: readonly number[]): OutputResult {
  if (centiles.length === 0) return result;
  return { ...result, centiles: Object.fromEntries(centiles.map((c) => [String(c), tally.quantile(c / 100)])) };
}

function withTarget(summary: TallySummary, hours: number, count: number, openOver?: number, open?: OpenIntervals): OutputResult {
  if (Number.isNaN(hours)) return summary;
  const extra = open === undefined ? {} : { open };
  if (openOver === undefined) return { ...summary, within: { hours, count, fraction: summary.count > 0 ? count / summary.count : NaN, ...extra } };
  const n = summary.count + openOver;
  return { ...summary, within: { hours, count, fraction: n > 0 ? count / n : NaN, openOver, ...extra } };
}

/**
 * Per output reporting open intervals (CompiledModel.openStamps): the entities in the
 * system at the end whose stamp is set and at or after the warm-up (the record's rule), and
 * those already longer than the target.
 */
function openStamped(sim: RunView, live: readonly number[]): ({ all: OpenIntervals; byClass: OpenIntervals[] } | null)[] {
  const m = sim.model, ent = sim.ent, t = sim.now, nAttrs = m.attributes.length;
  return m.outputs.map((_, i) => {
    const attr = m.openStamps[i];
    if (attr < 0 || Number.isNaN(m.targets[i])) return null;
    const all: OpenIntervals = { count: 0, over: 0 };
    const byClass = m.classes.map((): OpenIntervals => ({ count: 0, over: 0 }));
    for (const e of live) {
      const from = ent.attrs[e * nAttrs + attr];
      if (!(from >= sim.warmup)) continue; // NaN (not stamped, or recorded) or before the window
      const over = t - from > m.targets[i] ? 1 : 0;
      all.count++; all.over += over;
      byClass[ent.cls[e]].count++; byClass[ent.cls[e]].over += over;
    }
    return { all, byClass };
  });
}

/**
 * Per output with open intervals (CompiledModel.openHolds): the entities still holding its
 * pool at the end whose interval started after the warm-up (the record's rule) and is
 * already longer than the target. Their outcome is known (over the target); leaving them
 * out would make a run whose line grows without end look better the longer the line.
 * Those still open and within the target are censored: not counted either way.
 */
function openOver(sim: RunView, live: readonly number[]): ({ all: number; byClass: number[] } | null)[] {
  const m = sim.model, ent = sim.ent, t = sim.now;
  return m.outputs.map((_, i) => {
    const hold = m.openHolds[i];
    if (hold === null || Number.isNaN(m.targets[i])) return null;
    const byClass = m.classes.map(() => 0);
    let all = 0;
    for (const e of live) {
      if (ent.heldAt[e * m.pools.length + hold.pool] <= 0) continue;
      const from = hold.attr < 0 ? ent.born[e] : ent.attrs[e * m.attributes.length + hold.attr];
      if (from >= sim.warmup && t - from > m.targets[i]) {
        all++;
        byClass[ent.cls[e]]++;
      }
    }
    return { all, byClass };
  });
}

export function takeSnapshot(sim: RunView): Snapshot {
  const steps: Snapshot['steps'] = {};
  for (const s of sim.model.steps) steps[s.label] ??= { waiting: 0, active: 0 };
  const ent = sim.ent;
  for (const e of ent.live()) {
    const st = ent.state[e];
    const label = sim.model.steps[Math.max(0, sim.currentStep(e))].label;
    if (st === EntityState.Queued || st === EntityState.Blocked || st === EntityState.Stored || st === EntityState.Contending) steps[label].waiting++;
    else steps[label].active++;
  }
  return {
    time: sim.now,
    inSystem: sim.inSystem,
    arrived: sim.arrived,
    departed: sim.departed,
    reneged: sim.reneged,
    diverted: sim.diverted,
    exited: sum(sim.exited),
    pools: sim.pools.map((p) => ({ id: p.id, capacity: p.capacity, inUse: p.inUse, queue: p.queueCount, blocked: p.blockedCount })),
    skilledPools: sim.skilledPools.map((t) => ({
      id: t.id,
      busy: sum(t.busyMember),
      onDuty: sum(t.onDuty),
      queue: t.queue.value,
    })),
    stores: sim.stores.map((st) => ({ id: st.id, size: st.members.size })),
    steps,
  };
}

function sum(xs: Numbers): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
}
