// "What differs from baseline", in words: each change a variant's patch makes, with a
// readable place ("site dgh › ward ortho › beds") and the baseline's and the variant's values.
import { listChanges } from './patch.ts';
import { describeValue } from '../../../scenarios/diagram/describe.ts';

const COLLECTIONS: Record<string, string> = {
  sites: 'site', wards: 'ward', theatres: 'theatre', staff: 'staff', pathways: 'pathway', waitingLists: 'waiting list',
  classes: 'class', mutualAid: 'mutual aid', tariff: 'tariff for', referrals: 'referrals', changes: 'change',
};
export const FIELD_WORDS: Record<string, string> = {
  beds: 'beds', count: 'on duty', perWeek: 'per week', perDay: 'per day', sessions: 'sessions', shifts: 'shifts',
  hourlyCost: 'cost per hour (£)', probability: 'probability', options: 'branch options', casesPerSession: 'cases per session',
  plannedCase: 'planned case time', stay: 'length of stay', duration: 'duration', ringFencedFor: 'ring-fenced for',
  bedCutoffHours: 'bed needed by (hours after start)', bookingLeadHours: 'called in (hours before)', bedDay: 'bed-day (£)',
  theatreHour: 'theatre hour (£)', clinicHour: 'clinic hour (£)', scannerHour: 'scanner hour (£)', thresholdWeeks: 'offer after (weeks)', acceptance: 'share accepting', weeklyCap: 'most transfers a week',
  horizonDays: 'run length (days)', warmupDays: 'warm-up (days)', delayedDischarge: 'delayed discharge', name: 'name', ward: 'ward',
  arrivals: 'arrivals', priority: 'priority', kind: 'kind', initialList: 'list at the start', actualOverPlanned: 'actual ÷ planned time',
};

export function placeOf(path: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const coll = COLLECTIONS[seg];
    if (coll && i + 1 < path.length) { parts.push(`${coll} ${path[i + 1]}`); i++; }
    else parts.push(FIELD_WORDS[seg] ?? seg);
  }
  return parts.join(' › ');
}

export interface ChangeLine { place: string; from: string; to: string; kind: 'changed' | 'added' | 'removed' }

export function describeChanges(base: unknown, patch: unknown): ChangeLine[] {
  return listChanges(base, patch).map((c) => ({
    place: placeOf(c.path),
    from: c.kind === 'added' ? '—' : describeValue(c.from),
    to: c.kind === 'removed' ? 'removed' : describeValue(c.to),
    kind: c.kind,
  }));
}
