// `run --per-replication` (every replication's KPIs) and `run --set PATH=VALUE` (issue 14).
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type RunArgs } from '../../cli/scenario.ts';
import { parseRunArgs } from '../../cli/main.ts';
import { RunResultSchema, type RunResultDoc } from '../../scenarios/schema/run-result.ts';

const clinic = fileURLToPath(new URL('../../scenarios/library/teaching-clinic.yaml', import.meta.url));

async function runIt(a: Partial<RunArgs> & { file: string }): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await run({ format: 'json', workers: 1, replications: 4, ...a }, { out: (s) => out.push(s), err: (s) => err.push(s) }, false);
  return { code, out: out.join(''), err: err.join('') };
}

describe('--per-replication', () => {
  test('--json: every replication of every variant, whose mean is the estimate the document gives', async () => {
    const r = await runIt({ file: clinic, perReplication: true });
    expect(r.code).toBe(0);
    const doc = RunResultSchema.parse(JSON.parse(r.out)) as RunResultDoc;
    const rows = doc.replicationKpis!;
    expect(rows.map((x) => `${x.variant}/${x.replication}`)).toEqual(
      doc.variants.flatMap((v) => [0, 1, 2, 3].map((k) => `${v.id}/${k}`)));
    for (const v of doc.variants) {
      for (const [name, e] of Object.entries(v.kpis)) {
        const xs = rows.filter((x) => x.variant === v.id).map((x) => x.kpis[name]);
        if (e.mean === null) continue;
        expect(xs.reduce((a: number, x) => a + (x ?? NaN), 0) / xs.length).toBeCloseTo(e.mean, 9);
      }
    }
    // Replication k of every variant used the same streams: walk-in arrivals, the same in every variant, pair exactly.
    const walkIns = (v: string) => rows.filter((x) => x.variant === v).map((x) => x.kpis['arrivals[walk-in]']);
    expect(walkIns('on-time')).toEqual(walkIns('baseline'));
  });

  test('--csv: a row per variant and replication, a column per KPI', async () => {
    const r = await runIt({ file: clinic, perReplication: true, format: 'csv' });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 2)).toEqual(['variant', 'replication']);
    expect(header).toContain('wait.mean[clinic/skill:consult]');
    expect(lines).toHaveLength(1 + 3 * 4);
    expect(lines[1].split(',').slice(0, 2)).toEqual(['baseline', '0']);
    expect(lines.every((l) => l.split(',').length === header.length)).toBe(true);
  });

  test('without --json or --csv: a usage error', () => {
    expect(parseRunArgs([clinic, '--per-replication'], () => {})).toEqual({ usage: 'run: --per-replication needs --json or --csv (a table of every replication would not fit a terminal)' });
    expect(parseRunArgs([clinic, '--per-replication', '--json'], () => {})).toMatchObject({ perReplication: true, format: 'json' });
  });
});

describe('--set PATH=VALUE', () => {
  test('gives the same document as the file with that field edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathflow-set-'));
    const edited = join(dir, 'clinic.yaml');
    const text = readFileSync(clinic, 'utf8');
    writeFileSync(edited, text.replace('perWeek: 30', 'perWeek: 45'));
    const set = await runIt({ file: clinic, settings: ['classes[walk-in].arrivals.perWeek=45'] });
    const file = await runIt({ file: edited });
    expect(set.code).toBe(0);
    // The same numbers; the documents differ only in what they record of the --set made.
    const { provenance: withSet, ...setDoc } = JSON.parse(set.out);
    const { provenance: withoutSet, ...fileDoc } = JSON.parse(file.out);
    expect(setDoc).toEqual(fileDoc);
    expect([withSet.settings, withoutSet.settings]).toEqual([['classes[walk-in].arrivals.perWeek=45'], []]);
    const plain = await runIt({ file: clinic });
    const { provenance: _, ...plainDoc } = JSON.parse(plain.out);
    expect(plainDoc).not.toEqual(setDoc);
  });

  test('a path that is not there, or a value the scenario refuses: exit 1, naming it', async () => {
    const missing = await runIt({ file: clinic, settings: ['classes[nobody].arrivals.perWeek=4'] });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nobody');
    const bad = await runIt({ file: clinic, settings: ['classes[walk-in].arrivals.perWeek=-3'] });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/classes\[1\]\.arrivals\.perWeek|perWeek/);
  });
});
