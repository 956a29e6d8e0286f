// Request validation by the routes' zod schemas, worded as scenario errors are (the
// "expected …, got …" voice of scenarios/errors.ts, an unknown field with the nearest
// known one) and carrying our issues, so the error handler answers
// `body.replications: expected an integer ≤ 1000, got 5000` with paths.
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { formatPath, parseWith } from '../scenarios/errors.ts';

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data) => {
  const r = parseWith(schema, data);
  if (r.ok) return { value: r.value };
  const issues = r.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const error = Object.assign(new Error(`${httpPart ?? 'request'} is invalid`), { issues });
  return { error };
};
