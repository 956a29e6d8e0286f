// Ids name everything in a scenario (sites, wards, classes, steps) and appear in messages,
// stream names and KPI names, so they are short, lower-case and stable.
import { z } from 'zod';
import { show } from '../errors.ts';

/** Longest id: ample for a readable one, and within what the server's routes accept in a path (`/api/scenarios/:id`). */
export const ID_MAX_LENGTH = 64;

export const IdSchema = z
  .string({ error: (iss) => `expected an id (lower-case letters, digits and dashes), got ${show(iss.input)}` })
  .max(ID_MAX_LENGTH, { error: (iss) => `expected an id of at most ${ID_MAX_LENGTH} characters, got ${(iss.input as string).length}` })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: (iss) => `expected an id of lower-case letters, digits and dashes, got ${show(iss.input)}` })
  .describe(`an id: lower-case letters, digits and dashes, at most ${ID_MAX_LENGTH} characters`);
