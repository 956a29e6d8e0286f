// The rules of skilled pools: members with skills, one line per skill. A request names a
// skill and takes the first free qualified member in the allocation order; a freed member
// takes the most urgent (then longest) waiter among the skills it has. Members' shifts are
// capacity-schedules.ts; what a skilled pool counts is pool-state.ts (TeamState).
import { EntityState } from './entities.ts';
import { RunError, fmt } from './errors.ts';
import type { CompiledStep } from './model.ts';
import { TeamState } from './pool-state.ts';
import type { Kernel } from './kernel.ts';

export class SkilledPools {
  readonly states: TeamState[];
  private readonly k: Kernel;

  constructor(k: Kernel) {
    this.k = k;
    this.states = k.model.teams.map((t) => new TeamState(t, k.model.skills.length, k.model.classes.length));
  }

  /** A request for a member with the step's skill: true if granted now. */
  seize(e: number, s: CompiledStep): boolean {
    const k = this.k;
    const team = this.states[s.pool];
    const ent = k.ent;
    team.requests++;
    ent.since[e] = k.now;
    ent.ticket[e] = k.ticketSeq++;
    // With members pending at this instant, a request may be more urgent than those waiting.
    if (team.queueCount[s.skill] === 0 || (team.pending && team.contenders !== null)) {
      const m = this.freeMember(team, s.skill);
      if (m >= 0) {
        if (team.contenders !== null && k.maybeContended()) {
          ent.state[e] = EntityState.Contending;
          ent.waitingAt[e] = -2 - team.index;
          team.contenders[s.skill].push(e, ent.ticket[e], ent.prio[e]);
          if (!team.pending) k.markPending(-1 - team.index);
          return false;
        }
        this.assignMember(e, team, m, s);
        return true;
      }
    }
    this.queueForMember(e, team, s);
    return false;
  }

  private queueForMember(e: number, team: TeamState, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    ent.state[e] = EntityState.Queued;
    ent.waitingAt[e] = -2 - team.index;
    team.lines[s.skill].push(e, ent.ticket[e], ent.prio[e]);
    team.queueCount[s.skill]++;
    team.queue.add(k.now, 1);
    if (s.patience !== null || s.deadline >= 0) k.walker.scheduleRenege(e, s);
    if (k.observer) k.emit('queue', e, team.id);
  }

  /** The first free, on-duty member with the skill in the allocation order, or -1. */
  private freeMember(team: TeamState, skill: number): number {
    const qualified = team.qualified[skill];
    const busy = team.busyMember, onDuty = team.onDuty;
    for (let j = 0; j < qualified.length; j++) {
      const m = qualified[j];
      if (busy[m] === 0 && onDuty[m] === 1) return m;
    }
    return -1;
  }

  private assignMember(e: number, team: TeamState, m: number, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    const now = k.now;
    team.busyMember[m] = 1;
    team.busySince[m] = now;
    team.busyByRole[team.roleOf[m]].add(now, 1);
    if (team.busyClassOf !== null) team.busyClassOf[m] = ent.cls[e];
    team.granted++;
    ent.attrs[e * k.nAttrs + s.slot] = m;
    ent.held[e]++;
    if (ent.since[e] >= k.warmup) team.waitsBySkill[s.skill].add(now - ent.since[e]);
    if (k.observer) k.emit('seize', e, `${team.id}:${k.model.teams[team.index].members[m].id}`);
  }

