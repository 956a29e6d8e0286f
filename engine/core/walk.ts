// Entities move by walking their pathway: from the step an entity is at, the walker runs
// steps until one makes it wait (a line, a delay, a store) or it leaves. Steps are data
// compiled once (model.ts); each kind's rule is a case of one switch, and seizing and
// releasing are the pools' own rules (counted-pools.ts, skilled-pools.ts).
import { Priority } from './calendar.ts';
import { EntityState } from './entities.ts';
import { RunError, fmt, grouped } from './errors.ts';
import { type CompiledStep, StepKind, Op, ATTR_CLASS, ATTR_PRIORITY, ATTR_NOW } from './compiled-step.ts';
import { Seized, type CountedPools } from './counted-pools.ts';
import type { SkilledPools } from './skilled-pools.ts';
import type { Controllers } from './controllers.ts';
import type { Observation } from './observation.ts';
import type { Kernel } from './kernel.ts';
import { log } from './math.ts';
import { factorAt } from './time-factor.ts';

/** Jumps (branch, switch, goto, a diverted seize) one entity may take at one instant before the run stops: only a loop that takes no time gets there. */
const MAX_JUMPS = 1_000_000;

export class Walker {
  private readonly k: Kernel;
  private readonly pools: CountedPools;
  private readonly skilled: SkilledPools;
  private readonly controllers: Controllers;
  private readonly observation: Observation;

  constructor(k: Kernel) {
    this.k = k;
    this.pools = k.pools;
    this.skilled = k.skilled;
    this.controllers = k.controllers;
    this.observation = k.observation;
  }

  /** Walks an entity through steps from its current one until it waits, is delayed or leaves. */
  advance(e: number): void {
    const k = this.k;
    const ent = k.ent;
    const steps = k.steps;
    let i = ent.step[e];
    let jumps = 0;
    for (;;) {
      const s = steps[i];
      switch (s.kind) {
        case StepKind.Seize: {
          ent.step[e] = i;
          const r = this.pools.seize(e, s);
          if (r === Seized.Granted) { i++; continue; }
          if (r === Seized.Moved) {
            if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
            i = ent.step[e];
            continue;
          }
          return;
        }
        case StepKind.Release:
          this.pools.release(e, s);
          i++;
          continue;
        case StepKind.Delay: {
          let d: number;
          const rng = k.rngs[s.stream];
          const byClass = s.byClass !== null ? s.byClass[ent.cls[e]] : null;
          if (byClass !== null) d = byClass.sample(rng);
          else if (s.expMean > 0) d = -s.expMean * log(1 - rng());
          else d = s.dist!.sample(rng);
          if (s.scaled) {
            if (s.scale >= 0) d *= ent.attrs[e * k.nAttrs + s.scale];
            if (s.factor !== null) d *= factorAt(s.factor, k.now);
          }
          if (!(d >= 0)) throw new RunError(`entity ${ent.serial[e]} at t=${fmt(k.now)} h: ${s.path} drew a duration of ${d}`, k.now);
          const end = k.now + d;
          ent.step[e] = i + 1;
          ent.delayEnd[e] = end;
          ent.state[e] = EntityState.Delayed;
          k.resumeAt(e, end);
          return;
        }
        case StepKind.Branch: {
          const u = k.rngs[s.stream]();
          const cum = s.cumulative;
          let j = 0;
          while (u >= cum[j]) j++;
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = s.targets[j];
          continue;
        }
        case StepKind.Switch: {
          const v = s.attr === ATTR_CLASS ? ent.cls[e] : s.attr === ATTR_PRIORITY ? ent.prio[e] : ent.attrs[e * k.nAttrs + s.attr];
          let to = s.otherwise;
          for (let j = 0; j < s.ops.length; j++) {
            if (compare(s.ops[j], v, s.values[j])) { to = s.targets[j]; break; }
          }
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = to;
          continue;
        }
        case StepKind.SwitchElapsed: {
          // Hours since a time stamp; an unset one (NaN) fails every comparison but !=.
          const v = k.now - ent.attrs[e * k.nAttrs + s.attr];
          let to = s.otherwise;
          for (let j = 0; j < s.ops.length; j++) {
            if (compare(s.ops[j], v, s.values[j])) { to = s.targets[j]; break; }
          }
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = to;
          continue;
        }
        case StepKind.Set: {
          const v = s.otherwise === ATTR_NOW
            ? (s.dist !== null ? k.now - s.dist.sample(k.rngs[s.stream]) : k.now)
            : s.dist !== null ? s.dist.sample(k.rngs[s.stream]) : s.value;
          if (s.attr === ATTR_PRIORITY) ent.prio[e] = v;
          else ent.attrs[e * k.nAttrs + s.attr] = v;
          i++;
          continue;
        }
        case StepKind.WaitUntil: {
          let t: number;
          const now = k.now;
          if (s.attr >= 0) t = ent.attrs[e * k.nAttrs + s.attr]; // unset (NaN) or past: no wait
          else if (s.every > 0) {
            t = Math.floor(now / s.every) * s.every + s.at;
            if (t < now) t += s.every;
          } else t = s.at;
          if (!(t > now)) { i++; continue; }
          ent.step[e] = i + 1;
          ent.delayEnd[e] = t;
          ent.state[e] = EntityState.Delayed;
          k.resumeAt(e, t);
          return;
        }
        case StepKind.Record:
          this.observation.record(e, s);
          i++;
          continue;
        case StepKind.Goto:
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = s.otherwise;
          continue;
        case StepKind.Exit:
          ent.step[e] = i;
          this.depart(e);
          return;
        case StepKind.SeizeMember: {
          ent.step[e] = i;
          if (!this.skilled.seize(e, s)) return;
          i++;
          continue;
        }
        case StepKind.ReleaseMember:
          this.skilled.release(e, s);
          i++;
          continue;
        case StepKind.Enter:
          ent.step[e] = i;
          this.controllers.enter(e, s);
          return;
      }
    }
  }

