// The rules of counted pools: seize, release, the line, blocking and diverting at a full
// line, preemption, and how the places free at one instant are given out (kernel.ts says
// when). What a pool counts lives in pool-state.ts.
import { EntityState } from './entities.ts';
import { RunError, fmt } from './errors.ts';
import { StepKind, type CompiledStep } from './compiled-step.ts';
import { PoolState } from './pool-state.ts';
import { capacityAt } from './capacity-schedules.ts';
import { preemptFor } from './preemption.ts';
import type { Kernel } from './kernel.ts';

/** What a seize did: the walker goes on, stops (waiting or gone), or jumps to ent.step. */
export const enum Seized { Granted, Waiting, Moved, Gone }

export class CountedPools {
  readonly states: PoolState[];
  private readonly k: Kernel;

  constructor(k: Kernel) {
    this.k = k;
    const m = k.model;
    const blocking = new Set(m.steps.filter((s) => s.kind === StepKind.Seize && s.block).map((s) => s.pool));
    this.states = m.pools.map((p) => new PoolState(p, k.nClasses, p.schedule ? capacityAt(p.schedule, 0) : p.capacity, k.warmup, blocking.has(p.index)));
  }

  seize(e: number, s: CompiledStep): Seized {
    const k = this.k;
    const p = this.states[s.pool];
    const ent = k.ent;
    const now = k.now;
    const free = p.inUse + s.amount <= p.capacity;
    if (free && p.contenders !== null && (p.queueCount === 0 ? k.maybeContended() : p.pending)) {
      // A free unit another request of this instant may have a better claim to: settled later.
      if (s.ifBusy < 0) p.requests++; // an ifBusy request counts here only if it wins
      ent.since[e] = now;
      ent.ticket[e] = k.ticketSeq++;
      ent.state[e] = EntityState.Contending;
      ent.waitingAt[e] = p.index;
      p.contenders.push(e, ent.ticket[e], ent.prio[e]);
      if (!p.pending) k.markPending(p.index);
      return Seized.Waiting;
    }
    if (s.ifBusy >= 0 && !(p.queueCount === 0 && free)) {
      ent.step[e] = s.ifBusy; // no free unit now: the other route, not a request here
      return Seized.Moved;
    }
    p.requests++;
    ent.since[e] = now;
    ent.ticket[e] = k.ticketSeq++;
    if (p.queueCount === 0 && free) {
      this.grant(e, p, s.amount, s);
      return Seized.Granted;
    }
    return this.busy(e, p, s);
  }

  /** A request that found no unit free (or lost the free ones to more urgent requests of its instant): preempt, queue, block or divert. */
  private busy(e: number, p: PoolState, s: CompiledStep): Seized {
    const k = this.k;
    const ent = k.ent;
    const now = k.now;
    // Preempt only where freeing one unit makes room, and never ahead of a waiter at least as urgent.
    if (p.preemptive && p.inUse <= p.capacity && p.capacity > 0 && this.linePriority(p) > ent.prio[e] && preemptFor(k, p, ent.prio[e])) {
      this.grant(e, p, s.amount, s);
      return Seized.Granted;
    }
    if (p.queueCount >= p.queueLimit || p.queueCount >= s.queueLimit) {
      if (s.block) {
        ent.state[e] = EntityState.Blocked;
        ent.waitingAt[e] = p.index;
        p.blockedLine.push(e, ent.ticket[e], 0);
        if (p.last !== now) p.touch(now);
        p.blockedCount++;
        if (k.observer) k.emit('block', e, p.id);
        return Seized.Waiting;
      }
      p.diverted++;
      if (k.observer) k.emit('divert', e, p.id);
      if (s.divertTo >= 0) {
        ent.step[e] = s.divertTo;
        return Seized.Moved;
      }
      k.walker.leave(e, 'divert');
      return Seized.Gone;
    }
    this.enqueue(e, p, s);
    return Seized.Waiting;
  }

  private enqueue(e: number, p: PoolState, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    ent.state[e] = EntityState.Queued;
    ent.waitingAt[e] = p.index;
    p.line.push(e, ent.ticket[e], ent.prio[e]);
    p.queueChange(k.now, ent.cls[e], 1);
    if (s.patience !== null || s.deadline >= 0) k.walker.scheduleRenege(e, s);
    if (k.observer) k.emit('queue', e, p.id);
    if (s.releaseOnEntry !== null) this.releaseOnEntry(e, s);
  }

