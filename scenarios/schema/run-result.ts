// What `pathflow run --json` prints (and the server and UI will exchange): per variant,
// each KPI's mean over replications with its 95% confidence interval; per variant other
// than the baseline, each KPI's paired difference from the baseline (common random
// numbers) with its 95% confidence interval. A value the replications could not measure
// (e.g. a wait in a queue nobody joined) or an interval from one replication is null.
import { z } from 'zod';

const Num = z.number().nullable();

export const KpiEstimateSchema = z.object({
  mean: Num.describe('mean over replications'),
  ciLow: Num.describe('lower end of the 95% confidence interval'),
  ciHigh: Num.describe('upper end of the 95% confidence interval'),
});

export const RunResultSchema = z.object({
  scenario: z.string().describe('scenario id'),
  replications: z.int().min(1),
  seed: z.int().min(0),
  variants: z.array(z.object({
    id: z.string().describe('"baseline" or a variant id'),
    name: z.string(),
    kpis: z.record(z.string(), KpiEstimateSchema).describe('KPI name `metric[scope]` → estimate, in the unit of the KPI catalogue (engine/hospital/kpi-catalogue.ts): `occupancy.mean[site/ward]` is a fraction of beds, `wait.mean[…]` hours, `ed.4h[…]` a fraction of patients'),
  })).min(1).describe('the baseline first, then each variant run'),
  comparisons: z.array(z.object({
    variant: z.string(),
    kpi: z.string(),
    difference: Num.describe('variant minus baseline, mean of the paired differences'),
    ciLow: Num,
    ciHigh: Num,
  })).describe('paired differences from the baseline, by variant and KPI'),
  series: z.object({
    days: z.array(z.number()).describe('sample times: 00:00 of each day from day 0 (warm-up included, to judge it)'),
    warmupDays: z.number(),
    lines: z.array(z.object({
      variant: z.string(),
      name: z.string().describe('`beds.inUse[site/ward]` (beds in use, a count of beds: not the fraction `occupancy.mean`), `queue.length[site/ward]` (patients waiting for a bed or place there), `list.size[list]` (patients on the waiting list); SERIES_CATALOGUE in engine/hospital/kpi-catalogue.ts'),
      mean: z.array(Num),
      ciLow: z.array(Num),
      ciHigh: z.array(Num),
    })),
  }).optional().describe('daily time series per variant: mean over replications with a 95% band'),
});
export type RunResultDoc = z.infer<typeof RunResultSchema>;
