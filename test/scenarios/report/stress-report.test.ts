// The STRESS-DES report's document model (scenarios/report/): every checklist item, in the
// checklist's order, for every library scenario with and without a run; what the scenario
// does not state marked so, with what to add; parameters with their sources from YAML
// comments; the commands that reproduce a run; the random-number scheme as the engine
// implements it; HTML and Markdown that keep a scenario's text as text.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { STRESS_DES, STRESS_ITEM_IDS } from '../../../scenarios/report/checklist.ts';
import { buildReport } from '../../../scenarios/report/build.ts';
import { reportHtml } from '../../../scenarios/report/html.ts';
import { reportMarkdown } from '../../../scenarios/report/markdown.ts';
import { parameterRows } from '../../../scenarios/report/parameters.ts';
import { reproduceCommands } from '../../../scenarios/report/reproduce.ts';
import type { ReportInput, RunFacts } from '../../../scenarios/report/input.ts';
import type { Block, StressReport } from '../../../scenarios/report/document.ts';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import type { Scenario } from '../../../scenarios/schema/scenario.ts';
import { reportInputFromText } from '../../../runner/report/stress.ts';
import { stream } from '../../../engine/core/random.ts';

const library = fileURLToPath(new URL('../../../scenarios/library/', import.meta.url));
const files = readdirSync(library).filter((f) => f.endsWith('.yaml')).sort();
const machine = { node: 'v22.0.0', os: 'linux 6.1 (x64)', cpus: '2 × Test CPU' };
const fixed = { software: { pathflow: '0.1.0', libraries: { seedrandom: '^3.0.5' } }, madeOn: machine, madeAt: '2026-12-03T00:00:00Z' };

function inputOf(text: string, file = 'scenario.yaml'): ReportInput {
  const r = reportInputFromText(text, file);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ...r.value, ...fixed };
}

/** A run document of the scenario's options as `pathflow run --json` writes one (two KPIs, made-up numbers). */
function runOf(s: Scenario, over: Partial<RunResultDoc> = {}): RunFacts {
  const kpis = { 'arrivals[all]': { mean: 100, ciLow: 90, ciHigh: 110 }, 'ed.4h[all]': { mean: 0.8, ciLow: 0.75, ciHigh: 0.85 } };
  return { where: 'command line', doc: {
    scenario: s.id, replications: s.time.replications, seed: s.time.seed,
    variants: [{ id: 'baseline', name: 'Baseline', kpis }, ...s.variants.map((v) => ({ id: v.id, name: v.name, kpis }))],
    comparisons: [], warnings: [], ...over,
  } };
}

const ids = (r: StressReport) => r.sections.flatMap((s) => s.items.map((i) => i.id));
const item = (r: StressReport, id: string) => r.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const missingIn = (r: StressReport) => r.sections.flatMap((s) => s.items).filter((i) => i.blocks.some((b) => b.kind === 'missing')).map((i) => i.id);
const words = (blocks: Block[]) => JSON.stringify(blocks);

describe('the checklist', () => {
  test('six sections, the items of Monks et al. (2019) Table 1 in order, 2.5 as its five components', () => {
    expect(STRESS_DES.map((s) => `${s.id} ${s.title}`)).toEqual(['1 Objectives', '2 Logic', '3 Data', '4 Experimentation', '5 Implementation', '6 Code access']);
    expect(STRESS_ITEM_IDS).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5.1', '2.5.2', '2.5.3', '2.5.4', '2.5.5',
      '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '5.4', '6.1']);
  });
});

describe.each(files)('the report of %s', (file) => {
  const input = inputOf(readFileSync(library + file, 'utf8'), `scenarios/library/${file}`);
  test('without a run: every item, each answered or marked as not stated', () => {
    const r = buildReport(input);
    expect(ids(r)).toEqual(STRESS_ITEM_IDS);
    for (const it of r.sections.flatMap((s) => s.items)) expect(it.blocks.length, it.id).toBeGreaterThan(0);
    expect(item(r, '2.1').blocks.some((b) => b.kind === 'diagram')).toBe(true);
    // Without a run, the machine of a run cannot be known, nor why this many replications.
    expect(missingIn(r)).toEqual(expect.arrayContaining(['4.3', '5.4', '6.1']));
    // The library states its purpose, question, sources and assumptions.
    expect(missingIn(r)).not.toEqual(expect.arrayContaining(['1.1']));
    for (const id of ['1.1', '1.3', '3.1', '3.4']) expect(missingIn(r), id).not.toContain(id);
    expect(r.subtitle).toContain('without results');
  });
  test('with a run: every item, the results table with every option, the run\'s seed and replications', () => {
    const run = runOf(input.scenario, { replications: 7, seed: 42 });
    const r = buildReport({ ...input, run });
    expect(ids(r)).toEqual(STRESS_ITEM_IDS);
    const results = item(r, '1.2').blocks.find((b) => b.kind === 'table');
    expect(results?.kind === 'table' && results.head.length).toBe(2 + run.doc.variants.length);
    expect(words(item(r, '4.3').blocks)).toContain('Replications: 7 per option, set for this run');
    expect(words(item(r, '5.2').blocks)).toContain('seed 42');
    expect(reproduceCommands({ ...input, run })[0]).toContain('--reps 7 --seed 42');
  });
});

