// The scenario being edited is kept as the plain document the user would write (no zod
// defaults filled in), so that saving, exporting and patching never add noise. The form
// edits either the baseline or one variant's patched scenario; a variant's edits are
// stored back as a patch on the baseline (lib/patch.ts).
import { applyVariant, patchVariant } from '../../../scenarios/variants.ts';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatPath, type Issue } from '../../../scenarios/errors.ts';
import { getAt, makePatch, setAt } from './patch.ts';

export type Doc = Record<string, unknown>;
export interface VariantDoc { id: string; name: string; description?: string; patch: Doc }

export const BASELINE = 'baseline';

export function variantsOf(doc: Doc): VariantDoc[] {
  return Array.isArray(doc.variants) ? (doc.variants as VariantDoc[]) : [];
}

/** The baseline scenario without its variants. */
export function baseOf(doc: Doc): Doc {
  return applyVariant(doc, {});
}

/** What the form shows for the baseline or a variant: a whole scenario without variants. */
export function workingDoc(doc: Doc, target: string): Doc {
  if (target === BASELINE) return baseOf(doc);
  const v = variantsOf(doc).find((x) => x.id === target);
  return v ? { ...applyVariant(doc, v.patch ?? {}), id: doc.id } : baseOf(doc);
}

/** `doc` with the form's edit of `target` written back: the baseline itself, or the variant's patch. */
export function withEdited(doc: Doc, target: string, edited: Doc): Doc {
  if (target === BASELINE) {
    const out: Doc = { ...edited };
    if (doc.variants !== undefined) out.variants = doc.variants;
    return out;
  }
  const { id: _id, ...withoutId } = edited;
  const { id: _bid, ...base } = baseOf(doc);
  const patch = keepUnresolved(doc, variantsOf(doc).find((v) => v.id === target)?.patch, makePatch(base, withoutId));
  return { ...doc, variants: variantsOf(doc).map((v) => (v.id === target ? { ...v, patch } : v)) };
}

/**
 * The new patch, with the old patch's entries that address nothing (a misspelt id, an
 * addition without "+") put back: the working scenario never had them, so the new patch
 * would drop them silently; kept, the check goes on showing them until they are fixed.
 */
function keepUnresolved(doc: Doc, old: Doc | undefined, patch: Doc): Doc {
  if (!old) return patch;
  let out = patch;
  for (const issue of patchVariant(doc, old).issues) {
    const path = issue.path as string[];
    // Only where the new patch is objects all the way (not a list replaced whole).
    if (path.every((_, i) => { const at = getAt(out, path.slice(0, i)); return at === undefined || (typeof at === 'object' && at !== null && !Array.isArray(at)); }))
      if (getAt(out, path) === undefined) out = setAt(out, path, getAt(old, path));
  }
  return out;
}

/** An unused variant id derived from a name ("More beds" → "more-beds", "more-beds-2", …). */
export function variantIdFor(doc: Doc, name: string): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'option';
  const base = stem === BASELINE ? 'option' : stem;
  const taken = new Set(variantsOf(doc).map((v) => v.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface Validation {
  ok: boolean;
  issues: Issue[];
  /** formatted path → message, for field highlights */
  byPath: Map<string, string>;
}

function collect(issues: Issue[]): Validation {
  const byPath = new Map<string, string>();
  for (const i of issues) {
    const key = formatPath(i.path);
    if (!byPath.has(key)) byPath.set(key, i.message);
  }
  return { ok: issues.length === 0, issues, byPath };
}

/**
 * The same checks as the CLI and the server (the zod schemas and cross-reference rules).
 * For a variant, the patched scenario is checked on its own, so paths match the form's.
 */
export function validate(doc: Doc, target: string): Validation {
  if (target === BASELINE) {
    const r = parseScenario(doc);
    return collect(r.ok ? [] : r.issues);
  }
  const r = parseScenario({ ...workingDoc(doc, target), variants: [] });
  return collect(r.ok ? [] : r.issues);
}

export function validateAll(doc: Doc): Validation {
  const r = parseScenario(doc);
  return collect(r.ok ? [] : r.issues);
}

/**
 * Why the document cannot run, in words, or null. The form marks most problems in red;
 * an option's change that names nothing in the scenario (a misspelt id, an addition
 * without "+") has no field to mark, so it is spelt out with its option's name.
 */
export function whyBlocked(doc: Doc, validation: Validation): string | null {
  if (validation.ok) return null;
  const unmarked = variantsOf(doc).flatMap((v) => (v.patch ? patchVariant(doc, v.patch).issues : []).map((i) => `option “${v.name}” changes ${formatPath(i.path)}: ${i.message}.`));
  const marked = validation.issues.length - unmarked.length;
  return [marked > 0 ? `Fix the ${marked === 1 ? 'value' : `${marked} values`} marked in red before running.` : 'Fix this before running:', ...unmarked].join(' ');
}
