// The model builder: pools, skilled pools, pathways and arrival sources, checked and
// compiled once into an immutable CompiledModel that any number of replications share.
// Every mistake is reported with the path of the offending field.
import type { Distribution } from './distributions.ts';
import { ModelError, fmt } from './errors.ts';
import type { SourceDef } from './arrivals.ts';
import { peakRate } from './arrivals.ts';
import { exponential } from './distributions.ts';
import type { StepDef, Comparison } from './pathway.ts';
import type { StoreDef, ControllerDef } from './control.ts';

export interface CapacitySchedule {
  /** The pattern repeats every `period` hours (e.g. 168 for a week); omit for one-off changes. */
  period?: number;
  /** Capacity from `at` (hours into the period) until the next point. */
  points: { at: number; capacity: number }[];
}

export interface PoolDef {
  /** Units (beds, cubicles, servers); Infinity for an unlimited pool. */
  capacity: number;
  /** fifo; priority (non-preemptive); preemptive (preemptive-resume on priority). */
  discipline?: 'fifo' | 'priority' | 'preemptive';
  /** Places in the line; beyond it a seize diverts or blocks. Default unlimited. */
  queueLimit?: number;
  /** Capacity over time; when present it overrides `capacity` from time 0. */
  schedule?: CapacitySchedule;
  /**
   * When capacity drops below the units in use: "finish" lets work in progress end and
   * withholds units as they free (the default); "preempt" interrupts the least urgent,
   * most recently started holders, who resume their remaining work first when capacity returns.
   */
  onCapacityDrop?: 'finish' | 'preempt';
  /** Fold the number present over a cycle (e.g. 24 bins over 24 h) for time-of-day outputs. */
  profile?: { period: number; bins: number };
}

export interface MemberDef {
  id: string;
  role: string;
  skills: string[];
  hourlyCost?: number;
  /** On duty in these [from, to) windows of each period (e.g. 168 h); always on duty if omitted. */
  shifts?: { period: number; on: [number, number][] };
}

export interface SkilledPoolDef {
  members: MemberDef[];
  /** Which free qualified member takes a request: the first listed, or the cheapest per hour. */
  policy?: 'first-free' | 'cheapest';
  discipline?: 'fifo' | 'priority';
}

export const enum StepKind { Seize, Delay, Release, Branch, Switch, Set, WaitUntil, Record, Goto, Exit, SeizeMember, ReleaseMember, Enter }
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

export interface CompiledPool {
  id: string;
  index: number;
  capacity: number;
  discipline: 'fifo' | 'priority' | 'preemptive';
  queueLimit: number;
  schedule: { period: number; times: number[]; capacities: number[] } | null;
  preemptOnDrop: boolean;
  profile: { period: number; bins: number } | null;
}

export interface CompiledTeam {
  id: string;
  index: number;
  members: { id: string; role: string; skills: Set<number>; hourlyCost: number; shifts: { period: number; on: [number, number][] } | null }[];
  cheapest: boolean;
  byPriority: boolean;
  roles: string[];
}

export interface CompiledSource {
  id: string;
  index: number;
  start: number;
  cls: number;
  priority: number;
  def: SourceDef;
  peak: number;
  /** > 0 when the inter-arrival time is exponential with this mean: sampled inline. */
  expMean: number;
  stream: number;
  batchStream: number;
  attrs: { attr: number; value: number | Distribution; stream: number }[];
}

export interface CompiledModel {
  steps: CompiledStep[];
  pools: CompiledPool[];
  teams: CompiledTeam[];
  sources: CompiledSource[];
  classes: string[];
  attributes: string[];
  skills: string[];
  streams: string[];
  outputs: string[];
  /** Named ways out (exit steps with an outcome), counted apart from plain departures. */
  outcomes: string[];
  /** Per output: the "within" target in hours (NaN: none). */
  targets: number[];
  /** label ("pathway/label" or "pathway") → step index */
  labels: Map<string, number>;
  stores: { id: string; index: number }[];
  controllers: { id: string; index: number; times: number[]; repeatEvery: number | null; act: ControllerDef['act'] }[];
}

const opCode: Record<Comparison, Op> = { '<': Op.Lt, '<=': Op.Le, '==': Op.Eq, '!=': Op.Ne, '>=': Op.Ge, '>': Op.Gt };