const BARE = `id: bare
title: A bare model
time: { horizonDays: 10, replications: 5 }
sites:
  - id: s
    wards:
      - id: w
        beds: 4   # nhs-facts §2: a small ward
classes:
  - { id: c, site: s, arrivals: { perDay: 3 }, pathway: p }
pathways:
  p:
    - { id: admit, do: admit, ward: w }
    - { id: stay, do: stay, duration: { dist: exponential, mean: 2, unit: days } }
    - { id: home, do: discharge }
`;

describe('what a scenario does not state', () => {
  test('purpose, question, sources, pre-processing, assumptions and the warm-up are marked, each with what to add', () => {
    const r = buildReport(inputOf(BARE));
    expect(missingIn(r)).toEqual(['1.1', '1.3', '3.1', '3.2', '3.4', '4.1', '4.3', '5.4', '6.1']);
    const add = item(r, '3.1').blocks.find((b) => b.kind === 'missing');
    expect(add).toEqual({ kind: 'missing', add: expect.stringContaining('`sources`') });
  });
  test('a parameter\'s source is the comment on its line; paths as --set takes them', () => {
    const input = inputOf(BARE);
    const rows = parameterRows(input.raw, input.comments);
    expect(rows).toContainEqual({ path: 'sites[s].wards[w].beds', value: '4', source: 'nhs-facts §2: a small ward' });
    expect(rows).toContainEqual({ path: 'pathways.p[stay].duration', value: 'mean 2 days', source: '' });
    expect(rows).toContainEqual({ path: 'classes[c].arrivals.perDay', value: '3', source: '' });
    expect(rows.some((r) => r.path.endsWith('.id') || r.path === 'title')).toBe(false);
  });
  test('a file\'s head comment (as pathflow fit writes it) is its pre-processing; a comment after a one-line collection speaks for its values', () => {
    const fitted = `# Fitted by pathflow fit: 6,916 rows, 2024-01-01 to 2024-12-31.\n# Rows not used: 31.\n${BARE}`.replace('time: { horizonDays: 10, replications: 5 }', '# The run covers the data\'s dates.\ntime: { horizonDays: 10, replications: 5 }   # a year would be better');
    const input = inputOf(fitted);
    expect(input.headComment).toBe('Fitted by pathflow fit: 6,916 rows, 2024-01-01 to 2024-12-31. Rows not used: 31.');
    const r = buildReport(input);
    expect(missingIn(r)).not.toContain('3.2');
    expect(words(item(r, '3.2').blocks)).toContain('Rows not used: 31.');
    const rows = parameterRows(input.raw, input.comments);
    expect(rows.find((x) => x.path === 'time.horizonDays')?.source).toBe('The run covers the data\'s dates. a year would be better');
    expect(rows.find((x) => x.path === 'id')).toBeUndefined();
  });
  test('a warm-up study from pathflow warmup says how the warm-up was chosen', () => {
    const input = inputOf(BARE.replace('horizonDays: 10,', 'horizonDays: 10, warmupDays: 3,'));
    expect(missingIn(buildReport(input))).toContain('4.1');
    const r = buildReport({ ...input, warmup: { series: 'beds.inUse[s/w]', window: 2, replications: 10, suggestedWarmupDays: 3, currentWarmupDays: 3 } });
    expect(missingIn(r)).not.toContain('4.1');
    expect(words(item(r, '4.1').blocks)).toContain('MSER-5 suggested 3 days');
  });
});

