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
}

export const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;
