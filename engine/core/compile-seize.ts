// Compiling the steps that take and give back units: seize and release, on a counted pool
// or a skilled pool (a member with a skill). Checks each option against the kind of pool
// it names, so that an option that would do nothing is an error, not a silent no-op.
import { ModelError, fmt } from './errors.ts';
import { StepKind, type CompiledStep } from './compiled-step.ts';
import type { SeizeStep, ReleaseStep } from './pathway.ts';
import { isDistribution, streamName, type Names, type Site } from './compile-names.ts';
import { largest } from './extremes.ts';

export function seizeStep(n: Names, s: CompiledStep, def: SeizeStep, at: Site): void {
  const path = at.path;
  const amount = def.amount ?? 1;
  if (n.skilledPool(def.pool) !== undefined) seizeMember(n, s, def, path);
  else {
    s.kind = StepKind.Seize;
    s.pool = n.poolRef(def.pool, `${path}.pool`);
    if (!Number.isInteger(amount) || amount < 1) throw new ModelError(`${path}.amount`, `expected an integer ≥ 1, got ${fmt(amount)}`);
    const pool = n.pools[s.pool];
    if (pool.discipline === 'preemptive' && amount !== 1)
      throw new ModelError(`${path}.amount`, `preemptive pool "${def.pool}" takes one unit per request`);
    const most = pool.schedule ? largest(pool.schedule.capacities) : pool.capacity;
    // A pool closed throughout (capacity 0) is a legitimate variant; a request bigger than the pool ever is, is a mistake.
    if (most > 0 && amount > most) throw new ModelError(`${path}.amount`, `asks for ${amount} units but pool "${def.pool}" never has more than ${fmt(most)}`);
  }
  s.amount = amount;
  if (def.patience !== undefined) {
    if (!isDistribution(def.patience)) throw new ModelError(`${path}.patience`, 'expected a distribution');
    s.patience = def.patience;
    s.patienceStream = n.streamIndex(def.stream ? `${def.stream}:patience` : streamName(at, 'patience'));
  }
  if (def.deadline !== undefined) {
    if (typeof def.deadline !== 'string' || def.deadline === '') throw new ModelError(`${path}.deadline`, 'expected the name of an attribute holding a time');
    s.deadline = n.attrIndex(def.deadline);
  }
  s.onRenege = def.onRenege !== undefined ? n.resolve(at.pathway, def.onRenege, `${path}.onRenege`) : -1;
  if (def.queueLimit !== undefined) {
    if (!(def.queueLimit >= 0) || !Number.isInteger(def.queueLimit)) throw new ModelError(`${path}.queueLimit`, `expected an integer ≥ 0, got ${String(def.queueLimit)}`);
    s.queueLimit = def.queueLimit;
  }
  s.block = def.onFull === 'block';
  if (def.onFull !== undefined && def.onFull !== 'block' && def.onFull !== 'divert')
    throw new ModelError(`${path}.onFull`, `expected "divert" or "block", got "${String(def.onFull)}"`);
  s.divertTo = def.divertTo !== undefined ? n.resolve(at.pathway, def.divertTo, `${path}.divertTo`) : -1;
  s.ifBusy = def.ifBusy !== undefined ? n.resolve(at.pathway, def.ifBusy, `${path}.ifBusy`) : -1;
  if (def.releaseOnEntry?.length)
    s.releaseOnEntry = Int32Array.from(def.releaseOnEntry, (p, k) => n.poolRef(p, `${path}.releaseOnEntry[${k}]`, false));
}

/** A seize on a skilled pool: one member with the skill; a line without limits. */
function seizeMember(n: Names, s: CompiledStep, def: SeizeStep, path: string): void {
  s.kind = StepKind.SeizeMember;
  s.pool = n.skilledPool(def.pool)!;
  if (def.skill === undefined) throw new ModelError(`${path}.skill`, `seizing skilled pool "${def.pool}" needs a skill`);
  const team = n.teams[s.pool];
  const own = [...new Set(team.members.flatMap((m) => [...m.skills].map((k) => n.skills[k])))];
  if (!own.includes(def.skill)) throw new ModelError(`${path}.skill`, `no member of "${def.pool}" has skill "${def.skill}" (skills: ${own.join(', ')})`);
  s.skill = n.skills.indexOf(def.skill);
  for (const key of ['onFull', 'divertTo', 'releaseOnEntry', 'queueLimit'] as const)
    if (def[key] !== undefined) throw new ModelError(`${path}.${key}`, `skilled pool "${def.pool}" has no line limit, so ${key} does not apply`);
  if (def.ifBusy !== undefined) throw new ModelError(`${path}.ifBusy`, `ifBusy applies to counted pools; "${def.pool}" is a skilled pool`);
  s.slot = n.attrIndex(`@member:${def.pool}`);
  if (def.amount !== undefined && def.amount !== 1) throw new ModelError(`${path}.amount`, 'a skilled pool gives one member per request');
}

export function releaseStep(n: Names, s: CompiledStep, def: ReleaseStep, at: Site): void {
  const team = n.skilledPool(def.pool);
  if (team !== undefined) {
    s.kind = StepKind.ReleaseMember;
    s.pool = team;
    s.slot = n.attrIndex(`@member:${def.pool}`);
  } else {
    s.kind = StepKind.Release;
    s.pool = n.poolRef(def.pool, `${at.path}.pool`);
    s.amount = def.amount ?? 1;
    if (!Number.isInteger(s.amount) || s.amount < 1) throw new ModelError(`${at.path}.amount`, `expected an integer ≥ 1, got ${fmt(s.amount)}`);
  }
}

