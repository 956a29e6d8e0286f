// Ids name everything in a scenario (sites, wards, classes, steps) and appear in messages,
// stream names and KPI names, so they are short, lower-case and stable.
import { z } from 'zod';
import { show } from '../errors.ts';

export const IdSchema = z
  .string({ error: (iss) => `expected an id (lower-case letters, digits and dashes), got ${show(iss.input)}` })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: (iss) => `expected an id of lower-case letters, digits and dashes, got ${show(iss.input)}` })
  .describe('an id: lower-case letters, digits and dashes');