function isDistribution(x: unknown): x is Distribution {
  return typeof x === 'object' && x !== null && typeof (x as Distribution).sample === 'function';
}

export class Model {
  private readonly poolDefs = new Map<string, PoolDef>();
  private readonly teamDefs = new Map<string, SkilledPoolDef>();
  private readonly pathwayDefs = new Map<string, StepDef[]>();
  private readonly sourceDefs = new Map<string, SourceDef>();
  private readonly storeDefs = new Map<string, StoreDef>();
  private readonly controllerDefs = new Map<string, ControllerDef>();
  private readonly classNames: string[] = [];
  private readonly attributeNames: string[] = [];

  pool(id: string, def: PoolDef): this {
    this.unique(id, 'pools');
    this.poolDefs.set(id, def);
    return this;
  }

  skilledPool(id: string, def: SkilledPoolDef): this {
    this.unique(id, 'skilledPools');
    this.teamDefs.set(id, def);
    return this;
  }

  pathway(id: string, steps: StepDef[]): this {
    if (this.pathwayDefs.has(id)) throw new ModelError(`pathways.${id}`, 'defined twice');
    this.pathwayDefs.set(id, steps);
    return this;
  }

  source(id: string, def: SourceDef): this {
    if (this.sourceDefs.has(id)) throw new ModelError(`sources.${id}`, 'defined twice');
    this.sourceDefs.set(id, def);
    return this;
  }

  /** A store: entities wait in it (an `enter` step) until a controller takes them. */
  store(id: string, def: StoreDef = {}): this {
    if (typeof id !== 'string' || id === '') throw new ModelError('stores', 'an id must be a non-empty string');
    if (this.storeDefs.has(id)) throw new ModelError(`stores.${id}`, 'defined twice');
    this.storeDefs.set(id, def);
    return this;
  }

  /** A controller: a decision run at scheduled times (see control.ts). */
  controller(id: string, def: ControllerDef): this {
    if (this.controllerDefs.has(id)) throw new ModelError(`controllers.${id}`, 'defined twice');
    this.controllerDefs.set(id, def);
    return this;
  }

  /** Declares classes in an order (their index order in results); classes named by sources are added anyway. */
  classes(...names: string[]): this {
    for (const n of names) if (!this.classNames.includes(n)) this.classNames.push(n);
    return this;
  }

  /**
   * Declares attributes that only controllers read or write (no step names them), so that
   * Control.attr / setAttr know them. A new entity's attributes are NaN until set.
   */
  attributes(...names: string[]): this {
    for (const n of names) if (!this.attributeNames.includes(n)) this.attributeNames.push(n);
    return this;
  }

