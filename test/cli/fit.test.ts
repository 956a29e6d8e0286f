// `pathflow fit` as a user runs it: the real bin in a child process, on the example extract
// and on broken ones; its scenario then read by `pathflow check`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = 'validation/examples/admissions.csv';
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-fit-'));

function pathflow(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pathflow.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const file = (name: string, text: string) => { const p = join(tmp, name); writeFileSync(p, text); return p; };

describe('pathflow fit', () => {
  test('the example: the report and the scenario, which `pathflow check` accepts; warnings on stderr; exit 0', () => {
    const out = join(tmp, 'fitted.yaml');
    const r = pathflow('fit', example, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('admissions.csv: 6,916 rows, 6,900 with a readable arrival and class');
    expect(r.stdout).toContain('Rows with problems (none dropped silently):');
    expect(r.stdout).toMatch(/ {7}8 {2}bad-arrival: arrival time not readable: row not used \(column "arrival": line 41 "2024-01-32 15:50"/);
    expect(r.stdout).toContain('the hourly shape differs by weekday (hour × weekday): G = ');
    expect(r.stdout).toMatch(/Written to the scenario: lognormal\. QQ/);
    expect(r.stdout).toContain(`Scenario written to ${out}`);
    expect(r.stderr).toContain('pathflow fit: warning: class "medical": 91 stays still in at the extract (censored)');
    const check = pathflow('check', out);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^ok: "fitted" — 1 site, 1 ward, 2 classes, 2 pathways, 0 variants\n/);
    expect(check.code).toBe(0);
  });

  test('a step extract: the routing tables and a pathway with branches; its columns renamed by flag; --steps keeps only those named', () => {
    const out = join(tmp, 'steps.yaml');
    const r = pathflow('fit', 'validation/examples/ed-steps.csv', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Routing between steps, from 1,659 journeys/);
    expect(r.stdout).toMatch(/triage +minors +1077 +0\.6492 \[0\.6259, 0\.6718\]/);
    expect(r.stdout).toMatch(/incomplete-patient: a patient with a row without a readable time or a step/);
    expect(pathflow('check', out).code).toBe(0);
    // The same rows under other names, and a step dropped.
    const rows = Array.from({ length: 12 }, (_, i) => { const h = String(i + 1).padStart(2, '0'); return [`${i},ed,triage,2025-01-01 ${h}:00`, `${i},ed,xray,2025-01-01 ${h}:30`, `${i},ed,home,2025-01-01 ${h}:${String(31 + i).padStart(2, '0')}`]; }).flat();
    const renamed = file('renamed.csv', 'id,class,where,when\n' + rows.join('\n') + '\n');
    const named = pathflow('fit', renamed, '--patient-column', 'id', '--step-column', 'where', '--time-column', 'when', '--steps', 'triage,home', '--json');
    const doc = JSON.parse(named.stdout);
    expect(doc.kind).toBe('steps');
    expect(doc.data.problems['unknown-step'].count).toBe(12);
    expect(doc.classes[0].steps.transitions.map((t: { from: string; to: string }) => `${t.from}→${t.to}`)).toEqual(['triage→home']);
    expect(pathflow('fit', renamed, '--step-column', 'where').stderr).toMatch(/no "patient" column .*--patient-column NAME/);
  });

  test('without --out the scenario follows the report; --json holds the figures and the scenario', () => {
    const r = pathflow('fit', example, '--family', 'weibull', '--id', 'my-ward');
    expect(r.code).toBe(0);
    const yaml = r.stdout.slice(r.stdout.indexOf('Scenario:\n\n') + 11);
    expect(yaml).toMatch(/^# Fitted by `pathflow fit admissions.csv`/);
    expect(yaml).toContain('id: my-ward\n');
    expect(yaml).toContain('duration: { dist: weibull, shape: ');
    const j = pathflow('fit', example, '--json', '--extract', '2025-01-01 00:00');
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc.data.extract).toBe('2025-01-01 00:00');
    expect(doc.classes[0].arrivals.cells).toHaveLength(7);
    expect(doc.classes[0].arrivals.cells[0]).toHaveLength(24);
    expect(doc.scenario).toContain('pathways:');
  });

  test('a file that cannot be used: its line (and column) named, exit 1', () => {
    const short = pathflow('fit', file('short.csv', 'class,arrival,departure\na,2024-01-01 10:00,2024-01-02 10:00\nb,2024-01-01 11:00\n'));
    expect(short.code).toBe(1);
    expect(short.stderr).toBe(`pathflow fit: ${join(tmp, 'short.csv')}: line 3: 2 fields, but the header has 3 (class, arrival, departure)\n`);
    const column = pathflow('fit', file('column.csv', 'class,admitted,departure\na,2024-01-01 10:00,2024-01-02 10:00\n'));
    expect(column.code).toBe(1);
    expect(column.stderr).toContain('no "arrival" column (columns: "class", "admitted", "departure"); name it with --arrival-column NAME');
    const fixed = pathflow('fit', join(tmp, 'column.csv'), '--arrival-column', 'admitted');
    expect(fixed.code).toBe(1); // readable now, but one stay is too few to fit
    expect(fixed.stderr).toContain('no class can be fitted: class "a" has 1 complete stay, fewer than 10');
    const missing = pathflow('fit', join(tmp, 'nothing-here.csv'));
    expect([missing.code, missing.stderr]).toEqual([1, `pathflow fit: ${join(tmp, 'nothing-here.csv')}: no such file\n`]);
  });

  test('--out that cannot be written (a full disk, a directory, a missing directory): one line naming --out and why, the report and scenario still printed, exit 1', () => {
    for (const [out, reason] of [['/dev/full', 'ENOSPC'], [tmp, 'EISDIR'], [join(tmp, 'no-such-dir', 'x.yaml'), 'ENOENT']] as const) {
      if (out === '/dev/full' && !existsSync(out)) continue;
      const r = pathflow('fit', example, '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('    at ');
      expect(r.stderr).toContain(`\npathflow fit: --out ${out}: cannot write it (${reason}: `);
      expect(r.stdout).toContain('admissions.csv: 6,916 rows');
      expect(r.stdout).toContain('Scenario:\n\n# Fitted by `pathflow fit admissions.csv`');
    }
  });

  test('a fit that fails says what is wrong, after the problem rows and the classes\' warnings (nothing dropped silently)', () => {
    const day = (i: number, h = 10) => new Date(Date.UTC(2024, 0, 1 + i, h)).toISOString().slice(0, 16).replace('T', ' ');
    // 100 complete stays, every one 24 hours: stays enough, but nothing varies.
    const equal = pathflow('fit', file('equal.csv', ['arrival,departure', ...Array.from({ length: 100 }, (_, i) => `${day(i)},${day(i + 1)}`)].join('\n')));
    expect(equal.code).toBe(1);
    expect(equal.stderr).toContain('no class can be fitted: class "patients"\'s 100 complete stays all last 24 hours: no variation to fit (a family needs at least 3 different lengths)');
    expect(equal.stderr).not.toContain('complete stays to fit');
    // Every departure before its arrival: the rows are counted and shown, with the reason.
    const negative = pathflow('fit', file('negative.csv', ['arrival,departure', ...Array.from({ length: 30 }, (_, i) => `${day(i, 12)},${day(i, 9)}`)].join('\n')));
    expect(negative.code).toBe(1);
    expect(negative.stderr).toMatch(/^Rows with problems \(none dropped silently\):\n {6}30 {2}negative: departure before arrival/);
    expect(negative.stderr).toContain('no class can be fitted: class "patients" has 0 complete stays, fewer than 10 (rows with problems: 30 negative)');
    // No readable row: the counts are in the message itself, and the rows above it.
    const unreadable = pathflow('fit', file('unreadable.csv', 'arrival,departure\nfoo,bar\nbaz,qux\n'));
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toBe('Rows with problems (none dropped silently):\n' +
      '       2  bad-arrival: arrival time not readable: row not used (column "arrival": line 2 "foo", line 3 "baz")\n' +
      `pathflow fit: ${join(tmp, 'unreadable.csv')}: no usable rows: none of the 2 rows has a readable arrival time and a class (2 bad-arrival)\n`);
  });

  test('limits: rows and size, each refused with how to raise it, exit 1', () => {
    const rows = pathflow('fit', example, '--max-rows', '100');
    expect(rows.code).toBe(1);
    expect(rows.stderr).toContain('more than 100 rows (raise the limit with --max-rows N)');
    const big = file('big.csv', 'class,arrival,departure\n' + 'a,2024-01-01 10:00,2024-01-02 10:00\n'.repeat(30_000));
    const size = pathflow('fit', big, '--max-mb', '1');
    expect(size.code).toBe(1);
    expect(size.stderr).toContain('1.1 MB, more than 1 MB (raise the limit with --max-mb N)');
  });

  test('usage errors: exit 2 with the usage text', () => {
    for (const args of [['fit'], ['fit', example, '--family', 'normal'], ['fit', example, '--id', 'My Ward'], ['fit', example, '--max-rows', '0'], ['fit', example, '--max-rows', '5000001'], ['fit', example, '--max-mb', '201']]) {
      const r = pathflow(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\n\nusage: pathflow (<command>|validate|fit) /);
    }
    expect(pathflow('help').stdout).toContain('  fit FILE.csv [--out SCENARIO.yaml]');
  });
});