  release(e: number, s: CompiledStep): void {
    const k = this.k;
    const team = this.states[s.pool];
    const ent = k.ent;
    const m = ent.attrs[e * k.nAttrs + s.slot];
    if (!(m >= 0) || team.busyMember[m] !== 1)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(k.now)} h: ${s.path} releases a member of "${team.id}" it does not hold`, k.now);
    ent.attrs[e * k.nAttrs + s.slot] = NaN;
    ent.held[e]--;
    this.freeUp(team, m);
    if (k.observer) k.emit('release', e, team.id);
  }

  /** Member `m` comes on duty (a shift starts, or an escalation calls them in) and takes a waiter if free. */
  goOnDuty(team: TeamState, m: number): void {
    if (team.onDuty[m] === 1) return;
    const now = this.k.now;
    team.onDuty[m] = 1;
    team.dutySince[m] = now;
    team.onDutyByRole[team.roleOf[m]].add(now, 1);
    if (team.busyMember[m] === 0) this.freeUp(team, m);
  }

  /** Member `m` goes off duty; a member busy with an entity finishes the task first (no handover modelled). */
  goOffDuty(team: TeamState, m: number): void {
    if (team.onDuty[m] === 0) return;
    const now = this.k.now;
    team.onDuty[m] = 0;
    team.dutyHours[m] += now - Math.max(team.dutySince[m], team.statsFrom);
    team.onDutyByRole[team.roleOf[m]].add(now, -1);
  }

  /** Member `m` is free (released, or back on duty): it takes a waiter now, or once the instant's requests are in. */
  freeUp(team: TeamState, m: number): void {
    const k = this.k;
    const now = k.now;
    if (team.busyMember[m] === 1) {
      team.busyMember[m] = 0;
      team.busyHours[m] += now - Math.max(team.busySince[m], team.statsFrom);
      team.busyByRole[team.roleOf[m]].add(now, -1);
      if (team.busyClassOf !== null) team.busyHoursByClass![team.busyClassOf[m]] += now - Math.max(team.busySince[m], team.statsFrom);
    }
    if (team.onDuty[m] === 0 || team.pending) return;
    // The freed member takes the most urgent (then longest) waiter among the skills it has.
    const ent = k.ent;
    let best = -1, bestSkill = -1, bestPrio = Infinity, bestTicket = Infinity;
    const skills = team.skillsOf[m];
    for (let j = 0; j < skills.length; j++) {
      const skill = skills[j];
      const w = this.teamHead(team, skill);
      if (w < 0) continue;
      const pr = team.lines[skill].byPriority ? ent.prio[w] : 0;
      if (pr < bestPrio || (pr === bestPrio && ent.ticket[w] < bestTicket)) {
        best = w; bestSkill = skill; bestPrio = pr; bestTicket = ent.ticket[w];
      }
    }
    if (best < 0) return;
    if (k.maybeContended()) {
      k.markPending(-1 - team.index); // the choice waits for the round's other requests
      return;
    }
    this.takeFromLine(team, bestSkill, best);
    this.assignMember(best, team, m, k.steps[ent.step[best]]);
    ent.step[best]++;
    ent.state[best] = EntityState.Granted;
    k.pushReady(best);
  }

  /** The first live waiter for a skill (stale entries dropped on the way), or -1. */
  private teamHead(team: TeamState, skill: number): number {
    if (team.queueCount[skill] === 0) return -1;
    const ent = this.k.ent;
    const line = team.lines[skill];
    while (line.physicalSize > 0) {
      const w = line.peekEntity();
      if (ent.state[w] === EntityState.Queued && ent.ticket[w] === line.peekTicket() && ent.waitingAt[w] === -2 - team.index) return w;
      line.shift();
    }
    return -1;
  }

  private takeFromLine(team: TeamState, skill: number, w: number): void {
    const ent = this.k.ent;
    team.lines[skill].shift();
    team.queueCount[skill]--;
    team.queue.add(this.k.now, -1);
    ent.waitingAt[w] = -1;
    ent.renegeToken[w] = -1;
  }

  /**
   * The round's requests are in (kernel.ts): free members go to the waiters and this
   * instant's contenders together, the most urgent (then earliest) request first, each to
   * the first free qualified member in the allocation order; the contenders left over
   * join the line.
   */
  settle(index: number): void {
    const k = this.k;
    const team = this.states[index];
    team.pending = false;
    const ent = k.ent;
    const cont = team.contenders;
    for (;;) {
      let best = -1, bestSkill = -1, bestPrio = Infinity, bestTicket = Infinity, waiter = false;
      for (let skill = 0; skill < team.lines.length; skill++) {
        const w = this.teamHead(team, skill);
        const c = cont !== null && cont[skill].physicalSize > 0 ? cont[skill].peekEntity() : -1;
        if ((w < 0 && c < 0) || this.freeMember(team, skill) < 0) continue;
        if (w >= 0) {
          const pr = team.lines[skill].byPriority ? ent.prio[w] : 0;
          if (pr < bestPrio || (pr === bestPrio && ent.ticket[w] < bestTicket)) {
            best = w; bestSkill = skill; bestPrio = pr; bestTicket = ent.ticket[w]; waiter = true;
          }
        }
        if (c >= 0 && (ent.prio[c] < bestPrio || (ent.prio[c] === bestPrio && ent.ticket[c] < bestTicket))) {
          best = c; bestSkill = skill; bestPrio = ent.prio[c]; bestTicket = ent.ticket[c]; waiter = false;
        }
      }
      if (best < 0) break;
      if (waiter) this.takeFromLine(team, bestSkill, best);
      else {
        cont![bestSkill].shift();
        ent.waitingAt[best] = -1;
      }
      this.assignMember(best, team, this.freeMember(team, bestSkill), k.steps[ent.step[best]]);
      ent.step[best]++;
      ent.state[best] = EntityState.Granted;
      k.pushReady(best);
    }
    if (cont === null) return;
    for (let skill = 0; skill < cont.length; skill++) {
      const line = cont[skill];
      while (line.physicalSize > 0) {
        const c = line.peekEntity();
        line.shift();
        this.queueForMember(c, team, k.steps[ent.step[c]]);
      }
    }
  }

  /** An entity left skilled pool `index`'s line for the step's skill (patience or deadline). */
  leaveLine(e: number, index: number, s: CompiledStep): void {
    const k = this.k;
    const team = this.states[index];
    team.queueCount[s.skill]--;
    team.queue.add(k.now, -1);
    team.reneged++;
    if (k.observer) k.emit('renege', e, team.id);
  }
}
