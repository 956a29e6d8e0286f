// The facilitator's changes, made at the current simulated time: a pool's capacity (open
// two beds), or staff on duty (+1 clinician for two hours). Each goes into the session log.
import { useState } from 'react';
import type { Frame } from '../live-run.ts';
import type { ScenarioInfo, ToWorker } from '../messages.ts';

export function ChangePanel({ info, frame, send }: { info: ScenarioInfo; frame: Frame | null; send: (m: ToWorker) => void }) {
  return (
    <section className="change-panel">
      <h2>Change now</h2>
      {info.pools.map((p) => <CapacityChange key={p.id} pool={p.id} current={currentCapacity(info, frame, p.id) ?? p.capacity} send={send} />)}
      {info.staff.flatMap((t) => t.roles.map((role) => <StaffChange key={`${t.team}/${role}`} team={t.team} role={role} send={send} />))}
    </section>
  );
}

function currentCapacity(info: ScenarioInfo, frame: Frame | null, pool: string): number | null {
  const k = info.places.findIndex((p) => p.id === pool);
  const c = k >= 0 ? frame?.places[k]?.capacity : null;
  return typeof c === 'number' && Number.isFinite(c) ? c : null;
}

function CapacityChange({ pool, current, send }: { pool: string; current: number; send: (m: ToWorker) => void }) {
  const [value, setValue] = useState<string>('');
  const n = Number(value === '' ? current : value);
  const valid = Number.isInteger(n) && n >= 0;
  return (
    <div className="change-row" data-testid={`change-pool-${pool}`}>
      <span className="change-what">{pool}: capacity</span>
      <input type="number" min={0} step={1} aria-label={`New capacity of ${pool}`} placeholder={String(current)} value={value} onChange={(e) => setValue(e.target.value)} />
      <button disabled={!valid || n === current} onClick={() => { send({ type: 'change', change: { kind: 'capacity', pool, capacity: n } }); setValue(''); }}>Set now</button>
    </div>
  );
}

function StaffChange({ team, role, send }: { team: string; role: string; send: (m: ToWorker) => void }) {
  const [hours, setHours] = useState<string>('');
  const forHours = hours === '' ? undefined : Number(hours);
  const valid = forHours === undefined || forHours > 0;
  const change = (delta: number) => send({ type: 'change', change: { kind: 'staff', team, role, delta, ...(forHours ? { forHours } : {}) } });
  return (
    <div className="change-row" data-testid={`change-staff-${role}`}>
      <span className="change-what">{role} ({team})</span>
      <button data-testid="staff-add" aria-label={`+1 ${role} (${team})`} disabled={!valid} onClick={() => change(1)}>+1</button>
      <button data-testid="staff-remove" aria-label={`−1 ${role} (${team})`} disabled={!valid} onClick={() => change(-1)}>−1</button>
      <label>for <input type="number" min={0} step={0.5} placeholder="rest of run" value={hours} onChange={(e) => setHours(e.target.value)} /> hours</label>
    </div>
  );
}
