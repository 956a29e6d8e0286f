// Scenario reference cases can fail: each case file, run short through the code path of
// `pathflow run`, passes its checks on its own model and fails one of them, outside the
// tolerance, when its model is changed in a way theory says matters (a bed more, a
// mechanism removed, an hour of the clock shifted). Then the checker's rules and messages
// on small made-up inputs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { parseText } from '../../../scenarios/text.ts';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { mergePatch } from '../../../scenarios/variants.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { judgeKpis, loadScenarioCase } from '../../../validation/scenario-case.ts';
import { inThreadRunner } from '../../../runner/runner.ts';

const dir = fileURLToPath(new URL('../../../scenarios/reference/', import.meta.url));
const runner = inThreadRunner();
afterAll(() => runner.close());

/** The case file patched (a JSON Merge Patch, lists addressed by id), run for its (patched) replications, each KPI judged without the precision gate. */
async function judged(file: string, patch: Record<string, unknown>) {
  const raw = parseText(readFileSync(`${dir}${file}`, 'utf8'), 'yaml');
  if (!raw.ok) throw new Error(formatIssues(raw.issues));
  const parsed = parseScenario(mergePatch(raw.value, patch));
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const s = parsed.value;
  const json = JSON.stringify(s);
  const rows = [];
  for (let k = 0; k < s.time.replications; k++) rows.push((await runner.run({ scenario: json, variant: 'baseline', seed: s.time.seed, replication: k, series: false })).kpis);
  return Object.fromEntries(judgeKpis(s.expect!, rows).map((v) => [v.metric, v]));
}

/** Per case: a shorter run, a change of model, and the KPI that must then fail. */
const PERTURBED: { file: string; short: Record<string, unknown>; change: string; patch: Record<string, unknown>; kpi: string }[] = [
  { file: 'ward-mmc.yaml', short: { horizonDays: 2000, replications: 10 }, change: 'one bed more',
    patch: { sites: { dgh: { wards: { ward: { beds: 11 } } } } }, kpi: 'occupancy.mean[dgh/ward]' },
  { file: 'ed-erlang-b.yaml', short: { horizonDays: 60, replications: 10 }, change: 'a waiting place',
    patch: { pathways: { 'walk-in': { see: { queueLimit: 1 } } } }, kpi: 'diverted[walk-in]' },
  { file: 'ed-erlang-a.yaml', short: { horizonDays: 30, replications: 10 }, change: 'patience 45 minutes instead of 30',
    patch: { pathways: { 'walk-in': { see: { patience: { mean: 45 } } } } }, kpi: 'left.unseen[walk-in]' },
  { file: 'ward-priority.yaml', short: { horizonDays: 2000, replications: 10 }, change: 'the priorities swapped',
    patch: { classes: { urgent: { priority: 2 }, routine: { priority: 1 } } }, kpi: 'time.mean[urgent]' },
  { file: 'ed-ward-blocking.yaml', short: { horizonDays: 1000, replications: 10 }, change: 'no bed-blocking (the cubicle given up before the wait for a bed)',
    patch: { pathways: { 'walk-in': { assess: { keepPlace: false } } } }, kpi: 'occupancy.mean[dgh/cubicles]' },
  { file: 'ward-hourly-mtinf.yaml', short: { horizonDays: 100, replications: 10 }, change: 'the arrival profile an hour late',
    patch: { classes: { acute: { arrivals: { byHour: rotate(profileOf('ward-hourly-mtinf.yaml')) } } } }, kpi: 'census.byHour[dgh/unit/09]' },
  { file: 'ward-readmission.yaml', short: { horizonDays: 2000, replications: 20 }, change: 'a readmission rate of 25% instead of 20%',
    patch: { pathways: { medical: { back: { probability: 0.25 } } } }, kpi: 'time.mean[medical]' },
  { file: 'rostered-staff.yaml', short: { horizonDays: 120, replications: 10 }, change: 'triage taking 33 minutes instead of 30',
    patch: { pathways: { 'walk-in': { triage: { duration: { mean: 33 } } } } }, kpi: 'staff.utilisation[dgh/nurse]' },
  { file: 'theatre-list.yaml', short: { horizonDays: 56, replications: 2 }, change: 'one case a session',
    patch: { waitingLists: { ortho: { casesPerSession: 1 } } }, kpi: 'elective.operated[ortho]' },
  { file: 'mutual-aid.yaml', short: { horizonDays: 70, replications: 2 }, change: 'a weekly cap of 7',
    patch: { mutualAid: { region: { weeklyCap: 7 } } }, kpi: 'mutualAid.transfers[region]' },
  { file: 'ed-four-hours.yaml', short: { horizonDays: 400, replications: 10 }, change: 'cubicle times of 66 minutes instead of 60',
    patch: { pathways: { 'walk-in': { see: { duration: { mean: 1.1 } } } } }, kpi: 'ed.4h[all]' },
  { file: 'wait-targets.yaml', short: { horizonDays: 400, replications: 10 }, change: 'scans of 66 minutes instead of 60',
    patch: { pathways: { scan: { scan: { duration: { mean: 1.1 } } } } }, kpi: 'measure.within[ct-wait]' },
];

