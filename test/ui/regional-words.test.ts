// The regional view's words and layout (ui/src/features/regional): where a site's change
// comes from, from a hand-made run document; the sites of a run; flows largest first; the
// diagram's arrows between two sites kept apart.
import { describe, expect, test } from 'vitest';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { explainSite } from '../../ui/src/features/regional/explain.ts';
import { flowsOf, regionalSites, siteName, siteNamer } from '../../ui/src/features/regional/regional-data.ts';
import { arrow, placeSites } from '../../ui/src/features/regional/map-layout.ts';

const e = (mean: number, ciLow = mean, ciHigh = mean) => ({ mean, ciLow, ciHigh });
const d = (variant: string, kpi: string, difference: number, ciLow: number, ciHigh: number) => ({ variant, kpi, difference, ciLow, ciHigh });

const doc = {
  scenario: 'two', replications: 5, seed: 1, warnings: [],
  variants: [
    { id: 'baseline', name: 'baseline', kpis: {
      'elective.rtt.mean[north]': e(25), 'aid.rtt.own[north]': e(25), 'aid.sent[north]': e(0), 'aid.treated.received[north]': e(0),
      'elective.rtt.mean[south]': e(0.2), 'aid.rtt.own[south]': e(0.2), 'aid.sent[south]': e(0), 'aid.treated.received[south]': e(0),
    } },
    { id: 'aid', name: 'Mutual aid', kpis: {
      'elective.rtt.mean[north]': e(21), 'aid.rtt.own[north]': e(21), 'aid.sent[north]': e(1.7), 'aid.treated.received[north]': e(0),
      'elective.rtt.mean[south]': e(6.6), 'aid.rtt.own[south]': e(0.5), 'aid.sent[south]': e(0), 'aid.treated.received[south]': e(1.7), 'aid.rtt.received[south]': e(43.9),
      'mutualAid.flow[north/south]': e(1.7, 1.5, 2), 'mutualAid.flow[south/north]': e(0), 'mutualAid.flow[central/south]': e(0.1, 0, 0.2),
    } },
  ],
  comparisons: [
    d('aid', 'elective.rtt.mean[north]', -4, -6, -1.4), d('aid', 'aid.rtt.own[north]', -4, -6, -1.4),
    d('aid', 'elective.rtt.mean[south]', 6.4, 4.7, 8.7), d('aid', 'aid.rtt.own[south]', 0.3, -0.1, 0.7),
    d('aid', 'elective.rtt.mean[central]', 0, 0, 0), d('aid', 'aid.rtt.own[central]', 0, 0, 0),
  ],
} as unknown as RunResultDoc;

describe('the regional view in words', () => {
  test('a receiving site: its own patients against its mean, because long waiters arrive', () => {
    expect(explainSite(doc, doc.variants[1], 'south')).toBe(
      "South's own patients wait +0.3 [−0.1 to +0.7] weeks (no clear difference); the site's mean referral to treatment rises 6.4 [4.7 to 8.7] weeks"
      + ' because long waiters arrive: it receives 1.7 patients a week from other sites, who had waited 43.9 weeks on average by their operation.');
  });

  test('a sending site: its own patients and its mean fall together, with what it sends', () => {
    expect(explainSite(doc, doc.variants[1], 'north')).toBe(
      "North's own patients wait −4 [−6 to −1.4] weeks (better); the site's mean referral to treatment falls 4 [1.4 to 6] weeks; it sends 1.7 patients a week to other sites.");
  });

  test('a site that mutual aid does not touch', () => {
    expect(explainSite(doc, doc.variants[1], 'central')).toBe(
      "Central's own patients wait as long as under the baseline; the site's mean referral to treatment is unchanged; it neither sends nor receives patients.");
  });

  test('the baseline has nothing to explain', () => {
    expect(explainSite(doc, doc.variants[0], 'south')).toBeNull();
  });

  test('sites from the regional KPIs; flows largest first, none under 0.005 a week; names in words', () => {
    expect(regionalSites(doc)).toEqual(['north', 'south']);
    expect(flowsOf(doc.variants[1]).map((f) => `${f.from}/${f.to}`)).toEqual(['north/south', 'central/south']);
    expect(siteName('hub-west')).toBe('Hub west');
  });

  test("a site is named by its site's name without the parenthesis when the list is its only one, else by the list's name, else by its id in words", () => {
    const nameOf = siteNamer({
      sites: [{ id: 'city', name: 'City Hospitals (large acute trust)' }, { id: 'hub', name: 'Hub' }],
      waitingLists: [{ id: 'city', site: 'city', name: 'City list' }, { id: 'hub-a', site: 'hub', name: 'Hub joints' }, { id: 'hub-b', site: 'hub' }, { id: 'no-site' }],
    });
    expect(['city', 'hub-a', 'hub-b', 'no-site', 'unknown-one'].map(nameOf)).toEqual(['City Hospitals', 'Hub joints', 'Hub b', 'No site', 'Unknown one']);
    expect(siteNamer(undefined)('hub-west')).toBe('Hub west');
  });

  test('the diagram: sites on a circle inside the box; the two directions between a pair apart', () => {
    const at = placeSites(3, 560, 400);
    // Nodes (radius 22) and their names (up to 90 wide beside, 30 above or below) inside the box.
    for (const p of at) expect(p.x - 22 - 90 >= 0 && p.x + 22 + 90 <= 560 && p.y - 22 - 30 >= 0 && p.y + 22 + 30 <= 400).toBe(true);
    for (const p of placeSites(10, 560, 400)) expect(p.x - 22 - 90 >= -1e-9 && p.x + 22 + 90 <= 560 + 1e-9).toBe(true);
    // A receiving site in the middle, the others around it.
    const hub = placeSites(3, 560, 400, [false, false, true]);
    expect(hub[2].x).toBe(280);
    // Above it, left and right, at the same distance.
    expect(hub[0].x < 280 && hub[1].x > 280 && hub[0].y < hub[2].y && hub[1].y < hub[2].y).toBe(true);
    expect(Math.hypot(hub[0].x - hub[2].x, hub[0].y - hub[2].y)).toBeCloseTo(Math.hypot(hub[1].x - hub[2].x, hub[1].y - hub[2].y), 9);
    const there = arrow(at[0], at[1], 5), back = arrow(at[1], at[0], 5);
    expect(Math.hypot(there.label.x - back.label.x, there.label.y - back.label.y)).toBeGreaterThan(20);
  });
});