  private grant(e: number, p: PoolState, amount: number, s: CompiledStep, entering = true): void {
    const k = this.k;
    const ent = k.ent;
    const now = k.now;
    const c = ent.cls[e];
    if (p.last !== now) p.touch(now);
    p.inUse += amount;
    ent.held[e] += amount;
    ent.heldAt[e * k.nPools + p.index] += amount;
    p.granted++;
    if (p.busyByCls !== null) p.busyChange(c, amount);
    const since = ent.since[e];
    if (since >= k.warmup) {
      const w = now - since;
      p.addWait(c, w);
      if (w > 0) p.waited++;
    }
    if (p.holders !== null && ent.heldAt[e * k.nPools + p.index] === amount) p.holders.push(e);
    if (k.observer) k.emit('seize', e, p.id);
    if (entering && s.releaseOnEntry !== null) this.releaseOnEntry(e, s);
  }

  private releaseOnEntry(e: number, s: CompiledStep): void {
    const list = s.releaseOnEntry!;
    for (let j = 0; j < list.length; j++) this.releaseUnits(e, this.states[list[j]], 1, s);
  }

  release(e: number, s: CompiledStep): void {
    this.releaseUnits(e, this.states[s.pool], s.amount, s);
  }

  private releaseUnits(e: number, p: PoolState, amount: number, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    const now = k.now;
    const slot = e * k.nPools + p.index;
    if (ent.heldAt[slot] < amount)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(now)} h: ${s.path} releases ${amount} unit(s) of pool "${p.id}" it does not hold (it holds ${ent.heldAt[slot]})`, now);
    if (p.last !== now) p.touch(now);
    p.inUse -= amount;
    ent.held[e] -= amount;
    ent.heldAt[slot] -= amount;
    p.completed++;
    if (p.busyByCls !== null) p.busyChange(ent.cls[e], -amount);
    if (p.holders !== null && ent.heldAt[slot] === 0) {
      const j = p.holders.lastIndexOf(e);
      if (j >= 0) p.holders.splice(j, 1);
    }
    if (k.observer) k.emit('release', e, p.id);
    this.serveSoon(p);
  }

  /**
   * Units freed or added at this instant: given out now, or once the round's requests are
   * all in if another may still come. With nobody waiting there is nothing to decide: a
   * later request of the instant finds the unit free and contends for it itself.
   */
  serveSoon(p: PoolState): void {
    if (p.pending || (p.queueCount === 0 && p.blockedCount === 0)) return;
    if (this.k.maybeContended()) this.k.markPending(p.index);
    else this.serveLine(p);
  }

  /** The round's requests are in: the pool's pending places are given out (kernel.ts). */
  settle(index: number): void {
    const p = this.states[index];
    p.pending = false;
    if (p.contenders !== null && p.contenders.physicalSize > 0) this.settleContenders(p);
    else this.serveLine(p);
  }

  /**
   * The free units of a pool go to its waiters and this instant's contenders together, by
   * priority then arrival order (ticket), while they fit; blocked entities then take line
   * places; the contenders left over continue as requests that found no unit free, most
   * urgent first, exactly as if each had come a moment after the winners.
   */
  private settleContenders(p: PoolState): void {
    const k = this.k;
    const ent = k.ent;
    const steps = k.steps;
    const line = p.line;
    const cont = p.contenders!;
    let blocked = false; // the next in order does not fit: nobody behind it may overtake
    while (cont.physicalSize > 0 && !blocked) {
      const c = cont.peekEntity();
      const w = this.lineHead(p);
      if (w >= 0 && (line.peekPriority() < ent.prio[c] || (line.peekPriority() === ent.prio[c] && line.peekTicket() < ent.ticket[c]))) {
        blocked = !this.serveHead(p, w);
        continue;
      }
      const s = steps[ent.step[c]];
      if (p.inUse + s.amount > p.capacity) {
        blocked = true;
        continue;
      }
      cont.shift();
      ent.waitingAt[c] = -1;
      if (s.ifBusy >= 0) p.requests++;
      this.grant(c, p, s.amount, s);
      ent.step[c]++;
      ent.state[c] = EntityState.Granted;
      k.pushReady(c);
    }
    if (!blocked) this.serveLine(p);
    else if (p.blockedCount > 0) this.admitBlocked(p);
    while (cont.physicalSize > 0) {
      const c = cont.peekEntity();
      cont.shift();
      ent.state[c] = EntityState.Active;
      ent.waitingAt[c] = -1;
      const s = steps[ent.step[c]];
      if (s.ifBusy >= 0) {
        ent.step[c] = s.ifBusy; // no unit left for it: the other route
        ent.state[c] = EntityState.Granted;
        k.pushReady(c);
        continue;
      }
      const r = this.busy(c, p, s);
      if (r === Seized.Granted) ent.step[c]++;
      if (r === Seized.Granted || r === Seized.Moved) {
        ent.state[c] = EntityState.Granted;
        k.pushReady(c);
      }
    }
  }

  /** The first live waiter in a pool's line (stale entries dropped on the way), or -1. */
  private lineHead(p: PoolState): number {
    const ent = this.k.ent;
    const line = p.line;
    while (p.queueCount > 0) {
      const e = line.peekEntity();
      if (ent.state[e] === EntityState.Queued && ent.waitingAt[e] === p.index && ent.ticket[e] === line.peekTicket()) return e;
      line.shift(); // stale: reneged, or the index was reused
    }
    return -1;
  }

  /** Grants units to waiting entities, in line order, while they fit; then lets blocked entities in. */
  private serveLine(p: PoolState): void {
    while (p.queueCount > 0) {
      const e = this.lineHead(p);
      if (e < 0 || !this.serveHead(p, e)) break;
    }
    if (p.blockedCount > 0) this.admitBlocked(p);
  }

  /** Serves the head of the line, `e`, if its units fit; false if they do not. */
  private serveHead(p: PoolState, e: number): boolean {
    const k = this.k;
    const ent = k.ent;
    const line = p.line;
    const s = k.steps[ent.step[e]];
    const resuming = ent.remaining[e] >= 0;
    const amount = resuming ? ent.resumeAmount[e] : s.amount;
    if (p.inUse + amount > p.capacity) return false;
    line.shift();
    ent.renegeToken[e] = -1;
    ent.waitingAt[e] = -1;
    p.queueChange(k.now, ent.cls[e], -1);
    if (resuming) {
      // Preemptive-resume: the interrupted work continues where it stopped.
      p.inUse += amount;
      ent.held[e] += amount;
      ent.heldAt[e * k.nPools + p.index] += amount;
      if (p.busyByCls !== null) p.busyChange(ent.cls[e], amount);
      p.holders!.push(e);
      const end = k.now + ent.remaining[e];
      ent.remaining[e] = -1;
      ent.delayEnd[e] = end;
      ent.state[e] = EntityState.Delayed;
      k.resumeAt(e, end);
      if (k.observer) k.emit('resume', e, p.id);
      return true;
    }
    this.grant(e, p, amount, s, false); // releaseOnEntry happened when it joined the line
    ent.step[e]++;
    ent.state[e] = EntityState.Granted;
    k.pushReady(e);
    return true;
  }

  /** Blocked entities take free places in the line (or service), first blocked first. */
  private admitBlocked(p: PoolState): void {
    const k = this.k;
    const ent = k.ent;
    const line = p.blockedLine;
    while (p.blockedCount > 0) {
      const e = line.peekEntity();
      if (ent.state[e] !== EntityState.Blocked || ent.waitingAt[e] !== p.index || ent.ticket[e] !== line.peekTicket()) {
        line.shift();
        continue;
      }
      const s = k.steps[ent.step[e]];
      const canServe = p.queueCount === 0 && p.inUse + s.amount <= p.capacity;
      if (!canServe && (p.queueCount >= p.queueLimit || p.queueCount >= s.queueLimit)) break;
      line.shift();
      if (p.last !== k.now) p.touch(k.now);
      p.blockedCount--;
      ent.waitingAt[e] = -1;
      if (canServe) {
        this.grant(e, p, s.amount, s);
        ent.step[e]++;
        ent.state[e] = EntityState.Granted;
        k.pushReady(e);
      } else this.enqueue(e, p, s);
    }
  }

  /** Priority of the first live waiter (Infinity when nobody waits); drops stale heads on the way. */
  private linePriority(p: PoolState): number {
    const e = this.lineHead(p);
    return e >= 0 ? this.k.ent.prio[e] : Infinity;
  }

  /** An entity left pool `index`'s line (patience or deadline): the walker decides where it goes. */
  leaveLine(e: number, index: number): void {
    const k = this.k;
    const ent = k.ent;
    const p = this.states[index];
    p.queueChange(k.now, ent.cls[e], -1);
    p.reneged++;
    if (ent.since[e] >= k.warmup) p.renegeWaits.add(k.now - ent.since[e]);
    if (k.observer) k.emit('renege', e, p.id);
    // The leaver may have been holding up a smaller request behind it, or a blocked entity.
    this.serveSoon(p);
  }
}