function profileOf(file: string): number[] {
  const raw = parseText(readFileSync(`${dir}${file}`, 'utf8'), 'yaml');
  return raw.ok ? (raw.value as { classes: { arrivals: { byHour: number[] } }[] }).classes[0].arrivals.byHour : [];
}
/** Each hour's rate moved to the next hour. */
function rotate(xs: number[]): number[] {
  return [xs[xs.length - 1], ...xs.slice(0, -1)];
}

describe('every scenario reference case can fail', () => {
  test('every case file has a perturbation here', () => {
    const files = new Set(PERTURBED.map((p) => p.file));
    expect(files.size).toBe(PERTURBED.length);
    expect([...files].sort()).toEqual(
      readFileSync(`${dir}README.md`, 'utf8').match(/[\w-]+\.yaml/g)!.filter((f, i, all) => all.indexOf(f) === i).sort(),
    );
  });

  for (const p of PERTURBED) {
    test(`${p.file}: ${p.kpi} is within tolerance, and fails with ${p.change}`, async () => {
      // Short runs: on the case's own model the 95% interval meets [value ± tolerance]; on
      // the changed model the whole interval lies outside it, so no length of run passes.
      const own = (await judged(p.file, { time: p.short }))[p.kpi];
      expect(Math.abs(own.mean - own.value), `${p.kpi} on the case's own model: ${JSON.stringify(own)}`).toBeLessThanOrEqual(own.tolerance + own.halfWidth);
      const changed = (await judged(p.file, { time: p.short, ...p.patch }))[p.kpi];
      expect(Math.abs(changed.mean - changed.value) - changed.halfWidth, `${p.kpi} on the changed model: ${JSON.stringify(changed)}`).toBeGreaterThan(changed.tolerance);
      expect(changed.pass).toBe(false);
    });
  }
});

describe('the checker', () => {
  const e = { value: 10, relTol: 0.1, theory: 't', source: 's' };

  test('a KPI within tolerance passes; one outside fails; a wide interval is imprecise; a missing one is not reported', () => {
    const rows = [9.8, 10.1, 10.3, 9.9].map((x) => ({ 'a[x]': x, 'b[x]': x + 2, 'c[x]': x * (x > 10 ? 3 : 0.3) }));
    const v = Object.fromEntries(judgeKpis({ 'a[x]': e, 'b[x]': e, 'c[x]': e, 'd[x]': e }, rows).map((x) => [x.metric, x]));
    expect(v['a[x]']).toMatchObject({ pass: true, n: 4, tolerance: 1, definition: 't', source: 's' });
    expect(v['b[x]']).toMatchObject({ pass: false, reason: 'outside tolerance' });
    expect(v['c[x]']).toMatchObject({ pass: false, reason: 'imprecise' });
    expect(v['d[x]']).toMatchObject({ pass: false, reason: 'not reported' });
  });

  test('a KPI some replication could not measure (NaN) is not observed', () => {
    expect(judgeKpis({ 'a[x]': e }, [{ 'a[x]': 10 }, { 'a[x]': NaN }])[0]).toMatchObject({ pass: false, reason: 'not observed' });
  });

  test('an exact value passes with tolerance 0 when every replication gives it', () => {
    expect(judgeKpis({ 'a[x]': { ...e, relTol: undefined, absTol: 0 } }, [{ 'a[x]': 10 }, { 'a[x]': 10 }])[0]).toMatchObject({ pass: true, halfWidth: 0 });
    expect(judgeKpis({ 'a[x]': { ...e, relTol: undefined, absTol: 0 } }, [{ 'a[x]': 10 }, { 'a[x]': 11 }])[0]).toMatchObject({ pass: false, reason: 'imprecise' });
  });

  test('a file without expected values, or naming a KPI the scenario never reports, cannot be used (the path names the KPI)', () => {
    const small = fileURLToPath(new URL('../../fixtures/small-ed.yaml', import.meta.url));
    const none = loadScenarioCase(small);
    expect(none.ok ? 'ok' : formatIssues(none.issues)).toMatchInlineSnapshot(`"  ✖ expect: no expected values: a reference case gives them in an \`expect\` block (docs/validation.md)"`);
    // census.byHour is reported only when the scenario's kpis name it.
    const wrong = loadScenarioCase(caseFile(readFileSync(`${dir}ward-mmc.yaml`, 'utf8').replace('wait.mean[dgh/ward]:', 'census.byHour[dgh/ward/08]:')));
    expect(wrong.ok ? 'ok' : formatIssues(wrong.issues)).toMatch(/^ {2}✖ expect\["census\.byHour\[dgh\/ward\/08\]"\]: unknown KPI "census\.byHour\[dgh\/ward\/08\]"; this scenario reports:\n(.|\n)*wait\.mean\[dgh\/ward\]/);
  });

  test('a KPI under a scope the runs never report fails, naming the scopes they do', () => {
    const v = judgeKpis({ 'wait.mean[dgh/wrd]': e }, [{ 'wait.mean[dgh/ward]': 1, 'time.mean[x]': 2 }, { 'wait.mean[dgh/ward]': 1, 'time.mean[x]': 2 }])[0];
    expect(v).toMatchObject({ pass: false, reason: 'not reported', notes: ['no replication reported this KPI (reported: wait.mean[dgh/ward])'] });
  });
});

function caseFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pathflow-case-')), 'case.yaml');
  writeFileSync(path, text);
  return path;
}
