// Request validation by the routes' zod schemas, worded as scenario errors are (the
// "expected …, got …" voice of scenarios/errors.ts) and carrying our issues, so the error
// handler answers `body.replications: expected an integer ≤ 1000, got 5000` with paths.
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { errorMap, formatPath } from '../scenarios/errors.ts';

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data) => {
  const r = schema.safeParse(data, { error: errorMap, reportInput: true });
  if (r.success) return { value: r.data };
  const issues = r.error.issues.map((i) => ({ path: formatPath(i.path as PropertyKey[]), message: i.message }));
  const error = Object.assign(new Error(`${httpPart ?? 'request'} is invalid`), { issues });
  return { error };
};
