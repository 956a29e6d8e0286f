// Where a site's change comes from, in words: under an option, the change in the mean
// referral to treatment of the site's own patients against the change in the site's mean
// (all it treats), and the patients it receives or sends away by mutual aid. Under mutual
// aid a receiving site's mean can rise a lot while its own patients hardly wait longer:
// the patients it receives have already waited long.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { formatEstimate, formatNumber } from '../../lib/format.ts';
import { VERDICT_WORDS } from '../../lib/kpi.ts';
import { cell, siteName, type Option, type SiteNamer } from './regional-data.ts';

/** Fewer patients a week than this: "none" in words. */
const FEW = 0.05;

const weeks = (d: { mean: number | null; ciLow: number | null; ciHigh: number | null }) =>
  `${formatEstimate(d.mean, d.ciLow, d.ciHigh, 'weeks', true)} weeks`;

const perWeek = (x: number) => `${formatNumber(x, 2)} patient${x >= 0.995 && x < 1.005 ? '' : 's'} a week`;

/** No change in any replication (the same patients, the same waits): under 0.005 weeks, interval and all. */
const none = (d: { mean: number | null; ciLow: number | null; ciHigh: number | null }) =>
  Math.abs(d.mean ?? 0) < 0.005 && (d.ciLow === null || d.ciHigh === null || (Math.abs(d.ciLow) < 0.005 && Math.abs(d.ciHigh) < 0.005));

/** "rises 6.4 weeks [4.7 to 8.7]", "falls 3.7 weeks [1.4 to 6.1]", "is unchanged": the interval of the size of the change. */
function change(d: { mean: number | null; ciLow: number | null; ciHigh: number | null }): string {
  const m = d.mean ?? 0;
  if (none(d)) return 'is unchanged';
  const k = m >= 0 ? 1 : -1;
  const [lo, hi] = [d.ciLow, d.ciHigh].map((x) => (x === null ? null : k * x)).sort((a, b) => (a ?? 0) - (b ?? 0));
  return `${m >= 0 ? 'rises' : 'falls'} ${formatEstimate(Math.abs(m), lo, hi, 'weeks')} weeks`;
}

/** One sentence per site and option, e.g. "South's own patients wait +0.3 weeks …; the site's mean rises 6.4 weeks because long waiters arrive: …". */
export function explainSite(result: RunResultDoc, option: Option, site: string, nameOf: SiteNamer = siteName): string | null {
  const own = cell(result, option, `aid.rtt.own[${site}]`);
  const all = cell(result, option, `elective.rtt.mean[${site}]`);
  if (!own.difference || !all.difference || all.difference.mean === null) return null;
  const name = nameOf(site);
  const received = option.kpis[`aid.treated.received[${site}]`]?.mean ?? 0;
  const sent = option.kpis[`aid.sent[${site}]`]?.mean ?? 0;
  const waited = option.kpis[`aid.rtt.received[${site}]`]?.mean ?? null;
  const rise = all.difference.mean;
  const word = VERDICT_WORDS[own.verdict];
  const parts = [none(own.difference) ? `${name}'s own patients wait as long as under the baseline` : `${name}'s own patients wait ${weeks(own.difference)}${word ? ` (${word})` : ''}`];
  const moved = `the site's mean referral to treatment ${change(all.difference)}`;
  const ownRise = own.difference.mean ?? 0;
  if (received >= FEW && rise > ownRise)
    parts.push(`${moved} because long waiters arrive: it receives ${perWeek(received)} from other sites, who had waited ${formatNumber(waited)} weeks on average by their operation`);
  else if (sent >= FEW)
    parts.push(`${moved}; it sends ${perWeek(sent)} to other sites${received >= FEW ? ` and receives ${perWeek(received)}` : ''}`);
  else parts.push(`${moved}; it neither sends nor receives patients`);
  return `${parts.join('; ')}.`;
}
