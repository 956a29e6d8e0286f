// The root of a scenario file: what it is for, its time frame, sites, patient classes,
// pathways, costs and variants. `parseScenario` is the one entry point that turns
// untrusted data into a Scenario or a list of issues with paths.
import { z } from 'zod';
import { errorMap, type Issue } from '../errors.ts';
import { IdSchema } from './id.ts';
import { TimeSchema } from './time.ts';
import { SiteSchema } from './site.ts';
import { PatientClassSchema } from './patient-class.ts';
import { PathwaySchema } from './pathway.ts';
import { CostsSchema } from './costs.ts';
import { WaitingListSchema, MutualAidSchema } from './waiting-list.ts';
import { VariantSchema } from './variant.ts';
import { checkReferences } from './references.ts';
import { applyVariant, keyFieldFor } from '../variants.ts';

/** Everything but the variants: what a variant's patched scenario must also be. */
export const ScenarioCoreSchema = z.strictObject({
  $schema: z.string().optional().describe('path or URL of the JSON Schema, for editors'),
  id: IdSchema.describe('the scenario id'),
  title: z.string().min(1).describe('a one-line title'),
  description: z.string().optional().describe('what the model represents'),
  question: z.string().optional().describe('the question it answers for its users'),
  sources: z.array(z.string()).default([]).describe('which numbers are sourced, and where from'),
  assumptions: z.array(z.string()).default([]).describe('which numbers are assumptions'),
  time: TimeSchema,
  sites: z.array(SiteSchema).min(1).describe('hospitals, hubs, community services'),
  classes: z.array(PatientClassSchema).min(1).describe('patient classes: who arrives, where, along which pathway'),
  pathways: z.record(IdSchema, PathwaySchema).default({}).describe('pathways by id: lists of steps'),
  waitingLists: z.array(WaitingListSchema).default([]).describe('elective waiting lists booked into theatre sessions'),
  mutualAid: z.array(MutualAidSchema).default([]).describe('mutual aid between the waiting lists of different sites'),
  costs: CostsSchema.prefault({}),
  kpis: z.array(z.string()).optional().describe('metrics to report (see the KPI catalogue); all if omitted'),
});

export const ScenarioSchema = ScenarioCoreSchema.extend({
  variants: z.array(VariantSchema).default([]).describe('redesign options, each a patch on this base'),
}).superRefine((s, ctx) => {
  const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  checkReferences(s, report);
  const seen = new Set<string>();
  // A patch is checked by what it produces: the whole patched scenario must be valid.
  // While the base itself is invalid, its problems would repeat in every variant: the
  // patches are checked once the base is right.
  const base = s as unknown as Record<string, unknown>;
  const baseValid = parseCore(applyVariant(base, {})).length === 0;
  s.variants.forEach((v, i) => {
    if (seen.has(v.id)) report(['variants', i, 'id'], `variant "${v.id}" is defined twice`);
    seen.add(v.id);
    if (!baseValid) return;
    const patched = applyVariant(base, v.patch);
    for (const issue of parseCore(patched)) {
      report(['variants', i, 'patch', ...byId(patched, issue.path)], `${issue.message} (in the patched scenario)`);
    }
  });
});

/** A path into the patched scenario, written as the patch addresses it: list positions of id-keyed entries become their ids. */
export function byId(data: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let at: unknown = data;
  let key: PropertyKey | undefined;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(at)) {
      const entry = at[step] as Record<string, unknown> | undefined;
      const id = entry?.[keyFieldFor(typeof key === 'string' ? key : undefined)];
      out.push(typeof id === 'string' ? id : step);
    } else out.push(step);
    at = (at as Record<PropertyKey, unknown> | undefined)?.[step as string];
    key = step;
  }
  return out;
}

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioCore = z.output<typeof ScenarioCoreSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

const options = { error: errorMap, reportInput: true } as const;

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path, message: i.message }));
}

function parseCore(data: unknown): Issue[] {
  const r = ScenarioCoreSchema.safeParse(data, options);
  if (!r.success) return toIssues(r.error);
  const issues: Issue[] = [];
  checkReferences(r.data, (path, message) => issues.push({ path, message }));
  return issues;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function parseScenario(data: unknown): Parsed<Scenario> {
  const r = ScenarioSchema.safeParse(data, options);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: toIssues(r.error) };
}

/** A variant's full scenario (already valid when the base parsed). */
export function variantScenario(base: Scenario, variantId: string): ScenarioCore {
  const v = base.variants.find((x) => x.id === variantId);
  if (!v) throw new Error(`unknown variant "${variantId}"`);
  return ScenarioCoreSchema.parse(applyVariant(base as unknown as Record<string, unknown>, v.patch));
}
