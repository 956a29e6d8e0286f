// Expected answers: a scenario may carry, for some of its KPIs, the value theory says it
// must have, with a tolerance, the theory in one line and its source. `pathflow run`
// ignores them; `pathflow validate` runs the scenario as `run` does and judges each KPI
// against its value (docs/validation.md). A scenario with expected answers is a
// reference case: scenarios/reference holds the project's own.
import { z } from 'zod';

const Tolerance = z.number().min(0);

export const ExpectationSchema = z
  .strictObject({
    value: z.number().describe('the exact value theory gives, in the KPI\'s unit'),
    relTol: Tolerance.optional().describe('tolerance relative to |value| (0.05 is 5%)'),
    absTol: Tolerance.optional().describe('absolute tolerance, in the KPI\'s unit; with relTol the larger applies'),
    theory: z.string().min(1).describe('the theory in one line, e.g. "Erlang C: Wq = C(c, a) / (c·mu − lambda)"'),
    source: z.string().min(1).describe('where the formula comes from (book and section, paper)'),
  })
  .superRefine((e, ctx) => {
    if (e.relTol === undefined && e.absTol === undefined)
      ctx.addIssue({ code: 'custom', path: ['relTol'], message: 'give a tolerance: relTol, absTol or both (the larger applies)' });
  })
  .describe('an expected KPI value: value, relTol and/or absTol, theory, source');
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ExpectSchema = z
  .record(z.string(), ExpectationSchema)
  .describe('expected answers by KPI name `metric[scope]` (as `pathflow run` prints them), judged by `pathflow validate`');
export type Expect = z.infer<typeof ExpectSchema>;

/** The tolerance of an expectation: the larger of relTol·|value| and absTol. */
export const toleranceOf = (e: Expectation) => Math.max((e.relTol ?? 0) * Math.abs(e.value), e.absTol ?? 0);
