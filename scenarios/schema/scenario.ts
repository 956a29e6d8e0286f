// The root of a scenario file: what it is for, its time frame, sites, patient classes,
// pathways, costs and variants. `parseScenario` is the one entry point that turns
// untrusted data into a Scenario or a list of issues with paths.
import { z } from 'zod';
import { inDocumentOrder, parseWith, type Issue } from '../errors.ts';
import { IdSchema } from './id.ts';
import { TimeSchema } from './time.ts';
import { SiteSchema } from './site.ts';
import { PatientClassSchema } from './patient-class.ts';
import { PathwaySchema } from './pathway.ts';
import { SeasonsSchema } from './season.ts';
import { CostsSchema } from './costs.ts';
import { WaitingListSchema, MutualAidSchema } from './waiting-list.ts';
import { MAX_VARIANTS, VariantSchema, sameNameMessage, sameNames } from './variant.ts';

export { MAX_VARIANTS };
import { ExpectSchema } from './expect.ts';
import { MeasureSchema, MAX_MEASURES } from './measure.ts';
import { checkReferences, type Report } from './references.ts';
import { salvage } from './salvage.ts';
import { holdingIssues } from './holdings.ts';
import { ADD, applyVariant, keyFieldFor, patchVariant } from '../variants.ts';

/**
 * Patient classes a scenario may have: the library's largest has 38 and a fitted one at
 * most 50; each class multiplies the KPIs a run reports and the checks made of it.
 */
export const MAX_CLASSES = 5_000;
/** Entries of `kpis`: the catalogue has about a hundred metrics, so a longer list repeats itself. */
export const MAX_KPI_NAMES = 1_000;

const atMost = (n: number, what: string) => ({ error: (iss: { input?: unknown }) => `expected at most ${n.toLocaleString('en-GB')} ${what}, got ${(iss.input as unknown[]).length.toLocaleString('en-GB')}` });

/** Everything but the variants: what a variant's patched scenario must also be. */
export const ScenarioCoreSchema = z.strictObject({
  $schema: z.string().optional().describe('path or URL of the JSON Schema, for editors'),
  id: IdSchema.describe('the scenario id'),
  title: z.string().min(1).max(200, { error: (i) => `expected a title of at most 200 characters, got ${(i.input as string).length}` }).describe('a one-line title (at most 200 characters)'),
  description: z.string().max(20_000, { error: (i) => `expected a description of at most 20,000 characters, got ${(i.input as string).length}` }).optional().describe('what the model represents (at most 20,000 characters)'),
  question: z.string().max(1000, { error: (i) => `expected a question of at most 1,000 characters, got ${(i.input as string).length}` }).optional().describe('the question it answers for its users (at most 1,000 characters)'),
  sources: z.array(z.string()).default([]).describe('which numbers are sourced, and where from'),
  assumptions: z.array(z.string()).default([]).describe('which numbers are assumptions'),
  time: TimeSchema,
  sites: z.array(SiteSchema).min(1).describe('hospitals, hubs, community services'),
  classes: z.array(PatientClassSchema).min(1).max(MAX_CLASSES, atMost(MAX_CLASSES, 'classes')).describe(`patient classes: who arrives, where, along which pathway (at most ${MAX_CLASSES.toLocaleString('en-GB')})`),
  pathways: z.record(IdSchema, PathwaySchema).default({}).describe('pathways by id: lists of steps'),
  seasons: SeasonsSchema.optional(),
  waitingLists: z.array(WaitingListSchema).default([]).describe('elective waiting lists booked into theatre sessions'),
  mutualAid: z.array(MutualAidSchema).default([]).describe('mutual aid between the waiting lists of different sites'),
  costs: CostsSchema.prefault({}),
  measures: z.array(MeasureSchema).max(MAX_MEASURES).default([]).describe(`times measured against targets (at most ${MAX_MEASURES}): intervals between points of a pathway (door to needle) or of a waiting list (referral to treatment), time in system, every wait for a resource by class (KPIs measure.*)`),
  kpis: z.array(z.string()).max(MAX_KPI_NAMES, atMost(MAX_KPI_NAMES, 'names')).optional().describe(`metrics to report (see the KPI catalogue; at most ${MAX_KPI_NAMES.toLocaleString('en-GB')} names); all if omitted`),
  expect: ExpectSchema.optional().describe('a reference case: the values theory gives for some KPIs, judged by `pathflow validate` (ignored by run)'),
});

/** The whole file's shape, without the rules that look across it. */
export const ScenarioShapeSchema = ScenarioCoreSchema.extend({
  variants: z.array(VariantSchema).max(MAX_VARIANTS, { error: (iss) => `expected at most ${MAX_VARIANTS} options, got ${(iss.input as unknown[]).length}: each is checked, compiled and run as a scenario of its own` })
    .default([]).describe(`redesign options, each a patch on this base (at most ${MAX_VARIANTS})`),
});

