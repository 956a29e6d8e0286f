// Durations as distributions with a unit (minutes, hours — the default — or days). The
// hospital layer turns them into engine distributions in hours (scenarios/compile/site.ts).
import { z } from 'zod';
import { discriminatorError } from '../errors.ts';

export const UnitSchema = z.enum(['minutes', 'hours', 'days']).default('hours').describe('unit of the values: minutes, hours (default) or days');

const Positive = z.number().positive();
const NonNegative = z.number().min(0);
const unit = { unit: UnitSchema };
/** The compiler's hours per unit (scenarios/compile/site.ts). */
const HOURS_PER = { minutes: 1 / 60, hours: 1, days: 24 } as const;

export const DurationSchema = z
  .discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('exponential').describe("exponential (memoryless; the Poisson process's gaps)"), mean: Positive.describe('mean'), ...unit }),
    z.strictObject({ dist: z.literal('deterministic').describe('always the same value'), value: NonNegative.describe('the one value'), ...unit }),
    z.strictObject({ dist: z.literal('lognormal').describe('lognormal (skewed: lengths of stay, service times)'), mean: Positive.describe('mean'), sd: Positive.describe('standard deviation'), ...unit }),
    z.strictObject({ dist: z.literal('gamma').describe('gamma (skewed, lighter tail than lognormal)'), mean: Positive.describe('mean'), sd: Positive.describe('standard deviation'), ...unit }),
    z.strictObject({ dist: z.literal('erlang').describe('Erlang: k exponential phases'), k: z.int().min(1).describe('number of phases'), mean: Positive.describe('mean'), ...unit }),
    z.strictObject({ dist: z.literal('weibull').describe('Weibull'), shape: Positive.describe('shape k'), scale: Positive.describe('scale λ'), ...unit }),
    z.strictObject({ dist: z.literal('normal').describe('normal, truncated at 0'), mean: Positive.describe('mean (truncated at 0)'), sd: Positive.describe('standard deviation'), ...unit }),
    z.strictObject({ dist: z.literal('uniform').describe('anywhere between min and max, evenly'), min: NonNegative.describe('smallest value'), max: NonNegative.describe('largest value (> min)'), ...unit }),
    z.strictObject({ dist: z.literal('triangular').describe('triangular: min, most likely, max'), min: NonNegative.describe('smallest value'), mode: NonNegative.describe('most likely value'), max: NonNegative.describe('largest value (> min)'), ...unit }),
    z.strictObject({ dist: z.literal('empirical').describe('drawn from observed values'), values: z.array(NonNegative).min(1).describe('observed values, drawn with equal probability'), ...unit }),
  ], { error: discriminatorError('dist', ['exponential', 'deterministic', 'lognormal', 'gamma', 'erlang', 'weibull', 'normal', 'uniform', 'triangular', 'empirical']) })
  .superRefine((d, ctx) => {
    if ((d.dist === 'uniform' || d.dist === 'triangular') && !(d.min < d.max))
      ctx.addIssue({ code: 'custom', path: ['max'], message: `expected max > min (${d.min}), got ${d.max}` });
    if (d.dist === 'triangular' && !(d.mode >= d.min && d.mode <= d.max))
      ctx.addIssue({ code: 'custom', path: ['mode'], message: `expected min ≤ mode ≤ max (${d.min}..${d.max}), got ${d.mode}` });
    if (d.dist === 'gamma') {
      // The compiler's gamma (in hours, shape (mean/sd)², scale sd²/mean, engine/core/distributions.ts):
      // numbers each valid alone can still overflow or underflow these, which the compiler
      // would refuse with no path (gamma mean 1e-300 sd 1e-300: a scale of 1.7e-302 hours becomes 0).
      const u = HOURS_PER[d.unit];
      const mean = d.mean * u, sd = d.sd * u;
      const cv = sd / mean;
      const shape = 1 / (cv * cv), scale = (sd * sd) / mean;
      if (!(shape > 0 && Number.isFinite(shape) && scale > 0 && Number.isFinite(scale)))
        ctx.addIssue({ code: 'custom', message: `expected a mean and sd whose gamma has a shape (mean/sd)² and a scale sd²/mean both finite and above 0, got shape ${+shape.toPrecision(3)} and scale ${+scale.toPrecision(3)} hours` });
    }
  })
  .describe('a duration: { dist, parameters…, unit? }');
export type Duration = z.infer<typeof DurationSchema>;
