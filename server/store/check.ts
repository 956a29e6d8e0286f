// The whole check of a scenario document, as `pathflow check` does it: the schema
// (with its cross-field rules), then every variant compiled (cross-references the schema
// cannot see). The server validates, saves and runs only what passes both.
import { compileVariants, type CompiledVariant } from '../../scenarios/run.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { toApiIssues, type ApiIssue } from '../errors.ts';

export type Checked =
  | { ok: true; scenario: Scenario; variants: CompiledVariant[] }
  | { ok: false; issues: ApiIssue[] };

export function checkScenario(doc: unknown, only?: readonly string[]): Checked {
  const parsed = parseScenario(doc);
  if (!parsed.ok) return { ok: false, issues: toApiIssues(parsed.issues) };
  let compiled: ReturnType<typeof compileVariants>;
  try {
    compiled = compileVariants(parsed.value, only);
  } catch (e) {
    // The compiler should report issues, not throw; if it ever does, that is still the input's fault to the client.
    return { ok: false, issues: [{ path: '(top level)', message: `the scenario cannot be compiled: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (!compiled.ok) return { ok: false, issues: toApiIssues(compiled.issues) };
  return { ok: true, scenario: parsed.value, variants: compiled.value };
}
