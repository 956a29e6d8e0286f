// Reading scenario text: a key given twice in one mapping is an error at its path and
// line (in block and flow style, at any depth), found by one pass with a set per mapping
// instead of the yaml library's comparison of each key with every earlier one.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseText } from '../../scenarios/text.ts';
import { loadScenarioText } from '../../scenarios/load.ts';
import { formatIssues } from '../../scenarios/errors.ts';

const issues = (text: string) => {
  const r = parseText(text, 'yaml');
  return r.ok ? 'ok' : formatIssues(r.issues);
};

describe('keys given twice', () => {
  test('in a block mapping: the second is reported at its path and line, with the first one\'s line', () => {
    expect(issues('id: a\ntime:\n  seed: 1\n  horizonDays: 10\n  seed: 2\n')).toBe('  ✖ time.seed: not valid YAML at line 5, column 3: the key "seed" is given twice in one mapping (first at line 3)');
  });

  test('in a flow mapping inside a list', () => {
    expect(issues('sites:\n  - { id: a, name: A, id: b }\n')).toBe('  ✖ sites[0].id: not valid YAML at line 2, column 23: the key "id" is given twice in one mapping (first at line 2)');
  });

  test('keys that the data would hold as one (1 and "1") are the same key', () => {
    expect(issues('oneOf: { 1: 0.5, "1": 0.5 }\n')).toMatch(/^ {2}✖ oneOf\["1"\]: not valid YAML at line 1, column 18: the key "1" is given twice/);
  });

  test('the same key in different mappings is not a duplicate', () => {
    expect(parseText('a: { id: x }\nb: { id: x }\nc: [ { id: 1 }, { id: 1 } ]\n', 'yaml')).toEqual({ ok: true, value: { a: { id: 'x' }, b: { id: 'x' }, c: [{ id: 1 }, { id: 1 }] } });
  });

  test('an alias is not walked again, and a duplicate inside its anchor is reported once', () => {
    const r = parseText('base: &b { x: 1, x: 2 }\nmore: [*b, *b]\n', 'yaml');
    expect(!r.ok && r.issues.map((i) => i.path.join('.'))).toEqual(['base.x']);
  });

  test('at most 20 are reported, in the order of the file', () => {
    const text = Array.from({ length: 30 }, (_, i) => `m${i}: { k: 1, k: 2 }`).join('\n');
    const r = parseText(text, 'yaml');
    expect(!r.ok && r.issues.map((i) => i.path.join('.'))).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}.k`));
  });

  test('a mapping of 50,000 keys, with one given twice at its end, is read and the duplicate named', () => {
    // Before, the yaml library's own check compared each key with every earlier one (2.9 s
    // for 20,000 keys, over a minute for 100,000: a file the server's 1 MB allows).
    const keys = Array.from({ length: 50_000 }, (_, i) => `c${i}: 0`);
    const text = `id: x\nattrs:\n  ${keys.join('\n  ')}\n  c7: 1\n`;
    expect(issues(text)).toBe(`  ✖ attrs.c7: not valid YAML at line 50003, column 3: the key "c7" is given twice in one mapping (first at line 10)`);
  });

  test('through loadScenarioText, the CLI\'s and server\'s reading, the duplicate is the only issue reported', () => {
    const r = loadScenarioText('id: x\nid: y\n', 'yaml');
    expect(r.ok ? 'ok' : formatIssues(r.issues)).toBe('  ✖ id: not valid YAML at line 2, column 1: the key "id" is given twice in one mapping (first at line 1)');
  });

  test('property: exactly the keys written twice in a mapping are reported, in block and flow style alike', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'id', 'x-1', '2');
    const entry = fc.tuple(key, fc.integer({ min: -5, max: 5 }));
    fc.assert(fc.property(fc.array(fc.array(entry, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (maps, flow) => {
      const lines = maps.map((m, i) => (flow
        ? `m${i}: { ${m.map(([k, v]) => `${k}: ${v}`).join(', ')} }`
        : `m${i}:${m.length === 0 ? ' {}' : ''}\n${m.map(([k, v]) => `  ${k}: ${v}`).join('\n')}`));
      const r = parseText(lines.join('\n') + '\n', 'yaml');
      const expected = maps.flatMap((m, i) => m.filter(([k], j) => m.findIndex(([k2]) => k2 === k) < j).map(([k]) => `m${i}.${k}`));
      if (expected.length === 0) {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(Object.fromEntries(maps.map((m, i) => [`m${i}`, Object.fromEntries(m)])));
      } else {
        expect(!r.ok && r.issues.map((i) => i.path.join('.'))).toEqual(expected);
      }
    }));
  });

  test('lists nested 100,000 deep: an issue in words, not the parser\'s stack overflow', () => {
    const r = parseText(`id: x\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/^not valid YAML at line 2, column \d+: lists or mappings are nested too deeply to read/);
  });

  test('a scenario written by the yaml library itself reads back unchanged', () => {
    const doc = { id: 'x', sites: [{ id: 'a', units: [{ id: 'ward', beds: 10 }] }], nested: { deep: { deeper: [1, 2, { k: 'v' }] } } };
    expect(parseText(stringify(doc), 'yaml')).toEqual({ ok: true, value: doc });
  });
});

describe('keys given twice in JSON (JSON.parse would keep the last silently)', () => {
  test('the second is reported at its path, line and column, in the words YAML\'s are', () => {
    const r = parseText('{\n "id": "a", "time": {\n  "seed": 1,\n  "seed": 2 }\n}', 'json');
    expect(r.ok ? 'ok' : formatIssues(r.issues)).toBe('  ✖ time.seed: not valid JSON at line 4, column 3: the key "seed" is given twice in one object (first at line 3)');
  });

  test('inside a list, at any depth; keys compared as the data holds them (escapes decoded); strings holding braces, commas and quotes are only strings', () => {
    const r = parseText('{"sites": [{"id": "a"}, {"id": "b", "name": "x,\\"}{\\", \\"id\\":", "\\u0069d": "c"}]}', 'json');
    expect(!r.ok && r.issues).toEqual([{ path: ['sites', 1, 'id'], message: 'not valid JSON at line 1, column 66: the key "id" is given twice in one object (first at line 1)' }]);
  });

  test('the same key in different objects, and a key equal to a value, are no duplicates', () => {
    const text = '{"a": {"id": "x"}, "b": {"id": "x"}, "c": [{"id": 1}, {"id": 1}], "d": "d", "e": {"e": "e"}}';
    expect(parseText(text, 'json')).toEqual({ ok: true, value: JSON.parse(text) });
  });

  test('any valid JSON without duplicates reads as JSON.parse reads it', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      const r = parseText(text, 'json');
      if (r.ok) expect(r.value).toEqual(JSON.parse(text));
    }), { numRuns: 300 });
  });
});
