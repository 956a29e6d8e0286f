// Preemptive-resume on counted pools: a more urgent request, or a capacity drop on a pool
// that preempts then, interrupts a holder in its delay; the holder goes back to the head
// of its line (by its original ticket) and later resumes the work it had left.
import { EntityState } from './entities.ts';
import type { PoolState } from './pool-state.ts';
import type { Kernel } from './kernel.ts';

/** Frees one unit for a request of priority `prio` by interrupting a less urgent holder. */
export function preemptFor(k: Kernel, p: PoolState, prio: number): boolean {
  const ent = k.ent;
  const holders = p.holders!;
  let victim = -1;
  let worst = prio;
  // Least urgent first; among equals the most recently started (the later in the list).
  for (let j = holders.length - 1; j >= 0; j--) {
    const h = holders[j];
    if (ent.state[h] === EntityState.Delayed && ent.prio[h] > worst) { worst = ent.prio[h]; victim = h; }
  }
  if (victim < 0) return false;
  interrupt(k, victim, p);
  return true;
}

/** Capacity dropped below the units in use: the least urgent holders stop until it fits. */
export function preemptOverCapacity(k: Kernel, p: PoolState): void {
  const ent = k.ent;
  while (p.inUse > p.capacity) {
    const holders = p.holders!;
    let victim = -1;
    let worst = -Infinity;
    for (let j = holders.length - 1; j >= 0; j--) {
      const h = holders[j];
      if (ent.state[h] === EntityState.Delayed && ent.prio[h] > worst) { worst = ent.prio[h]; victim = h; }
    }
    if (victim < 0) break;
    interrupt(k, victim, p);
  }
}

function interrupt(k: Kernel, v: number, p: PoolState): void {
  const ent = k.ent;
  const now = k.now;
  ent.remaining[v] = ent.delayEnd[v] - now;
  ent.token[v] = -1; // cancels the pending resume
  if (p.last !== now) p.touch(now);
  const slot = v * k.nPools + p.index;
  const amount = ent.heldAt[slot];
  p.inUse -= amount;
  ent.held[v] -= amount;
  ent.heldAt[slot] = 0;
  ent.resumeAmount[v] = amount;
  p.preempted++;
  if (p.busyByCls !== null) p.busyChange(ent.cls[v], -amount);
  const j = p.holders!.lastIndexOf(v);
  if (j >= 0) p.holders!.splice(j, 1);
  ent.state[v] = EntityState.Queued;
  ent.waitingAt[v] = p.index;
  // Resumes ahead of those who came later: its original ticket orders it in a priority line.
  p.line.pushFront(v, ent.ticket[v], ent.prio[v]);
  p.queueChange(now, ent.cls[v], 1);
  if (k.observer) k.emit('preempt', v, p.id);
}
