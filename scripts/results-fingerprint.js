#!/usr/bin/env node
// Fingerprints of the results users read: the JSON document of `pathflow run` for every
// library scenario and of `pathflow validate` for every reference case (queueing models and
// scenario cases), with wall-clock fields removed. A refactoring or an optimisation that
// claims "results bit-identical" is checked by comparing fingerprints taken before and
// after it:
//
//   node scripts/results-fingerprint.js --out before.json [--docs DIR]
//   ...change...
//   node scripts/results-fingerprint.js --compare before.json [--docs DIR]
//
// --docs DIR also writes each document, so two runs can be diffed where they differ.
// Runs the built command (bin/pathflow.js): `npm run build:js` first after source edits.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    compare: { type: 'string' },
    docs: { type: 'string' },
    reps: { type: 'string', default: '5' },
  },
});

const library = readdirSync(join(root, 'scenarios/library')).filter((f) => f.endsWith('.yaml')).sort();
const jobs = [
  ...library.map((f) => ({
    name: `run ${f}`,
    args: ['run', join('scenarios/library', f), '--reps', values.reps, '--workers', '2', '--json'],
  })),
  { name: 'validate scenarios/reference', args: ['validate', 'scenarios/reference', '--json', '--jobs', '2'] },
  {
    name: 'validate validation/cases.json --smoke 20',
    args: ['validate', 'validation/cases.json', '--json', '--smoke', '20', '--jobs', '2'],
  },
];

// Wall-clock durations differ from run to run, and a run document's provenance (the machine
// it ran on) from machine to machine; everything else must not.
function withoutClock(value) {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'seconds' && k !== 'provenance').map(([k, v]) => [k, withoutClock(v)]));
  }
  return value;
}

const prints = {};
if (values.docs) mkdirSync(values.docs, { recursive: true });
for (const job of jobs) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pathflow.js'), ...job.args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  // validate exits 1 when a verdict fails: still a document to fingerprint.
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${job.name}: exit ${r.status}\n${r.stderr}`);
    process.exit(2);
  }
  const doc = JSON.stringify(withoutClock(JSON.parse(r.stdout)), null, 1);
  prints[job.name] = createHash('sha256').update(doc).digest('hex');
  if (values.docs) writeFileSync(join(values.docs, `${job.name.replace(/[^a-z0-9.-]+/gi, '_')}.json`), doc);
  console.error(`${job.name}: ${prints[job.name].slice(0, 16)}`);
}

if (values.out) writeFileSync(values.out, `${JSON.stringify(prints, null, 2)}\n`);
if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8'));
  const differ = Object.keys({ ...before, ...prints }).filter((k) => before[k] !== prints[k]);
  for (const k of differ) console.log(`differs: ${k}`);
  console.log(differ.length === 0 ? `identical: ${Object.keys(prints).length} documents` : `${differ.length} of ${Object.keys(prints).length} documents differ`);
  process.exit(differ.length === 0 ? 0 : 1);
}
if (!values.out) console.log(JSON.stringify(prints, null, 2));
