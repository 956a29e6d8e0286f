// The parts of a zod schema's internal definition that the schema walkers read (salvage,
// tidy): zod 4 keeps them on `_zod.def`, untyped across kinds, so they are named once here.
import type { z } from 'zod';

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
}

/** The most items a list schema allows (its `.max()`), Infinity if none. */
export function maxItems(s: z.ZodType): number {
  let most = Infinity;
  for (const c of defOf(s).checks ?? []) if (c._zod.def.check === 'max_length' && c._zod.def.maximum !== undefined) most = Math.min(most, c._zod.def.maximum);
  return most;
}

export const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;
