// The whole check of a scenario document, as `pathflow check` does it: the schema (with
// its cross-field rules), the limits (the cost model, scenarios/cost), then every variant
// compiled (cross-references the schema cannot see). The server validates, saves and runs
// only what passes all three. This is the work a document's numbers and size drive, so the
// server does it on a worker thread (server/checks), never on the thread that answers
// requests; what comes back is plain data (the parsed scenario, the variants' names and
// warm-ups), not compiled models.
import { checkVariants, type VariantInfo } from '../../runner/replicate.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { toApiIssues, type ApiIssue } from '../errors.ts';

export type Checked =
  | { ok: true; scenario: Scenario; variants: VariantInfo[]; warnings: ApiIssue[] }
  | { ok: false; issues: ApiIssue[] };

/** The verdict on a document; with `only`, the baseline and those variants are compiled (all if omitted). */
export function checkDocument(doc: unknown, limits: CostLimits, only?: readonly string[]): Checked {
  const parsed = parseScenario(doc);
  if (!parsed.ok) return { ok: false, issues: toApiIssues(parsed.issues) };
  let compiled: ReturnType<typeof checkVariants>;
  try {
    compiled = checkVariants(parsed.value, only, limits);
  } catch (e) {
    // The compiler reports issues rather than throwing; if it ever throws, it is still about this input.
    return { ok: false, issues: [{ path: '(top level)', message: `the scenario cannot be compiled: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (!compiled.ok) return { ok: false, issues: toApiIssues(compiled.issues) };
  return {
    ok: true, scenario: parsed.value,
    variants: compiled.value.map(({ id, name, warmup }) => ({ id, name, warmup })),
    warnings: toApiIssues(compiled.warnings),
  };
}
