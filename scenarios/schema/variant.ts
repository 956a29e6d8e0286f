// A variant: a named redesign option, as a patch on the base scenario (scenarios/variants.ts).
import { z } from 'zod';
import { IdSchema } from './id.ts';

export const VariantSchema = z
  .strictObject({
    id: IdSchema.refine((v) => v !== 'baseline', { error: '"baseline" names the base scenario; choose another id' }),
    name: z.string().min(1).describe('a short name for tables'),
    description: z.string().optional().describe('what changes and why'),
    patch: z.record(z.string(), z.unknown()).describe('JSON Merge Patch (RFC 7396) on the base; lists of entries with an id (or role) are addressed by it, "+id" adding an entry'),
  })
  .describe('a redesign option: a patch on the base scenario');
export type Variant = z.infer<typeof VariantSchema>;
