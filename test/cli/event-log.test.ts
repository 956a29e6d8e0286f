// `pathflow run FILE --event-log OUT` (issue 18, docs/event-log.md): the file it writes as
// CSV (a table: RFC 4180, every row as wide as the header) and as OCEL 2.0 JSON (its
// required keys; every event's objects declared; every type declared), the bound on its
// size (--max-events), and the errors of a bad path or option, naming the option.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathflow } from './in-process.ts';
import { parseCsv } from '../../scenarios/fit/csv.ts';
import { CSV_COLUMNS } from '../../runner/event-log/csv.ts';

const clinic = fileURLToPath(new URL('../../scenarios/library/teaching-clinic.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pathflow-event-log-'));

const run = (...more: string[]) => pathflow('run', clinic, '--reps', '2', '--workers', '1', '--csv', ...more);

describe('run --event-log', () => {
  test('CSV: a table with the documented columns; with time.startDate, ISO date-times', async () => {
    const file = join(dir, 'clinic.csv');
    // The clinic with a date for its day 0 (a Monday, as its startWeekday).
    const dated = join(dir, 'dated-clinic.yaml');
    writeFileSync(dated, readFileSync(clinic, 'utf8').replace(/^time:\n/m, 'time:\n  startDate: "2026-01-05"\n'));
    const r = await pathflow('run', dated, '--reps', '2', '--workers', '1', '--csv', '--event-log', file, '--event-log-replication', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/event log of replication 2 of the baseline: [\d,]+ events written to/);
    const t = parseCsv(readFileSync(file, 'utf8'));
    if (!t.ok) throw new Error(t.message);
    expect(t.value.header).toEqual([...CSV_COLUMNS]);
    expect(t.value.rows.length).toBeGreaterThan(100);
    for (const row of t.value.rows) expect(row.fields).toHaveLength(CSV_COLUMNS.length);
    const first = [...t.value.rows][0].fields;
    const hours = Number(first[CSV_COLUMNS.indexOf('time_hours')]);
    expect(first[CSV_COLUMNS.indexOf('lifecycle')]).toBe('arrive');
    expect(Date.parse(first[CSV_COLUMNS.indexOf('datetime')])).toBe(Date.parse('2026-01-05T00:00:00Z') + Math.round(hours * 3_600_000));
    const lifecycles = new Set([...t.value.rows].map((x) => x.fields[CSV_COLUMNS.indexOf('lifecycle')]));
    for (const l of ['arrive', 'wait', 'start', 'complete', 'leave']) expect(lifecycles).toContain(l);
  });

  test('OCEL 2.0 JSON: required keys, declared types, and every event\'s objects exist', async () => {
    const file = join(dir, 'clinic.ocel.json');
    const r = await run('--event-log', file);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(doc).sort()).toEqual(['eventTypes', 'events', 'objectTypes', 'objects']);
    const objectTypes = new Set(doc.objectTypes.map((t: { name: string; attributes: unknown[] }) => { expect(Array.isArray(t.attributes)).toBe(true); return t.name; }));
    const eventTypes = new Set(doc.eventTypes.map((t: { name: string }) => t.name));
    const objects = new Map<string, string>();
    for (const o of doc.objects) {
      expect(typeof o.id).toBe('string');
      expect(objectTypes.has(o.type), o.type).toBe(true);
      expect(objects.has(o.id), `object ${o.id} twice`).toBe(false);
      objects.set(o.id, o.type);
    }
    const ids = new Set<string>();
    for (const e of doc.events) {
      expect(ids.has(e.id)).toBe(false);
      ids.add(e.id);
      expect(eventTypes.has(e.type), e.type).toBe(true);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(e.relationships.length).toBeGreaterThan(0);
      for (const rel of e.relationships) {
        expect(objects.has(rel.objectId), rel.objectId).toBe(true);
        expect(typeof rel.qualifier).toBe('string');
      }
      expect(objects.get(e.relationships[0].objectId)).toBe('patient');
    }
    expect(doc.events.length).toBeGreaterThan(100);
  });

  test('--max-events: the log stops there, still a valid file, and the command says so (exit 1)', async () => {
    const csv = join(dir, 'short.csv');
    const r = await run('--event-log', csv, '--max-events', '50');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--event-log .*short\.csv: stopped at 50 events \(--max-events 50\)/);
    const t = parseCsv(readFileSync(csv, 'utf8'));
    expect(t.ok && t.value.rows.length).toBe(50);
    const json = join(dir, 'short.json');
    expect((await run('--event-log', json, '--max-events', '50')).code).toBe(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).events).toHaveLength(50);
  });

  test('bad paths and options: a clear message naming the option, a non-zero exit, nothing run', async () => {
    const cases: [string[], RegExp, number][] = [
      [['--event-log', join(dir, 'no-such-dir', 'x.csv')], /--event-log .*x\.csv: cannot write it/, 1],
      [['--event-log', join(dir, 'x.txt')], /--event-log .*x\.txt: say which format/, 2],
      [['--event-log', join(dir, 'x.csv'), '--event-log-format', 'xes'], /--event-log-format expected csv or ocel, got "xes"/, 2],
      [['--max-events', '10'], /--max-events goes with --event-log FILE/, 2],
      [['--event-log-replication', '2'], /--event-log-replication goes with --event-log FILE/, 2],
      [['--event-log', join(dir, 'x.csv'), '--max-events', '60000000'], /--max-events needs an integer ≤ 50,000,000 \(events in an event log/, 2],
      [['--event-log', join(dir, 'x.csv'), '--event-log-replication', '0'], /--event-log-replication needs an integer ≥ 1/, 2],
      [['--event-log', join(dir, 'x.csv'), '--event-log-replication', '3'], /--event-log-replication 3 is past the replications run \(--reps 2\)/, 2],
      [['--event-log', join(dir, 'x.csv'), '--event-log-variant', 'nope'], /--event-log-variant: unknown variant "nope"/, 2],
    ];
    for (const [args, message, code] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });
});