  private endlessLoop(e: number, i: number): never {
    const k = this.k;
    throw new RunError(`entity ${k.ent.serial[e]} at t=${fmt(k.now)} h: went round a loop of steps through ${k.steps[i].path} ${grouped(MAX_JUMPS)} times without time passing (a cycle of branches with no delay)`, k.now);
  }

  /**
   * Leaving the line: after a patience drawn now, or at a deadline, whichever comes first.
   * A deadline means served before it: at that instant the entity leaves before any place
   * is given out; patience that runs out at an instant still lets a place freed then be taken.
   */
  scheduleRenege(e: number, s: CompiledStep): void {
    const k = this.k;
    const now = k.now;
    let at = Infinity;
    let priority: number = Priority.renege;
    if (s.patience !== null) at = now + s.patience.sample(k.rngs[s.patienceStream]);
    if (s.deadline >= 0) {
      const d = k.ent.attrs[e * k.nAttrs + s.deadline];
      if (d >= now && d <= at) {
        at = d;
        priority = Priority.deadline;
      }
    }
    if (at < Infinity) k.renegeAt(e, at, priority);
  }

  /** Patience or a deadline ran out in a line: the entity leaves it for its onRenege label, or the system. */
  renege(e: number): void {
    const ent = this.k.ent;
    const at = ent.waitingAt[e];
    const s = this.k.steps[ent.step[e]];
    ent.renegeToken[e] = -1;
    ent.state[e] = EntityState.Active; // its line entry is now stale
    ent.waitingAt[e] = -1;
    ent.remaining[e] = -1;
    if (at <= -2) this.skilled.leaveLine(e, -2 - at, s);
    else this.pools.leaveLine(e, at);
    if (s.onRenege >= 0) {
      ent.step[e] = s.onRenege;
      this.advance(e);
    } else this.leave(e, 'renege');
  }

  private depart(e: number): void {
    const k = this.k;
    const ent = k.ent;
    const s = k.steps[ent.step[e]];
    if (ent.held[e] !== 0) throw new RunError(`entity ${ent.serial[e]} at t=${fmt(k.now)} h: exits at ${s.path} still holding ${ent.held[e]} unit(s)`, k.now);
    // Counted here, not through an Observation method: once per entity (see observation.ts).
    // Another way out is counted under its outcome, and is not a time in system.
    const obs = this.observation;
    const c = ent.cls[e];
    if (s.outcome >= 0) {
      obs.exited[s.outcome]++;
      if (obs.measuring) obs.exitedByClass[s.outcome * k.nClasses + c]++;
    } else {
      if (ent.born[e] >= k.warmup) obs.timeInSystem[c].add(k.now - ent.born[e]);
      obs.departed++;
      if (obs.measuring) obs.departedByClass[c]++;
    }
    if (k.observer) k.emit('exit', e);
    ent.destroy(e);
  }

  /** An entity leaves without finishing its pathway (reneged or diverted). */
  leave(e: number, how: 'renege' | 'divert'): void {
    const k = this.k;
    const ent = k.ent;
    if (ent.held[e] !== 0)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(k.now)} h: ${how === 'renege' ? 'reneges' : 'is diverted'} at ${k.steps[ent.step[e]].path} while holding ${ent.held[e]} unit(s); give the step ${how === 'renege' ? 'an onRenege' : 'a divertTo'} label that releases them`, k.now);
    this.observation.leave(e, how);
    ent.destroy(e);
  }
}

function compare(op: number, a: number, b: number): boolean {
  switch (op) {
    case Op.Lt: return a < b;
    case Op.Le: return a <= b;
    case Op.Eq: return a === b;
    case Op.Ne: return a !== b;
    case Op.Ge: return a >= b;
    default: return a > b;
  }
}
