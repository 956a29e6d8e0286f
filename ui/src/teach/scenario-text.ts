// A scenario from its text, in the browser: the same reading as the command line
// (scenarios/text.ts: YAML or JSON, duplicate keys and alias bombs refused), then the same
// zod parse, so a scenario means the same thing here as in `pathflow`.
import { parseText } from '../../../scenarios/text.ts';
import { parseScenario, type Parsed, type Scenario } from '../../../scenarios/schema/scenario.ts';

export function scenarioFromText(text: string): Parsed<Scenario> {
  const raw = parseText(text);
  return raw.ok ? parseScenario(raw.value) : raw;
}
