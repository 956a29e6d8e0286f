// Shared by the teaching-mode tests: the teaching scenario compiled as the page compiles it.
import { readFileSync } from 'node:fs';
import { openScenario } from '../../ui/src/teach/session-run.ts';
import { defaultSpec, type SessionSpec } from '../../ui/src/teach/session.ts';
import type { HospitalModel } from '../../scenarios/compile/compile.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';

export const TEACHING_FILE = 'scenarios/library/teaching-clinic.yaml';
/** The library as the page bundles it (file name without .yaml → text), read from disk here. */
export const LIBRARY_FROM_DISK = {
  'teaching-clinic': readFileSync(TEACHING_FILE, 'utf8'),
  'discharge-to-assess': readFileSync('scenarios/library/discharge-to-assess.yaml', 'utf8'),
  'surgical-hub': readFileSync('scenarios/library/surgical-hub.yaml', 'utf8'),
};

export function opened(spec: Partial<SessionSpec> = {}): { scenario: Scenario; model: HospitalModel; spec: SessionSpec } {
  const full = { ...defaultSpec(), ...spec };
  const o = openScenario(full, LIBRARY_FROM_DISK);
  if (!o.ok) throw new Error(o.message);
  return { scenario: o.scenario, model: o.model, spec: full };
}
