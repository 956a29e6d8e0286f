// Regional KPIs (scenarios/kpis/regional.ts) on two trusts (test/fixtures/elective.yaml):
// the split of each list's operations and waits into own and received patients agrees with
// the same figures by class (each trust's class is its own patients); the gaps are the
// largest minus the smallest list; flows add up to the transfers; nothing regional for one site.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { runReplication } from '../../../runner/replicate.ts';

const fixture = () => parseYaml(readFileSync(new URL('../../fixtures/elective.yaml', import.meta.url), 'utf8'));

function kpis(edit: (s: any) => void = () => {}, replication = 0): Record<string, number> {
  const doc = fixture();
  edit(doc);
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const compiled = compileScenario(parsed.value);
  if (!compiled.ok) throw new Error(formatIssues(compiled.issues));
  return runReplication(compiled.value, 1, replication);
}

const withAid = (s: any) => { s.mutualAid = s.variants[0].patch.mutualAid; };
const lists = ['north-ortho', 'south-ortho'];

describe('regional KPIs', () => {
  test('with mutual aid: own + received = operated; received waits are the other trust\'s class; flows = transfers = sent', () => {
    for (const rep of [0, 1]) {
      const k = kpis(withAid, rep);
      for (const l of lists) expect(k[`aid.treated.own[${l}]`] + k[`aid.treated.received[${l}]`]).toBeCloseTo(k[`elective.operated[${l}]`], 10);
      // North sends its long waiters south; south's received are north's class, its own south's.
      expect(k['aid.treated.received[south-ortho]']).toBeGreaterThan(0);
      expect(k['aid.rtt.received[south-ortho]']).toBeCloseTo(k['elective.rtt.mean[south-ortho/north-routine]'], 9);
      expect(k['aid.rtt.own[south-ortho]']).toBeCloseTo(k['elective.rtt.mean[south-ortho/south-routine]'], 9);
      expect(k['aid.treated.received[north-ortho]']).toBe(0);
      expect(k['aid.rtt.received[north-ortho]']).toBeNaN();
      expect(k['aid.sent[north-ortho]']).toBe(k['mutualAid.flow[north-ortho/south-ortho]']);
      expect(k['mutualAid.flow[north-ortho/south-ortho]'] + k['mutualAid.flow[south-ortho/north-ortho]']).toBeCloseTo(k['mutualAid.transfers[region]'], 12);
      const over = lists.map((l) => k[`list.over52w.share[${l}]`]);
      expect(k['equity.over52w.gap[all]']).toBe(Math.max(...over) - Math.min(...over));
      const within = lists.map((l) => k[`list.within18w[${l}]`]);
      expect(k['equity.within18w.gap[all]']).toBe(Math.max(...within) - Math.min(...within));
    }
  });

  test('without mutual aid: every patient is own, nobody is sent, no flows; the share over 52 weeks is the census\'s count over its size', () => {
    const k = kpis();
    for (const l of lists) {
      expect(k[`aid.treated.received[${l}]`]).toBe(0);
      expect(k[`aid.rtt.own[${l}]`]).toBeCloseTo(k[`elective.rtt.mean[${l}]`], 12);
      expect(k[`aid.sent[${l}]`]).toBe(0);
      expect(k[`list.over52w.share[${l}]`]).toBeGreaterThanOrEqual(0);
      expect(k[`list.over52w.share[${l}]`]).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(k).some((n) => n.startsWith('mutualAid.flow['))).toBe(false);
  });

  test('the regional KPIs exist only where two sites or more have a list', () => {
    const k = kpis((s) => {
      s.waitingLists = s.waitingLists.filter((l: any) => l.id === 'north-ortho');
      s.classes = s.classes.filter((c: any) => c.site === 'north');
      s.variants = [];
    });
    expect(Object.keys(k).filter((n) => /^(equity|aid)\.|^list\.over52w\.share|^mutualAid\.flow/.test(n))).toEqual([]);
  });
});
