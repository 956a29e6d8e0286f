// Where things are: engine pool ids for a site's wards, theatres and staff (the engine
// knows pools by these ids; KPIs and messages map them back), and a scenario's durations
// as engine distributions in hours.
import type { Duration } from '../schema/distribution.ts';
import * as d from '../../engine/core/distributions.ts';
import type { Distribution } from '../../engine/core/distributions.ts';
import { DAY } from '../../engine/hospital/week.ts';
import type { RoleParams } from '../../engine/hospital/roster.ts';
import type { Site } from '../schema/site.ts';
import { toRole } from './week.ts';

export const placeId = (site: string, ward: string) => `${site}/${ward}`;
export const theatreId = (site: string, theatre: string) => `${site}/${theatre}`;
export const staffId = (site: string) => `${site}/staff`;
export const delayedId = (site: string, ward: string) => `${site}/${ward}/delayed`;
/** Patients from other wards in a ward's beds (outliers, placed by overflowTo): counted apart to give outlier bed-days. */
export const outlierId = (site: string, ward: string) => `${site}/${ward}/outliers`;
export const edClockId = (cls: string) => `ed/${cls}`;

/**
 * A site's roles as the roster builds them, each with the staff its wards' escalations
 * call in (on call for the ward's pool), in the order of site.staff then of the wards.
 */
export function siteRoles(site: Site): RoleParams[] {
  return site.staff.map((role) => {
    const onCall = site.wards.flatMap((w) => (w.escalation?.staff ?? [])
      .filter((x) => x.role === role.role)
      .map((x) => ({ pool: placeId(site.id, w.id), count: x.count, ...(x.hourlyCost !== undefined ? { hourlyCost: x.hourlyCost } : {}) })));
    const r = toRole(role);
    return onCall.length > 0 ? { ...r, onCall } : r;
  });
}

const UNIT_HOURS = { minutes: 1 / 60, hours: 1, days: DAY } as const;

/** An engine distribution in hours. */
export function toDistribution(x: Duration): Distribution {
  const u = UNIT_HOURS[x.unit];
  switch (x.dist) {
    case 'exponential': return d.exponential(x.mean * u);
    case 'deterministic': return d.deterministic(x.value * u);
    case 'lognormal': return d.lognormal(x.mean * u, x.sd * u);
    case 'gamma': return d.gammaFromMean(x.mean * u, x.sd * u);
    case 'erlang': return d.erlang(x.k, x.mean * u);
    case 'weibull': return d.weibull(x.shape, x.scale * u);
    case 'normal': return d.normal(x.mean * u, x.sd * u);
    case 'uniform': return d.uniform(x.min * u, x.max * u);
    case 'triangular': return d.triangular(x.min * u, x.mode * u, x.max * u);
    case 'empirical': return d.empirical(x.values.map((v) => v * u));
  }
}
