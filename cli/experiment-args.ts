// Options of the experiment commands (sweep, seek, warmup), read the way `run` reads its
// own: `--flag value` or `--flag=value`, one FILE, integers checked with the option named.
// A problem is a usage error (main.ts prints it with the usage text and exits 2). Counts
// are bounded by their documented maxima (counts.ts).
import { countOption } from '../runner/counts.ts';
export type OptionKind = 'flag' | 'int' | 'int0' | 'number' | 'string' | 'repeat';

export interface Parsed {
  file: string;
  flags: Set<string>;
  ints: Map<string, number>;
  numbers: Map<string, number>;
  strings: Map<string, string>;
  repeats: Map<string, string[]>;
}

/** `spec` maps each option (with its dashes) to its kind; `aliases` maps other spellings to it. */
export function parseOptions(command: string, args: readonly string[], spec: Record<string, OptionKind>, aliases: Record<string, string> = {}): Parsed | { usage: string } {
  const out: Parsed = { file: '', flags: new Set(), ints: new Map(), numbers: new Map(), strings: new Map(), repeats: new Map() };
  const files: string[] = [];
  const usage = (m: string) => ({ usage: `${command}: ${m}` });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [raw, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const flag = aliases[raw] ?? raw;
    const kind = spec[flag];
    if (kind === undefined) {
      if (arg.startsWith('-') && !/^-\d/.test(arg)) return usage(`unknown option "${arg}"`);
      files.push(arg);
      continue;
    }
    if (kind === 'flag') {
      if (inline !== undefined) return usage(`${flag} takes no value`);
      out.flags.add(flag);
      continue;
    }
    const v = inline ?? args[++i];
    const got = v === undefined ? 'nothing' : JSON.stringify(v);
    if (v === undefined || (inline === undefined && v.startsWith('--'))) return usage(`${flag} needs a value, got ${got}`);
    if (kind === 'int' || kind === 'int0') {
      const n = countOption(command, flag, v, kind === 'int' ? 1 : 0);
      if (typeof n === 'string') return { usage: n };
      out.ints.set(flag, n);
    } else if (kind === 'number') {
      if (v.trim() === '' || !Number.isFinite(Number(v))) return usage(`${flag} needs a number, got ${got}`);
      out.numbers.set(flag, Number(v));
    } else if (kind === 'string') {
      if (out.strings.has(flag)) return usage(`${flag} given twice`);
      out.strings.set(flag, v);
    } else out.repeats.set(flag, [...(out.repeats.get(flag) ?? []), v]);
  }
  if (files.length !== 1) return usage(files.length === 0 ? `which file? (${command} FILE)` : `one file at a time, got ${files.join(', ')}`);
  out.file = files[0];
  if (out.flags.has('--json') && out.flags.has('--csv')) return usage('give --json or --csv, not both');
  return out;
}

export type Format = 'table' | 'json' | 'csv';
export const formatOf = (p: Parsed): Format => (p.flags.has('--json') ? 'json' : p.flags.has('--csv') ? 'csv' : 'table');

/** Options every experiment command takes. */
export const COMMON: Record<string, OptionKind> = {
  '--seed': 'int0', '--workers': 'int', '--redis': 'string', '--variant': 'string', '--set': 'repeat', '--json': 'flag', '--csv': 'flag', '--limit': 'repeat',
};
