// The command line's side of the options (their definitions and reader: runner/options.ts):
// what the experiment commands (sweep, seek, warmup) all take, their one FILE, and the
// output format of the commands that print a table, --json or --csv. A problem is a usage
// error (main.ts prints it with the usage text and exits 2).
import { COMMON, common, parseOptions, type Options, type Parsed } from '../runner/options.ts';

/** Options every experiment command takes. A second --variant or --redis is refused, not taken over the first. */
export const EXPERIMENT_OPTIONS = {
  ...common('--seed', '--workers', '--set', '--json', '--csv', '--limit'),
  '--redis': { ...COMMON['--redis'], once: true },
  '--variant': { kind: 'text', once: true },
} as const satisfies Options;

export type Format = 'table' | 'json' | 'csv';

/** The output format, or the usage message when both --json and --csv are given. */
export function formatOf(command: string, p: Parsed): Format | { usage: string } {
  if (p.flags.has('--json') && p.flags.has('--csv')) return { usage: `${command}: give --json or --csv, not both` };
  return p.flags.has('--json') ? 'json' : p.flags.has('--csv') ? 'csv' : 'table';
}

export interface ExperimentArgs extends Parsed {
  file: string;
  format: Format;
}

/** The arguments of an experiment command: its options, one FILE, one format; or the usage message. */
export function parseExperimentArgs(command: string, args: readonly string[], options: Options): ExperimentArgs | { usage: string } {
  const p = parseOptions(command, args, options);
  if ('usage' in p) return { usage: p.usage };
  const files = p.positionals;
  if (files.length !== 1) return { usage: `${command}: ${files.length === 0 ? `which file? (${command} FILE)` : `one file at a time, got ${files.join(', ')}`}` };
  const format = formatOf(command, p);
  if (typeof format !== 'string') return format;
  return { ...p, file: files[0], format };
}
