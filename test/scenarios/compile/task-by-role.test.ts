// A task's duration by the role of whoever does it (an ACP takes longer than a doctor):
// the member allocated decides, roles without their own duration take the task's.
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { parseScenario, ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });

function clinic(extra: Record<string, unknown> = {}) {
  return {
    id: 't', title: 't', time: { horizonDays: 60 },
    sites: [{ id: 's', wards: [], staff: [
      { role: 'doctor', skills: ['see'], hourlyCost: 100, count: 2 },
      { role: 'acp', skills: ['see'], hourlyCost: 50, count: 1 },
      { role: 'nurse-practitioner', skills: ['see'], hourlyCost: 60, count: 1 },
      { role: 'porter', skills: ['move'], hourlyCost: 20, count: 1 },
    ] }],
    classes: [{ id: 'walk-in', site: 's', arrivals: { perDay: 30 }, pathway: 'p' }],
    pathways: { p: [
      { id: 'see', do: 'task', skill: 'see', duration: det(1), durationByRole: { acp: det(3), 'nurse-practitioner': det(2) }, ...extra },
      { id: 'out', do: 'discharge' },
    ] },
  };
}

describe('durationByRole', () => {
  test('each task lasts as long as the role that does it says: doctors 1 h (the default), ACP 3 h, nurse practitioner 2 h', () => {
    const c = compileScenario(ScenarioCoreSchema.parse(clinic()));
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const sim = new Simulation(c.value.model, { seed: 3, horizon: c.value.horizon });
    const started = new Map<number, { time: number; member: string }>();
    const lasted = new Map<string, Set<number>>();
    sim.observe((e) => {
      if (e.type === 'seize' && e.pool.includes('staff:')) started.set(e.entity, { time: e.time, member: e.pool.split(':').pop()! });
      if (e.type === 'release' && started.has(e.entity)) {
        const s = started.get(e.entity)!;
        const role = s.member.replace(/-\d+$/, '');
        if (!lasted.has(role)) lasted.set(role, new Set());
        lasted.get(role)!.add(Math.round((e.time - s.time) * 1e9) / 1e9);
        started.delete(e.entity);
      }
    });
    sim.runUntil(sim.horizon);
    // 30 a day against 4 clinicians: every role is used, each for exactly its own duration.
    expect(Object.fromEntries([...lasted].map(([r, d]) => [r, [...d]]))).toEqual({ doctor: [1], acp: [3], 'nurse-practitioner': [2] });
  });

  test('a role that does not exist, lacks the skill, or a task without a skill: errors with their paths', () => {
    const bad = clinic();
    bad.pathways.p[0] = { ...bad.pathways.p[0], durationByRole: { 'acp': det(3), 'consultant': det(1), 'porter': det(1) } } as never;
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'pathways.p.0.durationByRole.consultant: unknown role "consultant" at site "s" (known: doctor, acp, nurse-practitioner, porter)',
      'pathways.p.0.durationByRole.porter: role "porter" does not have skill "see", so it never does this task',
    ]);
    const noSkill = clinic({ skill: undefined });
    const r2 = parseScenario(JSON.parse(JSON.stringify(noSkill)));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.issues.map((i) => i.message)).toContain('a duration by role needs the task to name a skill');
  });
});