  compile(): CompiledModel {
    const classes = [...this.classNames];
    const classIndex = (name: string): number => {
      let i = classes.indexOf(name);
      if (i < 0) i = classes.push(name) - 1;
      return i;
    };
    for (const s of this.sourceDefs.values()) classIndex(s.class ?? 'default');
    if (classes.length === 0) classes.push('default');

    const pools = [...this.poolDefs].map(([id, d], index) => compilePool(id, d, index));
    const skills: string[] = [];
    const skillIndex = (s: string) => (skills.includes(s) ? skills.indexOf(s) : skills.push(s) - 1);
    const teams: CompiledTeam[] = [...this.teamDefs].map(([id, d], index) => compileTeam(id, d, index, skillIndex));
    const poolIdx = new Map(pools.map((p) => [p.id, p.index]));
    const teamIdx = new Map(teams.map((t) => [t.id, t.index]));
    const attributes: string[] = [];
    const attrIndex = (name: string) => (attributes.includes(name) ? attributes.indexOf(name) : attributes.push(name) - 1);
    for (const n of this.attributeNames) attrIndex(n);
    const streams: string[] = [];
    const streamIndex = (name: string) => (streams.includes(name) ? streams.indexOf(name) : streams.push(name) - 1);
    const outputs: string[] = [];
    const outcomes: string[] = [];
    const targets = new Map<string, number>();

    // Flatten: labels first, so that branches may point forward and across pathways.
    const labels = new Map<string, number>();
    const flat: { pathway: string; i: number; def: StepDef }[] = [];
    if (this.pathwayDefs.size === 0) throw new ModelError('pathways', 'at least one pathway is needed');
    for (const [pid, steps] of this.pathwayDefs) {
      if (!Array.isArray(steps) || steps.length === 0) throw new ModelError(`pathways.${pid}`, 'a pathway needs at least one step');
      labels.set(pid, flat.length);
      steps.forEach((def, i) => {
        if (def.label !== undefined) {
          const key = `${pid}/${def.label}`;
          if (labels.has(key)) throw new ModelError(`pathways.${pid}[${i}].label`, `label "${def.label}" is used twice`);
          labels.set(key, flat.length);
        }
        flat.push({ pathway: pid, i, def });
      });
      const last = steps[steps.length - 1];
      if (last.kind !== 'exit' && last.kind !== 'goto' && last.kind !== 'branch' && last.kind !== 'switch')
        throw new ModelError(`pathways.${pid}[${steps.length - 1}]`, `a pathway must end with exit, goto, branch or switch, got ${last.kind}`);
    }
    const resolve = (pathway: string, target: string, path: string): number => {
      const idx = labels.get(target.includes('/') ? target : `${pathway}/${target}`) ?? labels.get(target);
      if (idx === undefined) {
        const known = [...labels.keys()].join(', ');
        throw new ModelError(path, `unknown label or pathway "${target}" (known: ${known})`);
      }
      return idx;
    };

    const storeIds = [...this.storeDefs.keys()];
    const steps = flat.map(({ pathway, i, def }) => {
      const path = `pathways.${pathway}[${i}]`;
      const s = new CompiledStep();
      s.path = path;
      s.label = def.label ?? `${pathway}[${i}]`;
      const streamName = (kind: string, explicit?: string) => explicit ?? `${kind}:${pathway}/${def.label ?? i}`;
      switch (def.kind) {
        case 'seize': {
          const amount = def.amount ?? 1;
          if (teamIdx.has(def.pool)) {
            s.kind = StepKind.SeizeMember;
            s.pool = teamIdx.get(def.pool)!;
            if (def.skill === undefined) throw new ModelError(`${path}.skill`, `seizing skilled pool "${def.pool}" needs a skill`);
            const team = teams[s.pool];
            const own = [...new Set(team.members.flatMap((m) => [...m.skills].map((k) => skills[k])))];
            if (!own.includes(def.skill)) throw new ModelError(`${path}.skill`, `no member of "${def.pool}" has skill "${def.skill}" (skills: ${own.join(', ')})`);
            s.skill = skills.indexOf(def.skill);
            for (const key of ['onFull', 'divertTo', 'releaseOnEntry', 'queueLimit'] as const)
              if (def[key] !== undefined) throw new ModelError(`${path}.${key}`, `skilled pool "${def.pool}" has no line limit, so ${key} does not apply`);
            if (def.ifBusy !== undefined) throw new ModelError(`${path}.ifBusy`, `ifBusy applies to counted pools; "${def.pool}" is a skilled pool`);
            s.slot = attrIndex(`@member:${def.pool}`);
            if (def.amount !== undefined && def.amount !== 1) throw new ModelError(`${path}.amount`, 'a skilled pool gives one member per request');
          } else {
            s.kind = StepKind.Seize;
            s.pool = poolRef(poolIdx, def.pool, `${path}.pool`, [...teamIdx.keys()]);
            if (!Number.isInteger(amount) || amount < 1) throw new ModelError(`${path}.amount`, `expected an integer ≥ 1, got ${fmt(amount)}`);
            if (pools[s.pool].discipline === 'preemptive' && amount !== 1)
              throw new ModelError(`${path}.amount`, `preemptive pool "${def.pool}" takes one unit per request`);
            const pool = pools[s.pool];
            const most = pool.schedule ? Math.max(...pool.schedule.capacities) : pool.capacity;
            // A pool closed throughout (capacity 0) is a legitimate variant; a request bigger than the pool ever is, is a mistake.
            if (most > 0 && amount > most) throw new ModelError(`${path}.amount`, `asks for ${amount} units but pool "${def.pool}" never has more than ${fmt(most)}`);
          }
          s.amount = amount;
          if (def.patience !== undefined) {
            if (!isDistribution(def.patience)) throw new ModelError(`${path}.patience`, 'expected a distribution');
            s.patience = def.patience;
            s.patienceStream = streamIndex(def.stream ? `${def.stream}:patience` : streamName('patience'));
          }
          if (def.deadline !== undefined) {
            if (typeof def.deadline !== 'string' || def.deadline === '') throw new ModelError(`${path}.deadline`, 'expected the name of an attribute holding a time');
            s.deadline = attrIndex(def.deadline);
          }
          s.onRenege = def.onRenege !== undefined ? resolve(pathway, def.onRenege, `${path}.onRenege`) : -1;
          if (def.queueLimit !== undefined) {
            if (!(def.queueLimit >= 0) || !Number.isInteger(def.queueLimit)) throw new ModelError(`${path}.queueLimit`, `expected an integer ≥ 0, got ${String(def.queueLimit)}`);
            s.queueLimit = def.queueLimit;
          }
          s.block = def.onFull === 'block';
          if (def.onFull !== undefined && def.onFull !== 'block' && def.onFull !== 'divert')
            throw new ModelError(`${path}.onFull`, `expected "divert" or "block", got "${String(def.onFull)}"`);
          s.divertTo = def.divertTo !== undefined ? resolve(pathway, def.divertTo, `${path}.divertTo`) : -1;
          s.ifBusy = def.ifBusy !== undefined ? resolve(pathway, def.ifBusy, `${path}.ifBusy`) : -1;
          if (def.releaseOnEntry?.length)
            s.releaseOnEntry = Int32Array.from(def.releaseOnEntry, (p, k) => poolRef(poolIdx, p, `${path}.releaseOnEntry[${k}]`, []));
          break;
        }
        case 'release': {
          if (teamIdx.has(def.pool)) {
            s.kind = StepKind.ReleaseMember;
            s.pool = teamIdx.get(def.pool)!;
            s.slot = attrIndex(`@member:${def.pool}`);
          } else {
            s.kind = StepKind.Release;
            s.pool = poolRef(poolIdx, def.pool, `${path}.pool`, [...teamIdx.keys()]);
            s.amount = def.amount ?? 1;
            if (!Number.isInteger(s.amount) || s.amount < 1) throw new ModelError(`${path}.amount`, `expected an integer ≥ 1, got ${fmt(s.amount)}`);
          }
          break;
        }
        case 'delay': {
          s.kind = StepKind.Delay;
          if (!isDistribution(def.duration)) throw new ModelError(`${path}.duration`, 'expected a distribution');
          s.dist = def.duration;
          if (def.duration.kind === 'exponential') s.expMean = def.duration.mean;
          if (def.byClass) {
            s.byClass = classes.map(() => null);
            for (const [cls, d] of Object.entries(def.byClass)) {
              if (!isDistribution(d)) throw new ModelError(`${path}.byClass.${cls}`, 'expected a distribution');
              s.byClass[classIndex(cls)] = d;
            }
          }
          s.stream = streamIndex(streamName('delay', def.stream));
          if (def.scaleBy !== undefined) {
            s.scale = attrIndex(def.scaleBy);
            s.expMean = 0; // the general path applies the scale
          }
          break;
        }
        case 'branch': {
          s.kind = StepKind.Branch;
          if (!Array.isArray(def.options) || def.options.length === 0) throw new ModelError(`${path}.options`, 'a branch needs at least one option');
          let total = 0;
          s.targets = Int32Array.from(def.options, (o, k) => resolve(pathway, o.to, `${path}.options[${k}].to`));
          s.cumulative = Float64Array.from(def.options, (o, k) => {
            if (!(o.weight >= 0) || !Number.isFinite(o.weight)) throw new ModelError(`${path}.options[${k}].weight`, `expected a finite number ≥ 0, got ${o.weight}`);
            return (total += o.weight);
          });
          if (!(total > 0)) throw new ModelError(`${path}.options`, 'weights must not all be 0');
          for (let k = 0; k < s.cumulative.length; k++) s.cumulative[k] /= total;
          s.cumulative[s.cumulative.length - 1] = 1;
          s.stream = streamIndex(streamName('branch', def.stream));
          break;
        }
        case 'switch': {
          s.kind = StepKind.Switch;
          s.attr = def.attribute === 'class' ? ATTR_CLASS : def.attribute === 'priority' ? ATTR_PRIORITY : attrIndex(def.attribute);
          s.ops = Int32Array.from(def.cases, (c, k) => {
            const op = opCode[c.op];
            if (op === undefined) throw new ModelError(`${path}.cases[${k}].op`, `expected one of < <= == != >= >, got "${c.op}"`);
            return op;
          });
          s.values = Float64Array.from(def.cases, (c, k) => {
            if (typeof c.value === 'string') {
              if (s.attr !== ATTR_CLASS) throw new ModelError(`${path}.cases[${k}].value`, `a name is only compared with "class"; expected a number`);
              return classIndex(c.value);
            }
            return c.value;
          });
          s.targets = Int32Array.from(def.cases, (c, k) => resolve(pathway, c.to, `${path}.cases[${k}].to`));
          s.otherwise = resolve(pathway, def.otherwise, `${path}.otherwise`);
          break;
        }
        case 'set': {
          s.kind = StepKind.Set;
          s.attr = def.attribute === 'priority' ? ATTR_PRIORITY : attrIndex(def.attribute);
          if (def.attribute === 'class') throw new ModelError(`${path}.attribute`, 'the class of an entity is fixed at arrival');
          if (def.value === 'now') {
            s.otherwise = ATTR_NOW;
            if (def.ago !== undefined) {
              if (!isDistribution(def.ago)) throw new ModelError(`${path}.ago`, 'expected a distribution');
              s.dist = def.ago; // now minus a draw
              s.stream = streamIndex(streamName('set', def.stream));
            }
          } else if (def.ago !== undefined) throw new ModelError(`${path}.ago`, 'only with the value "now"');
          else if (typeof def.value === 'number') s.value = def.value;
          else if (isDistribution(def.value)) {
            s.dist = def.value;
            s.stream = streamIndex(streamName('set', def.stream));
          } else throw new ModelError(`${path}.value`, 'expected a number, a distribution or "now"');
          break;
        }
        case 'wait-until': {
          s.kind = StepKind.WaitUntil;
          if (def.attribute !== undefined) {
            if (def.at !== undefined || def.every !== undefined) throw new ModelError(`${path}.attribute`, 'give either an attribute or at (and every), not both');
            s.attr = attrIndex(def.attribute);
            break;
          }
          s.every = def.every ?? 0;
          s.at = def.at!;
          if (!Number.isFinite(s.at) || s.at < 0) throw new ModelError(`${path}.at`, `expected a time ≥ 0, got ${def.at}`);
          if (def.every !== undefined && !(def.every > 0)) throw new ModelError(`${path}.every`, `expected a period > 0, got ${def.every}`);
          if (def.every !== undefined && s.at >= s.every) throw new ModelError(`${path}.at`, `expected a time within the period [0, ${fmt(s.every)}), got ${fmt(s.at)}`);
          break;
        }
        case 'record': {
          s.kind = StepKind.Record;
          if (!outputs.includes(def.name)) outputs.push(def.name);
          s.output = outputs.indexOf(def.name);
          s.attr = def.since === undefined ? -1 : attrIndex(def.since);
          if (def.countWhen !== undefined && def.countWhen !== 'started' && def.countWhen !== 'ended')
            throw new ModelError(`${path}.countWhen`, `expected "started" or "ended", got "${String(def.countWhen)}"`);
          s.countEnded = def.countWhen === 'ended';
          if (def.within !== undefined) {
            if (!(def.within >= 0) || !Number.isFinite(def.within)) throw new ModelError(`${path}.within`, `expected a time ≥ 0, got ${def.within}`);
            const known = targets.get(def.name);
            if (known !== undefined && known !== def.within) throw new ModelError(`${path}.within`, `output "${def.name}" already counts within ${fmt(known)} h; one target per output`);
            targets.set(def.name, def.within);
            s.value = def.within;
          } else s.value = NaN;
          break;
        }
        case 'goto':
          s.kind = StepKind.Goto;
          s.otherwise = resolve(pathway, def.to, `${path}.to`);
          break;
        case 'exit':
          s.kind = StepKind.Exit;
          if (def.outcome !== undefined) {
            if (typeof def.outcome !== 'string' || def.outcome === '') throw new ModelError(`${path}.outcome`, 'expected the name of a way out (a non-empty string)');
            if (!outcomes.includes(def.outcome)) outcomes.push(def.outcome);
            s.outcome = outcomes.indexOf(def.outcome);
          }
          break;
        case 'enter': {
          s.kind = StepKind.Enter;
          const k = storeIds.indexOf(def.store);
          if (k < 0) throw new ModelError(`${path}.store`, `unknown store "${def.store}" (known: ${storeIds.join(', ') || 'none'})`);
          s.pool = k;
          break;
        }
        default:
          throw new ModelError(`${path}.kind`, `unknown step kind "${(def as { kind: string }).kind}"`);
      }
      return s;
    });

    const sources: CompiledSource[] = [];
    let sIndex = 0;
    for (let [id, def] of this.sourceDefs) {
      const path = `sources.${id}`;
      const start = resolve('', def.pathway, `${path}.pathway`);
      const kinds = [def.rate, def.interarrival, def.profile, def.times].filter((x) => x !== undefined).length;
      if (kinds !== 1) throw new ModelError(path, 'give exactly one of rate, interarrival, profile or times');
      if (def.appointments !== undefined) {
        const a = def.appointments;
        if (def.times === undefined) throw new ModelError(`${path}.appointments`, 'appointments need the appointment times (times)');
        if (a.noShow !== undefined && !(a.noShow >= 0 && a.noShow < 1)) throw new ModelError(`${path}.appointments.noShow`, `expected a probability in [0, 1), got ${a.noShow}`);
        if (a.punctuality !== undefined && (!isDistribution(a.punctuality.dist) || !Number.isFinite(a.punctuality.shift)))
          throw new ModelError(`${path}.appointments.punctuality`, 'expected { dist: a distribution, shift: a number of hours }');
      }
      if (def.rate !== undefined) {
        if (!(def.rate > 0) || !Number.isFinite(def.rate)) throw new ModelError(`${path}.rate`, `expected a rate per hour > 0, got ${def.rate}`);
        def = { ...def, interarrival: exponential(1 / def.rate) };
      }
      if (def.interarrival !== undefined && !isDistribution(def.interarrival)) throw new ModelError(`${path}.interarrival`, 'expected a distribution');
      if (def.interarrival !== undefined && def.interarrival.mean <= 0) throw new ModelError(`${path}.interarrival`, `mean time between arrivals must be > 0, got ${def.interarrival}`);
      let peak = 0;
      if (def.profile) {
        const p = def.profile;
        if (p.kind === 'piecewise') {
          if (!(p.step > 0)) throw new ModelError(`${path}.profile.step`, `expected > 0, got ${p.step}`);
          p.rates.forEach((r, k) => {
            if (!(r >= 0) || !Number.isFinite(r)) throw new ModelError(`${path}.profile.rates[${k}]`, `expected a rate ≥ 0, got ${r}`);
          });
        } else {
          if (!(p.mean >= 0)) throw new ModelError(`${path}.profile.mean`, `expected a rate ≥ 0, got ${p.mean}`);
          if (!(Math.abs(p.amplitude) <= 1)) throw new ModelError(`${path}.profile.amplitude`, `expected |amplitude| ≤ 1 (a rate is never negative), got ${p.amplitude}`);
          if (!(p.period > 0)) throw new ModelError(`${path}.profile.period`, `expected > 0, got ${p.period}`);
        }
        peak = peakRate(p);
      }
      if (def.times) {
        def.times.forEach((t, k) => {
          if (!(t >= 0) || !Number.isFinite(t)) throw new ModelError(`${path}.times[${k}]`, `expected a time ≥ 0, got ${t}`);
          if (k > 0 && t < def.times![k - 1]) throw new ModelError(`${path}.times[${k}]`, 'times must be in increasing order');
          if (def.repeatEvery !== undefined && t >= def.repeatEvery) throw new ModelError(`${path}.times[${k}]`, `must lie within the repeat period ${def.repeatEvery}`);
        });
        if (def.repeatEvery !== undefined && !(def.repeatEvery > 0)) throw new ModelError(`${path}.repeatEvery`, `expected > 0, got ${def.repeatEvery}`);
        if (def.repeatEvery !== undefined && def.times.length === 0) throw new ModelError(`${path}.times`, 'a repeating schedule needs at least one time');
      }
      if (typeof def.batch === 'number' && (!Number.isInteger(def.batch) || def.batch < 1))
        throw new ModelError(`${path}.batch`, `expected an integer ≥ 1, got ${def.batch}`);
      if (def.limit !== undefined && (!Number.isInteger(def.limit) || def.limit < 0)) throw new ModelError(`${path}.limit`, `expected an integer ≥ 0, got ${def.limit}`);
      sources.push({
        id, index: sIndex++, start, def, peak,
        expMean: def.interarrival?.kind === 'exponential' ? def.interarrival.mean : 0,
        cls: classIndex(def.class ?? 'default'),
        priority: def.priority ?? 0,
        stream: streamIndex(`arrivals:${id}`),
        batchStream: streamIndex(`batch:${id}`),
        attrs: Object.entries(def.attributes ?? {}).map(([name, value]) => ({
          attr: attrIndex(name), value, stream: isDistribution(value) ? streamIndex(`attr:${id}/${name}`) : -1,
        })),
      });
    }
    if (sources.length === 0) throw new ModelError('sources', 'at least one arrival source is needed');
    // Classes named in byClass/switch after sources: make per-class arrays the right length.
    for (const s of steps) if (s.byClass) while (s.byClass.length < classes.length) s.byClass.push(null);
    const controllers = [...this.controllerDefs].map(([id, d], index) => {
      const path = `controllers.${id}`;
      if (typeof d.act !== 'function') throw new ModelError(`${path}.act`, 'expected a function');
      if (!Array.isArray(d.times) || d.times.length === 0) throw new ModelError(`${path}.times`, 'a controller needs at least one time');
      d.times.forEach((t, k) => {
        if (!(t >= 0) || !Number.isFinite(t)) throw new ModelError(`${path}.times[${k}]`, `expected a time ≥ 0, got ${t}`);
        if (k > 0 && t <= d.times[k - 1]) throw new ModelError(`${path}.times[${k}]`, 'times must be in increasing order');
        if (d.repeatEvery !== undefined && t >= d.repeatEvery) throw new ModelError(`${path}.times[${k}]`, `must lie within the repeat period ${d.repeatEvery}`);
      });
      if (d.repeatEvery !== undefined && !(d.repeatEvery > 0)) throw new ModelError(`${path}.repeatEvery`, `expected > 0, got ${d.repeatEvery}`);
      return { id, index, times: d.times, repeatEvery: d.repeatEvery ?? null, act: d.act };
    });
    // Outputs a controller may record are named at run time: they are added there.
    return { steps, pools, teams, sources, classes, attributes, skills, streams, outputs, outcomes, labels,
      targets: outputs.map((o) => targets.get(o) ?? NaN),
      stores: storeIds.map((id, index) => ({ id, index })), controllers };
  }