export const ScenarioSchema = ScenarioShapeSchema.superRefine((s, ctx) => {
  scenarioRules(s, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Cross-references (references.ts), then each variant: its patch's keys, and the patched scenario. */
function scenarioRules(s: z.output<typeof ScenarioShapeSchema>, report: Report): void {
  checkReferences(s, report);
  // Too many options is the schema's error (variants): each one checked here is a whole
  // scenario parsed and kept, so 20,000 empty options (a 1 MB file) took minutes and 4 GB.
  if (s.variants.length > MAX_VARIANTS) return;
  const seen = new Set<string>();
  // A patch is checked by what it produces: the whole patched scenario must be valid.
  // While the base itself is invalid, its problems would repeat in every variant: the
  // patched scenarios are checked once the base is right. What a patch addresses (an
  // entry that is not there) is checked whatever the base.
  const base = s as unknown as Record<string, unknown>;
  const parsedBase = parseCore(applyVariant(base, {}));
  const baseValid = parsedBase.issues.length === 0;
  if (parsedBase.value) remember(s, BASE, parsedBase.value);
  for (const d of sameNames(s.variants)) report(['variants', d.index, 'name'], sameNameMessage(s.variants[d.first].name, d.first));
  s.variants.forEach((v, i) => {
    if (seen.has(v.id)) report(['variants', i, 'id'], `variant "${v.id}" is defined twice`);
    seen.add(v.id);
    if (!isObject(v.patch)) return;
    const { value: patched, issues } = patchVariant(base, v.patch);
    for (const x of issues) report(['variants', i, 'patch', ...x.path], x.message);
    if (!baseValid) return;
    const core = parseCore(patched);
    for (const issue of core.issues) {
      report(['variants', i, 'patch', ...byId(patched, base, issue.path)], `${issue.message} (in the patched scenario)`);
    }
    if (core.value) remember(s, v.id, core.value);
  });
}

/**
 * A path into the patched scenario, written as the patch addresses it: list positions of
 * id-keyed entries become their ids, "+id" for an entry the base does not have.
 */
export function byId(data: unknown, base: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let at: unknown = data;
  let was: unknown = base;
  let key: PropertyKey | undefined;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(at)) {
      const field = keyFieldFor(typeof key === 'string' ? key : undefined);
      const id = (at[step] as Record<string, unknown> | undefined)?.[field];
      if (typeof id === 'string') {
        const old = Array.isArray(was) ? was.find((e) => isObject(e) && e[field] === id) : undefined;
        out.push(old === undefined ? `${ADD}${id}` : id);
        was = old;
      } else {
        out.push(step);
        was = undefined;
      }
    } else {
      // A pathway the patch adds is "+id" too.
      const added = key === 'pathways' && out.length === 1 && typeof step === 'string' && isObject(was) && !(step in was);
      out.push(added ? `${ADD}${step}` : step);
      was = isObject(was) ? was[step as string] : undefined;
    }
    at = (at as Record<PropertyKey, unknown> | undefined)?.[step as string];
    key = step;
  }
  return out;
}

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioCore = z.output<typeof ScenarioCoreSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

function parseCore(data: unknown): { issues: Issue[]; value?: ScenarioCore } {
  const r = parseWith(ScenarioCoreSchema, data);
  if (!r.ok) return { issues: r.issues };
  const issues: Issue[] = [];
  checkReferences(r.value, (path, message) => issues.push({ path, message }));
  return issues.length ? { issues } : { issues, value: r.value };
}

// The base and each variant of a scenario as complete scenarios ("cores"), kept with the
// scenario once parsed: checking the file parses each of them, and the cost check, the
// compiler and the run's warnings need the same ones, so no one parses them again. Keyed
// by the parsed scenario object (gone with it); a core is read, never changed, by its users.
const cores = new WeakMap<object, Map<string, ScenarioCore>>();
/** The base's key: no variant id is empty. */
const BASE = '';

function remember(s: object, id: string, core: ScenarioCore): ScenarioCore {
  let m = cores.get(s);
  if (!m) cores.set(s, (m = new Map()));
  m.set(id, core);
  return core;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** One path lies on the other (the same field, or one inside the other); "*" in `b` is any list item. */
function related(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && !(b[i] === '*' && typeof a[i] === 'number')) return false;
  return true;
}

interface RuleIssue extends Issue { uses?: PropertyKey[][] }

/**
 * The scenario, or every issue in one pass, in the order the document is written: the
 * schema's, and the rules' (cross-references, variants) over what the schema could read
 * of it (salvage.ts) — less what they say about a field the schema already rejected.
 * Past MAX_SCHEMA_ISSUES, the first of them and a count of the rest.
 */
/** Issues of one document at most before the rest are only counted. */
export const MAX_SCHEMA_ISSUES = 200;

/** Rule issues kept to choose the first MAX_SCHEMA_ISSUES from; past them the rules' issues are only counted. */
const KEPT_RULE_ISSUES = 5 * MAX_SCHEMA_ISSUES;

const moreErrors = (n: number): Issue => ({ path: [], message: `… and ${n.toLocaleString('en-GB')} more errors: correct these first` });

export function parseScenario(data: unknown): Parsed<Scenario> {
  const shape = parseWith(ScenarioShapeSchema, data);
  // The rules' issues are weighed against every schema issue (below): with tens of
  // thousands of them (600 KB of empty sites) that took minutes. Past MAX_SCHEMA_ISSUES the
  // schema's come alone, the first of them and a count, without the rules.
  if (!shape.ok && shape.issues.length > MAX_SCHEMA_ISSUES) {
    return { ok: false, issues: [...shape.issues.slice(0, MAX_SCHEMA_ISSUES), moreErrors(shape.issues.length - MAX_SCHEMA_ISSUES)] };
  }
  // More than zod could gather (parseWith): that one issue, alone.
  if (!shape.ok && shape.tooMany) return { ok: false, issues: shape.issues };
  const issues: Issue[] = shape.ok ? [] : [...shape.issues];
  const s = shape.ok ? shape.value : (salvage(ScenarioShapeSchema, data) as Scenario);
  // A rule's verdict on a field the schema rejected, or resting on one, says nothing new.
  const rests = (r: RuleIssue) => !shape.ok && [r.path, ...(r.uses ?? [])].some((u) => shape.issues.some((x) => related(x.path, u)));
  // The rules' issues are weighed as they come and only the first are kept: 300,000 unknown
  // KPIs (a 3.8 MB file) were 300,000 messages held at once (1.3 GB), then a stack overflow
  // spreading them into one list. Past KEPT_RULE_ISSUES they are counted.
  const rules: RuleIssue[] = [];
  let ruleCount = 0;
  try {
    scenarioRules(s, (path, message, uses) => {
      const r = { path, message, uses };
      if (rests(r)) return;
      ruleCount++;
      if (rules.length < KEPT_RULE_ISSUES) rules.push(r);
    });
  } catch (e) {
    // A document too broken for a rule to read: its schema issues say what to fix first.
    if (shape.ok) throw e;
  }
  for (const { path, message } of rules) issues.push({ path, message });
  if (shape.ok && issues.length === 0) return { ok: true, value: shape.value };
  const found = issues.length + ruleCount - rules.length;
  if (found > MAX_SCHEMA_ISSUES) {
    // Too many to list: the first in document order and a count, without the pathway checks below.
    return { ok: false, issues: [...inDocumentOrder(data, issues).slice(0, MAX_SCHEMA_ISSUES), moreErrors(found - MAX_SCHEMA_ISSUES)] };
  }
  // Compiling checks what a patient holds along a pathway, but only a valid scenario is
  // compiled: with other errors, those checks are made here, in the same pass.
  const lies = (xs: readonly Issue[]) => (u: PropertyKey[]) => xs.some((x) => related(x.path, u));
  try {
    for (const h of holdingIssues(s, lies(shape.ok ? [] : shape.issues), lies(rules))) issues.push(h);
  } catch (e) {
    if (shape.ok) throw e;
  }
  const ordered = inDocumentOrder(data, issues);
  return { ok: false, issues: ordered.length > MAX_SCHEMA_ISSUES ? [...ordered.slice(0, MAX_SCHEMA_ISSUES), moreErrors(ordered.length - MAX_SCHEMA_ISSUES)] : ordered };
}

/** A variant's full scenario (already valid when the base parsed), parsed once per scenario. */
export function variantScenario(base: Scenario, variantId: string): ScenarioCore {
  const known = cores.get(base)?.get(variantId);
  if (known) return known;
  const v = base.variants.find((x) => x.id === variantId);
  if (!v) throw new Error(`unknown variant "${variantId}"`);
  return remember(base, variantId, ScenarioCoreSchema.parse(applyVariant(base as unknown as Record<string, unknown>, v.patch)));
}

/** The base as a complete scenario without its variants (what the baseline runs), parsed once per scenario. */
export function baseScenario(base: Scenario): ScenarioCore {
  return cores.get(base)?.get(BASE) ?? remember(base, BASE, ScenarioCoreSchema.parse(applyVariant(base as unknown as Record<string, unknown>, {})));
}
