// A scenario from its text, in the browser: the same YAML/JSON reading as
// scenarios/load.ts (which imports node:fs, so it cannot be bundled for a page), then the
// same zod parse, so a scenario means the same thing here as on the command line.
import { parseDocument } from 'yaml';
import { parseScenario, type Parsed, type Scenario } from '../../../scenarios/schema/scenario.ts';

export function scenarioFromText(text: string): Parsed<Scenario> {
  if (/^\s*\{/.test(text)) {
    try {
      return parseScenario(JSON.parse(text));
    } catch (e) {
      return { ok: false, issues: [{ path: [], message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  // YAML 1.2 core schema, as load.ts: JSON is valid YAML and "no"/"on" stay strings.
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false, issues: doc.errors.map((e) => ({ path: [], message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  // An alias bomb ("billion laughs") makes toJS throw at the parser's limit: an issue, not a crash of the page.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: `not valid YAML: its aliases (*name) expand to more data than a scenario could hold (${(e as Error).message})` }] };
  }
  return parseScenario(data);
}
