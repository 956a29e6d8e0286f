// A variant: a named redesign option, as a patch on the base scenario (scenarios/variants.ts).
import { z } from 'zod';
import { IdSchema } from './id.ts';

/**
 * Options a scenario may have: each is checked, compiled and run as a whole scenario, so
 * their number multiplies the work of everything else (the library's have up to six).
 */
export const MAX_VARIANTS = 50;

export const VariantSchema = z
  .strictObject({
    id: IdSchema.refine((v) => v !== 'baseline', { error: '"baseline" names the base scenario; choose another id' }),
    name: z.string().refine((n) => n.trim().length > 0, { error: 'expected a name (tables and charts show each option by it), got an empty one' }).describe('a short name for tables, different from every other option\'s'),
    description: z.string().optional().describe('what changes and why'),
    patch: z.record(z.string(), z.unknown()).describe('JSON Merge Patch (RFC 7396) on the base; lists of entries with an id (or role) are addressed by it, "+id" adding an entry'),
  })
  .describe('a redesign option: a patch on the base scenario');
export type Variant = z.infer<typeof VariantSchema>;

/**
 * The options whose name another option before them already has (case and spaces aside),
 * with that other option's index: each is reported at its own `name`, since a table or chart
 * showing two options of one name cannot be read. Pure, for the web app to mark the field.
 */
export function sameNames(variants: readonly { name?: unknown }[]): { index: number; first: number }[] {
  const key = (n: unknown) => (typeof n === 'string' ? n.trim().replace(/\s+/g, ' ').toLowerCase() : '');
  const seen = new Map<string, number>();
  const out: { index: number; first: number }[] = [];
  variants.forEach((v, i) => {
    const k = key(v.name);
    if (!k) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push({ index: i, first });
  });
  return out;
}

/** The message for an option named as another is. */
export const sameNameMessage = (name: unknown, first: number) => `option variants[${first}] is already named ${JSON.stringify(String(name).trim())}: give each option its own name`;
