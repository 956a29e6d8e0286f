// Reading scenario files: JSON and YAML, and the problems a file can have before its
// contents are even checked (missing, not parseable) as issues with a position.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadScenario, MAX_SCENARIO_FILE_BYTES } from '../../scenarios/load.ts';
import { parseText } from '../../scenarios/text.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { smallScenario } from './scenario-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathflow-load-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const issues = (r: ReturnType<typeof loadScenario>) => (r.ok ? 'ok' : formatIssues(r.issues).replaceAll(dir, 'DIR'));

describe('loadScenario', () => {
  test('a file larger than a scenario may be is refused by its size, before it is read', () => {
    const big = file('big.yaml', '');
    truncateSync(big, MAX_SCENARIO_FILE_BYTES + 1); // sparse: no disk used
    expect(issues(loadScenario(big))).toBe('  ✖ (top level): "DIR/big.yaml" is 50.0 MB, more than a scenario file may be (50 MB)');
  });

  test('JSON and YAML give the same scenario', () => {
    const a = loadScenario(file('a.json', JSON.stringify(smallScenario())));
    const b = loadScenario(file('b.yaml', stringify(smallScenario())));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.value).toEqual(a.value);
  });

  test('without a known extension the content decides', () => {
    expect(loadScenario(file('c.scenario', JSON.stringify(smallScenario()))).ok).toBe(true);
    expect(loadScenario(file('d.scenario', stringify(smallScenario()))).ok).toBe(true);
  });

  test('a YAML syntax error gives its line and column', () => {
    expect(issues(loadScenario(file('bad.yaml', 'id: x\nsites: [ { id: a }\ntitle: t\n')))).toMatchInlineSnapshot(`"  ✖ (top level): not valid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
  });

  test('a JSON syntax error', () => {
    expect(issues(loadScenario(file('bad.json', '{ "id": "x", }')))).toMatch(/^ {2}✖ \(top level\): not valid JSON: /);
  });

  test('a YAML alias bomb is stopped at the parser\'s limit and is an issue, not an exception', () => {
    const bomb = new URL('../fixtures/alias-bomb.yaml', import.meta.url).pathname;
    expect(issues(loadScenario(bomb))).toMatchInlineSnapshot(`"  ✖ (top level): not valid YAML: its aliases (*name) expand to more data than a scenario could hold (Excessive alias count indicates a resource exhaustion attack)"`);
  });

  test('aliases within the limit are read as the values they stand for', () => {
    expect(parseText('shift: &day { start: "08:00", end: "20:00" }\nweekend: [*day, *day]\n', 'yaml'))
      .toEqual({ ok: true, value: { shift: { start: '08:00', end: '20:00' }, weekend: [{ start: '08:00', end: '20:00' }, { start: '08:00', end: '20:00' }] } });
  });

  test('a missing file', () => {
    expect(issues(loadScenario(join(dir, 'nope.yaml')))).toMatchInlineSnapshot(`"  ✖ (top level): no such file "DIR/nope.yaml""`);
  });

  test('a YAML file that parses but is not a valid scenario lists the errors', () => {
    expect(issues(loadScenario(file('e.yaml', 'id: Bad Id\ntitle: t\n')))).toMatchInlineSnapshot(`
      "  ✖ id: expected an id of lower-case letters, digits and dashes, got "Bad Id"
        ✖ time: missing: expected an object
        ✖ sites: missing: expected a list
        ✖ classes: missing: expected a list"
    `);
  });
});