  private unique(id: string, where: string): void {
    if (typeof id !== 'string' || id === '') throw new ModelError(where, 'an id must be a non-empty string');
    if (this.poolDefs.has(id) || this.teamDefs.has(id)) throw new ModelError(`${where}.${id}`, 'a pool with this id exists already');
  }
}

function poolRef(index: Map<string, number>, id: string, path: string, teams: string[]): number {
  const i = index.get(id);
  if (i === undefined) {
    const hint = teams.length ? `; skilled pools: ${teams.join(', ')}` : '';
    throw new ModelError(path, `unknown pool "${id}" (known: ${[...index.keys()].join(', ') || 'none'}${hint})`);
  }
  return i;
}

function compilePool(id: string, d: PoolDef, index: number): CompiledPool {
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
  };
}

function compileTeam(id: string, d: SkilledPoolDef, index: number, skillIndex: (s: string) => number): CompiledTeam {
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
    return { id: m.id, role: m.role, skills: new Set(m.skills.map(skillIndex)), hourlyCost: cost, shifts: m.shifts ?? null };
  });
  const policy = d.policy ?? 'first-free';
  if (policy !== 'first-free' && policy !== 'cheapest') throw new ModelError(`${path}.policy`, `expected first-free or cheapest, got "${policy}"`);
  return { id, index, members, cheapest: policy === 'cheapest', byPriority: d.discipline === 'priority', roles: [...new Set(members.map((m) => m.role))] };
}
