// The whole check of a scenario document, as `pathflow check` does it: the schema
// (with its cross-field rules), then every variant compiled (cross-references the schema
// cannot see). The server validates, saves and runs only what passes both.
//
// Parsing and compiling take milliseconds of the server's one thread, and clients send
// the same documents again and again (a library scenario run many times), so results are
// kept for the last few documents, keyed by their JSON text. What is kept is only read
// afterwards (runs serialise the scenario and step copies of the compiled model's state).
import { compileVariants, type CompiledVariant } from '../../scenarios/run.ts';
import { parseScenario, type Parsed, type Scenario } from '../../scenarios/schema/scenario.ts';
import { toApiIssues, type ApiIssue } from '../errors.ts';

export type Checked =
  | { ok: true; scenario: Scenario; variants: CompiledVariant[] }
  | { ok: false; issues: ApiIssue[] };

const KEEP = 32;

/** A map that forgets its least recently used entry beyond `size`. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v !== undefined) this.map.delete(key);
    else v = make();
    this.map.set(key, v);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return v;
  }
}

const parsedDocs = new Recent<Parsed<Scenario>>(KEEP);
const compiledDocs = new Recent<Checked>(KEEP);

/** The schema's verdict on a document. */
export function parseDoc(doc: unknown): Parsed<Scenario> {
  return parsedDocs.get(JSON.stringify(doc), () => parseScenario(doc));
}

/** The schema's verdict, then the compiler's on the baseline and the variants named (all if `only` is omitted). */
export function checkScenario(doc: unknown, only?: readonly string[]): Checked {
  const key = JSON.stringify(doc);
  return compiledDocs.get(`${only ? JSON.stringify(only) : '*'}\n${key}`, () => {
    const parsed = parsedDocs.get(key, () => parseScenario(doc));
    if (!parsed.ok) return { ok: false, issues: toApiIssues(parsed.issues) };
    let compiled: ReturnType<typeof compileVariants>;
    try {
      compiled = compileVariants(parsed.value, only);
    } catch (e) {
      // The compiler reports issues rather than throwing; if it ever throws, it is still about this input.
      return { ok: false, issues: [{ path: '(top level)', message: `the scenario cannot be compiled: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    if (!compiled.ok) return { ok: false, issues: toApiIssues(compiled.issues) };
    return { ok: true, scenario: parsed.value, variants: compiled.value };
  });
}
