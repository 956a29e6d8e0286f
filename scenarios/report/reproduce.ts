// The exact commands that reproduce a run (and this report) from the scenario file: the
// same seed and replications give the same numbers on any machine and worker count.
import type { ReportInput } from './input.ts';

/** Quoted for a POSIX shell where it needs to be. */
export const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function reproduceCommands({ file, scenario: s, run }: ReportInput): string[] {
  const f = shellWord(file);
  if (!run) return [`pathflow run ${f} --json > run.json`, `pathflow report ${f} --run run.json --out report.html`];
  const doc = run.doc;
  const args = ['pathflow', 'run', f];
  const p = doc.precision;
  if (p) {
    args.push('--precision', shellWord(p.target.replace(/^±/, '')), '--precision-kpis', shellWord(p.kpis.join(',')), '--max-reps', String(p.maxReplications));
    // The first batch, where the run document records it and it is not the scenario's.
    if (p.firstReplications !== undefined && p.firstReplications !== s.time.replications) args.push('--reps', String(p.firstReplications));
  } else if (doc.replications !== s.time.replications) args.push('--reps', String(doc.replications));
  if (doc.seed !== s.time.seed) args.push('--seed', String(doc.seed));
  for (const x of doc.provenance?.settings ?? []) args.push('--set', shellWord(x));
  const ran = doc.variants.slice(1).map((v) => v.id);
  if (ran.length !== s.variants.length) args.push('--variants', ran.length ? ran.join(',') : 'baseline');
  return [`${args.join(' ')} --json > run.json`, `pathflow report ${f} --run run.json --out report.html`];
}
