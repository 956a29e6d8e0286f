// What a STRESS-DES report (scenarios/report/) needs from Node, for the command line and
// the server alike: this machine (os, cpus, Node.js), pathflow's version and the declared
// versions of the packages its numbers depend on (package.json), and a scenario's text
// read into the report's input (the document as written, as parsed, and its comments).
import { cpus, arch, platform, release } from 'node:os';
import { readFileSync } from 'node:fs';
import { parseText } from '../../scenarios/text.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import type { Issue } from '../../scenarios/errors.ts';
import type { Machine, ReportInput, Software } from '../../scenarios/report/input.ts';
import { yamlComments } from '../../scenarios/report/comments.ts';
import { packagePath } from '../package-root.ts';

/** The packages whose code computes the numbers (the engine's arithmetic and random streams, the scenario checks). */
const NUMBERS_FROM = ['seedrandom', 'zod', 'yaml', '@stdlib/stats-base-dists-t-quantile', '@stdlib/math-base-special-gammaln'];

/** This machine as a run document records it (provenance.machine). */
export function machineFacts(): { cpuModel: string; cores: number; os: string; node: string } {
  const c = cpus();
  return { cpuModel: [...new Set(c.map((x) => x.model.trim()))].join(', ') || 'unknown processor', cores: Math.max(1, c.length), os: `${platform()} ${release()} (${arch()})`, node: process.version };
}

export function thisMachine(): Machine {
  const c = cpus();
  const models = [...new Set(c.map((x) => x.model.trim()))].join(', ');
  return { node: process.version, os: `${platform()} ${release()} (${arch()})`, cpus: `${c.length} × ${models || 'unknown processor'}` };
}

export function software(): Software {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const deps = pkg.dependencies ?? {};
  return { pathflow: pkg.version, libraries: Object.fromEntries(NUMBERS_FROM.filter((d) => deps[d]).map((d) => [d, deps[d]])) };
}

/** A scenario's text (YAML or JSON) as the report's input, or the issues that stop it. */
export function reportInputFromText(text: string, file: string, format?: 'json' | 'yaml'): { ok: true; value: Omit<ReportInput, 'software' | 'madeOn' | 'madeAt'> } | { ok: false; issues: Issue[] } {
  const raw = parseText(text, format);
  if (!raw.ok) return raw;
  const parsed = parseScenario(raw.value);
  if (!parsed.ok) return parsed;
  const isYaml = format === 'yaml' || (format === undefined && !/^\s*\{/.test(text));
  const c = isYaml ? yamlComments(text) : undefined;
  return { ok: true, value: { raw: raw.value, scenario: parsed.value, file, ...(c ? { comments: c.byPath, ...(c.head ? { headComment: c.head } : {}) } : {}) } };
}