describe('escalation in the model\'s resources', () => {
  test('the beds it opens and the staff it calls in are named with the ward', () => {
    const text = BARE.replace('        beds: 4   # nhs-facts §2: a small ward', `        beds: 4
        escalation: { beds: 2, staff: [ { role: nurse, count: 3 } ], openAt: 0.9, closeBelow: 0.5 }
    staff:
      - { role: nurse, skills: [care], count: 2 }`);
    const all = words(buildReport(inputOf(text)).sections.flatMap((x) => x.items.flatMap((i) => i.blocks)));
    expect(all).toContain('+2 escalation beds, 3 nurse called in by escalation');
    const staffOnly = words(buildReport(inputOf(text.replace('beds: 2, staff', 'staff'))).sections.flatMap((x) => x.items.flatMap((i) => i.blocks)));
    expect(staffOnly).toContain('4 beds, 3 nurse called in by escalation');
    expect(staffOnly).not.toContain('escalation beds,');
  });
});

describe('the results', () => {
  test('each option\'s paired difference from the baseline, with its interval, in the unit of the KPI', () => {
    const input = inputOf(BARE.replace('pathways:', 'variants:\n  - { id: more, name: More beds, patch: { sites: { s: { wards: { w: { beds: 6 } } } } } }\npathways:'));
    const run = runOf(input.scenario, { comparisons: [{ variant: 'more', kpi: 'ed.4h[all]', difference: 0.05, ciLow: 0.02, ciHigh: 0.08 }] });
    const tables = item(buildReport({ ...input, run }), '1.2').blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
    const diffs = tables[1];
    expect(diffs.kind === 'table' && diffs.head).toEqual(['KPI', 'unit', 'More beds']);
    expect(diffs.kind === 'table' && diffs.rows[0]).toEqual(['arrivals (all)', 'patients', '']);
    expect(diffs.kind === 'table' && diffs.rows[1]).toEqual(['ED: share of modelled ED attendances within 4 hours (all)', 'percentage points', '+5 pts [+2, +8]']);
  });
  test('a difference of shares in percentage points, never "%" (81.1% → 46.0% is −35.1 points, a relative fall of 43%); every difference signed', () => {
    const input = inputOf(BARE.replace('pathways:', 'variants:\n  - { id: more, name: More beds, patch: { sites: { s: { wards: { w: { beds: 6 } } } } } }\npathways:'));
    const kpis = { 'arrivals[all]': { mean: 100, ciLow: 90, ciHigh: 110 }, 'ed.4h[all]': { mean: 0.811, ciLow: 0.792, ciHigh: 0.831 }, 'cost.total[all]': { mean: 1000, ciLow: 900, ciHigh: 1100 } };
    const run = runOf(input.scenario, {
      variants: [{ id: 'baseline', name: 'Baseline', kpis }, { id: 'more', name: 'More beds', kpis }],
      comparisons: [
        { variant: 'more', kpi: 'arrivals[all]', difference: 2.5, ciLow: -0.5, ciHigh: 5.5 },
        { variant: 'more', kpi: 'ed.4h[all]', difference: -0.351, ciLow: -0.4, ciHigh: -0.301 },
        { variant: 'more', kpi: 'cost.total[all]', difference: 0, ciLow: 0, ciHigh: 0 },
      ],
    });
    const r = buildReport({ ...input, run });
    const diffs = item(r, '1.2').blocks.filter((b) => b.kind === 'table')[1];
    expect(diffs.kind === 'table' && diffs.rows).toEqual([
      ['arrivals (all)', 'patients', '+2.5 [−0.5, +5.5]'],
      ['ED: share of modelled ED attendances within 4 hours (all)', 'percentage points', '−35.1 pts [−40, −30.1]'],
      ['total cost per week (all)', '£/week', '0 [0, 0]'],
    ]);
    expect(diffs.kind === 'table' && diffs.caption).toContain('percentage points');
    // The options' own values stay percentages.
    const results = item(r, '1.2').blocks.filter((b) => b.kind === 'table')[0];
    expect(results.kind === 'table' && results.rows[1]).toEqual(['ED: share of modelled ED attendances within 4 hours (all)', '%', '81.1% [79.2%, 83.1%]', '81.1% [79.2%, 83.1%]']);
    for (const out of [reportMarkdown(r), reportHtml(r)]) {
      expect(out).toContain('−35.1 pts [−40, −30.1]');
      expect(out).not.toContain('-35.1%');
    }
  });
});

