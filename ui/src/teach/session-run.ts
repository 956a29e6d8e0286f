// Opening a session spec: its scenario (library or text), parsed and compiled for the
// chosen variant exactly as the command line compiles it, and a LiveRun at the spec's time.
// Shared by the worker and the Node tests, so both build the same run from the same spec.
import { compileVariant } from '../../../runner/replicate.ts';
import type { Scenario } from '../../../scenarios/schema/scenario.ts';
import { weekdayIndex } from '../../../scenarios/schema/time.ts';
import type { HospitalModel } from '../../../scenarios/compile/compile.ts';
import { LiveRun } from './live-run.ts';
import type { ScenarioInfo } from './messages.ts';
import { changeablePools } from './session-changes.ts';
import type { SessionSpec } from './session.ts';
import { scenarioFromText } from './scenario-text.ts';

export type Opened = { ok: true; scenario: Scenario; model: HospitalModel } | { ok: false; message: string };

export function openScenario(spec: SessionSpec, library: Record<string, string>): Opened {
  let text: string;
  if ('library' in spec.scenario) {
    const t = library[spec.scenario.library];
    if (t === undefined) return { ok: false, message: `no library scenario "${spec.scenario.library}" (library: ${Object.keys(library).join(', ')})` };
    text = t;
  } else text = spec.scenario.text;
  const parsed = scenarioFromText(text);
  if (!parsed.ok) return { ok: false, message: `scenario is invalid:\n${parsed.issues.map((i) => `  ✖ ${i.path.join('.')}: ${i.message}`).join('\n')}` };
  let compiled;
  try {
    compiled = compileVariant(parsed.value, spec.variant);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (!compiled.ok) return { ok: false, message: `scenario does not compile:\n${compiled.issues.map((i) => `  ✖ ${i.path.join('.')}: ${i.message}`).join('\n')}` };
  return { ok: true, scenario: parsed.value, model: compiled.value.model };
}

/** The live run of a spec, at the spec's position (every change of its log applied from the start). */
export function startRun(model: HospitalModel, spec: SessionSpec): LiveRun {
  const run = new LiveRun(model, { seed: spec.seed, replication: spec.replication, changes: spec.changes, targetWait: spec.targetWait });
  if (spec.at > 0) run.runUntil(spec.at);
  for (let k = 0; k < (spec.steps ?? 0); k++) run.step();
  return run;
}

export function scenarioInfo(s: Scenario, model: HospitalModel, run: LiveRun): ScenarioInfo {
  const m = model.model;
  return {
    id: s.id,
    title: s.title ?? s.id,
    description: s.description ?? '',
    question: s.question ?? '',
    variants: [{ id: 'baseline', name: 'Baseline', description: 'The scenario as written.' },
      ...s.variants.map((v) => ({ id: v.id, name: v.name, description: v.description ?? '' }))],
    startWeekday: weekdayIndex(s.time.startWeekday),
    horizon: model.horizon,
    places: run.places,
    pools: changeablePools(m).map((id) => {
      const p = m.pools.find((x) => x.id === id)!;
      return { id, capacity: p.schedule ? p.schedule.capacities[0] : p.capacity };
    }),
    staff: m.teams.map((t) => ({ team: t.id, roles: t.roles })),
    replications: s.time.replications,
    seed: s.time.seed,
  };
}
