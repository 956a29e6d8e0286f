// The page reads scenario text as the command line does (both through scenarios/text.ts):
// same parse for the library, errors named for bad input.
import { expect, test } from 'vitest';
import { scenarioFromText } from '../../ui/src/teach/scenario-text.ts';
import { loadScenario } from '../../scenarios/load.ts';
import { readFileSync } from 'node:fs';
import { LIBRARY_FROM_DISK, TEACHING_FILE } from './helpers.ts';

test('the teaching scenario parses to exactly what pathflow reads from the file', () => {
  const page = scenarioFromText(LIBRARY_FROM_DISK['teaching-clinic']);
  const cli = loadScenario(TEACHING_FILE);
  expect(page).toEqual(cli);
  expect(page.ok).toBe(true);
});

test('broken YAML, broken JSON and an invalid scenario say what is wrong', () => {
  const yaml = scenarioFromText('id: x\n  bad: [indent');
  expect(yaml.ok).toBe(false);
  expect(!yaml.ok && yaml.issues[0].message).toMatch(/^not valid YAML at line \d+, column \d+: /);
  const json = scenarioFromText('{ "id": ');
  expect(!json.ok && json.issues[0].message).toMatch(/^not valid JSON: /);
  const invalid = scenarioFromText('id: x\n');
  expect(invalid.ok).toBe(false);
  expect(!invalid.ok && invalid.issues.length).toBeGreaterThan(0);
});

test('a YAML alias bomb opened in the page is an issue, as on the command line, not an exception', () => {
  const bomb = new URL('../fixtures/alias-bomb.yaml', import.meta.url).pathname;
  const page = scenarioFromText(readFileSync(bomb, 'utf8'));
  expect(page).toEqual(loadScenario(bomb));
  expect(!page.ok && page.issues[0].message).toMatch(/^not valid YAML: its aliases \(\*name\) expand to more data than a scenario could hold/);
});