describe('whom the four-hour share counts', () => {
  const ed = (steps: string) => BARE.replace('pathway: p }', 'pathway: p, ed: true, name: Admitted }').replace(/pathways:[\s\S]*$/, `pathways:\n  p:\n${steps}`);
  const admitted = '    - { id: admit, do: admit, ward: w }\n    - { id: stay, do: stay, duration: { dist: exponential, mean: 2, unit: days } }\n    - { id: home, do: discharge }\n';
  const note = (text: string) => {
    const input = inputOf(text);
    return item(buildReport({ ...input, run: runOf(input.scenario) }), '1.2').blocks.find((b) => b.kind === 'text' && b.text.startsWith('ED:'));
  };
  test('the ED classes the scenario models, named; all admitted when each pathway has an admit step and no branch (winter-dgh\'s two)', () => {
    expect(note(ed(admitted))).toEqual({ kind: 'text', text: expect.stringContaining('only the attendances of the ED classes this scenario models, Admitted (c): not every attendance') });
    expect(note(ed(admitted))).toEqual({ kind: 'text', text: expect.stringContaining('This class is admitted to a ward') });
    const winter = inputOf(readFileSync(library + 'winter-dgh.yaml', 'utf8'));
    const r = buildReport(winter);
    expect(words(item(r, '1.2').blocks)).toContain('Medical emergency admissions (medical), Emergency surgical admissions (surgical): not every attendance');
    expect(words(item(r, '1.2').blocks)).toContain('Every one of these classes is admitted to a ward');
  });
  test('a pathway that may send a patient home from the ED is not said to be admitted; no ED class, no note', () => {
    const branching = '    - { id: triage, do: branch, options: [ { to: admit, probability: 0.3 }, { to: home, probability: 0.7 } ] }\n' + admitted;
    const n = note(ed(branching));
    expect(n).toEqual({ kind: 'text', text: expect.stringContaining('Admitted (c): not every attendance') });
    expect(JSON.stringify(n)).not.toContain('admitted to a ward');
    expect(note(BARE)).toBeUndefined();
  });
});

describe('how the run was sized and is reproduced', () => {
  test('a --precision run: the target, the judged KPIs, the cap, and the command with them', () => {
    const input = inputOf(BARE);
    const run = runOf(input.scenario, { replications: 20, precision: { target: '±5%', kpis: ['ed.4h[all]'], maxReplications: 80, met: false, notMet: [{ variant: 'baseline', kpi: 'ed.4h[all]', halfWidth: 0.061, target: 0.04 }] } });
    const r = buildReport({ ...input, run });
    expect(words(item(r, '4.3').blocks)).toContain('within ±5%');
    expect(words(item(r, '4.3').blocks)).toContain('ed.4h[all] (baseline): ±0.061, target ±0.04');
    expect(reproduceCommands({ ...input, run })).toEqual([
      'pathflow run scenario.yaml --precision 5% --precision-kpis \'ed.4h[all]\' --max-reps 80 --json > run.json',
      'pathflow report scenario.yaml --run run.json --out report.html',
    ]);
  });
  test('the random-number scheme the report states is the engine\'s: Alea seeded by "seed/replication/name"', () => {
    const r = buildReport(inputOf(BARE));
    expect(words(item(r, '5.2').blocks)).toContain('“seed/replication/name”');
    const a = stream(3, 2, 'arrivals:c'), b = seedrandom.alea('3/2/arrivals:c');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('a scenario\'s text stays text', () => {
  const evil = BARE.replace('title: A bare model', 'title: "Bad <script>alert(1)</script> & co"')
    .replace('{ id: c, site: s,', '{ id: c, name: "<img src=x onerror=alert(2)>", site: s,');
  const r = buildReport(inputOf(evil));
  test('HTML: escaped wherever it appears, no script, nothing fetched', () => {
    const html = reportHtml(r);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('<title>STRESS-DES report: Bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const id of STRESS_ITEM_IDS) expect(html).toContain(`id="item-${id.replace(/\./g, '-')}"`);
  });
  test('Markdown: escaped, every item a heading, diagrams as Mermaid', () => {
    const md = reportMarkdown(r);
    expect(md).not.toMatch(/<script|<img/i);
    expect(md.split('\n')[0]).toBe('# STRESS-DES report: Bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    for (const id of STRESS_ITEM_IDS) expect(md).toMatch(new RegExp(`^### ${id.replace(/\./g, '\\.')} `, 'm'));
    expect(md).toContain('```mermaid\nflowchart LR');
  });
});
