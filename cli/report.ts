// `pathflow report FILE [--run RUN.json] [--warmup WARMUP.json] [--out FILE] [--format html|md]`:
// a STRESS-DES report of a scenario (scenarios/report/), with a run's results when given.
// Exit 0 written, 1 a file missing or invalid (said with its name), 2 a usage error.
import { readTextFile } from '../scenarios/read-text-file.ts';
import { extname } from 'node:path';
import { parseOptions } from '../runner/options.ts';
import { formatIssues } from '../scenarios/errors.ts';
import { RunResultSchema } from '../scenarios/schema/run-result.ts';
import { WarmupResultSchema } from '../runner/experiment/results.ts';
import { buildReport } from '../scenarios/report/build.ts';
import { runDocumentIssues } from '../scenarios/report/run-document.ts';
import { reportHtml } from '../scenarios/report/html.ts';
import { reportMarkdown } from '../scenarios/report/markdown.ts';
import type { RunFacts, WarmupFacts } from '../scenarios/report/input.ts';
import { reportInputFromText, software, thisMachine } from '../runner/report/stress.ts';
import { writeOutFile } from './out-file.ts';
import type { Io } from './validate.ts';

/** The largest scenario, run or warm-up document a report reads, in bytes. */
export const MAX_REPORT_INPUT_BYTES = 200e6;

const OPTIONS = {
  '--run': { kind: 'text', needs: 'a run document (pathflow run FILE --json > RUN.json)', once: true },
  '--warmup': { kind: 'text', needs: 'a warm-up document (pathflow warmup FILE --series NAME --json)', once: true },
  '--out': { kind: 'text', needs: 'a file name', once: true },
  '--format': { kind: 'text', needs: 'html or md', once: true },
} as const;

type Usage = { usage: string };

export function report(args: readonly string[], io: Io, now = new Date()): number | Usage {
  const p = parseOptions('report', args, OPTIONS);
  if ('usage' in p) return { usage: p.usage };
  if (p.positionals.length !== 1) return { usage: p.positionals.length === 0 ? 'report: which scenario? (report FILE)' : `report: one scenario at a time, got ${p.positionals.length}` };
  const out = p.texts.get('--out');
  const format = p.texts.get('--format') ?? (out && extname(out).toLowerCase() === '.md' ? 'md' : 'html');
  if (format !== 'html' && format !== 'md') return { usage: `report: --format needs html or md, got ${JSON.stringify(format)}` };
  const file = p.positionals[0];
  const fail = (what: string, message: string) => { io.err(`pathflow report: ${what}: ${message}\n`); return 1; };
  const read = (f: string): string | undefined => {
    // A run document with every replication's KPIs can be large, but not larger than this.
    const r = readTextFile(f, MAX_REPORT_INPUT_BYTES);
    if (r.ok) return r.text;
    if (r.tooLarge) fail(f, `${r.tooLarge.atLeast ? '' : `${(r.tooLarge.bytes / 1e6).toFixed(1)} MB, `}more than the ${MAX_REPORT_INPUT_BYTES / 1e6} MB a report reads`);
    else fail(f, r.code === 'ENOENT' ? 'no such file' : r.message);
    return undefined;
  };

  const text = read(file);
  if (text === undefined) return 1;
  const ext = extname(file).toLowerCase();
  const input = reportInputFromText(text, file, ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined);
  if (!input.ok) { io.err(`scenario "${file}" is invalid:\n${formatIssues(input.issues)}\n`); return 1; }

  let run: RunFacts | undefined;
  const runFile = p.texts.get('--run');
  if (runFile !== undefined) {
    const doc = readJson(runFile, read, fail, RunResultSchema, 'not a run document (pathflow run FILE --json)');
    if (typeof doc === 'number') return doc;
    if (doc.scenario !== input.value.scenario.id) return fail(runFile, `a run of scenario "${doc.scenario}", not of "${input.value.scenario.id}" (${file})`);
    const wrong = runDocumentIssues(input.value.scenario, doc);
    if (wrong.length) {
      io.err(`pathflow report: ${runFile}: not a run of ${file}:\n${formatIssues(wrong)}\n`);
      return 1;
    }
    run = { doc, where: 'command line' };
  }
  let warmup: WarmupFacts | undefined;
  const warmupFile = p.texts.get('--warmup');
  if (warmupFile !== undefined) {
    const doc = readJson(warmupFile, read, fail, WarmupResultSchema, 'not a warm-up document (pathflow warmup FILE --series NAME --json)');
    if (typeof doc === 'number') return doc;
    if (doc.scenario !== input.value.scenario.id) return fail(warmupFile, `a warm-up study of scenario "${doc.scenario}", not of "${input.value.scenario.id}" (${file})`);
    warmup = doc;
  }

  const r = buildReport({ ...input.value, run, warmup, software: software(), madeOn: thisMachine(), madeAt: now.toISOString() });
  const written = format === 'md' ? reportMarkdown(r) : reportHtml(r);
  if (out === undefined) { io.out(written); return 0; }
  const failed = writeOutFile('--out', out, written);
  if (failed !== undefined) { io.err(`pathflow report: ${failed}\n`); return 1; }
  io.err(`pathflow report: wrote ${out} (${format === 'md' ? 'Markdown' : 'HTML'}, ${r.sections.reduce((k, s) => k + s.items.length, 0)} checklist items)\n`);
  return 0;
}

/** A JSON file checked against its schema, or the exit code after saying why not. */
function readJson<T>(f: string, read: (f: string) => string | undefined, fail: (what: string, m: string) => number,
  schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, what: string): T | number {
  const text = read(f);
  if (text === undefined) return 1;
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) { return fail(f, `not valid JSON: ${(e as Error).message}`); }
  let parsed: ReturnType<typeof schema.safeParse>;
  // zod gathers issues with push(...issues): a document with hundreds of thousands of wrong
  // entries (200,000 KPIs without their fields) overflows the stack inside it.
  try { parsed = schema.safeParse(data); } catch (e) { return fail(f, `${what}: too large or too irregular to check (${(e as Error).message})`); }
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  return fail(f, `${what}: ${first.path.map(String).join('.') || '(the document)'}: ${first.message}`);
}
