// The command-line options both faces take, defined once (cli/ and server/'s `pathflow
// serve` may not import each other, so what they share lives here), and the one reader of
// every command's arguments. node:util's parseArgs splits them (`--flag value` and
// `--flag=value` alike, a value starting with '-' taken as the value it follows); each
// option's kind then checks its value and words the usage message, so one option says the
// same thing in every command: counts through countOption, with their documented maxima.
import { parseArgs } from 'node:util';
import { countOption } from './counts.ts';

interface Spelling {
  /** Other spellings, each meaning the option itself (`--replications` for `--reps`). */
  aliases?: readonly string[];
}

/** What an option takes, and what it says when that is missing or wrong. */
export type Option = Spelling & (
  /** No value (`--json`); `--json=x` is refused. */
  | { kind: 'flag' }
  /** An integer from `least` to the option's maximum (runner/counts.ts). Given twice, the last counts. */
  | { kind: 'count'; least: number }
  /** A finite number, at least `least` when given; `what` names it in the message (default "a number"). */
  | { kind: 'number'; least?: number; what?: string }
  /**
   * One value, never empty: `needs` names it in the message ("--redis needs a URL"). Given
   * twice, the last counts, or with `once` it is a usage error (two targets are a mistake).
   */
  | { kind: 'text'; needs?: string; once?: boolean }
  /** A value that may be given again (`--limit a=1 --limit b=2`), each kept in order; never empty. */
  | { kind: 'list'; needs?: string }
);

export type Options = Readonly<Record<string, Option>>;

/** The options several commands take, one definition each. */
export const COMMON = {
  '--reps': { kind: 'count', least: 1, aliases: ['--replications'] },
  '--seed': { kind: 'count', least: 0 },
  '--workers': { kind: 'count', least: 1 },
  '--jobs': { kind: 'count', least: 1 },
  '--redis': { kind: 'text', needs: 'a URL (redis://host:port)' },
  '--limit': { kind: 'list', needs: 'NAME=N' },
  '--set': { kind: 'list' },
  '--json': { kind: 'flag' },
  '--csv': { kind: 'flag' },
} as const satisfies Options;

/** Some of the common options, for a command's own set. */
export function common<K extends keyof typeof COMMON>(...flags: K[]): Pick<typeof COMMON, K> {
  return Object.fromEntries(flags.map((f) => [f, COMMON[f]])) as Pick<typeof COMMON, K>;
}

/** The arguments read, each option under its own name (with dashes), whatever spelling was typed. */
export interface Parsed {
  positionals: string[];
  flags: Set<string>;
  counts: Map<string, number>;
  numbers: Map<string, number>;
  texts: Map<string, string>;
  lists: Map<string, string[]>;
}

/** Why the arguments were refused. */
export interface Refusal {
  /** The usage message, `command: …`. */
  usage: string;
  /** The argument refused, as typed. */
  arg: string;
  /** For a missing or wrong value: the option as typed, and the value (undefined when none came). */
  option?: string;
  value?: string;
}

/**
 * The arguments of `command` read against its options, or the first one refused, in the order
 * given. A name not among the options, anything after `--`, a lone `-` and (without
 * `positionals`) any other word are unknown options, as they always were. A value comes from
 * `--flag=value` or the next argument; one taken from the next argument that starts with
 * `--` is no value (`--redis --json`: the URL was forgotten), but `--range -5..5` is one.
 */
export function parseOptions(command: string, args: readonly string[], options: Options, positionals = true): Parsed | Refusal {
  const canonical = new Map<string, string>();
  const config: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [flag, o] of Object.entries(options)) {
    for (const spelling of [flag, ...(o.aliases ?? [])]) {
      canonical.set(spelling.slice(2), flag);
      config[spelling.slice(2)] = { type: o.kind === 'flag' ? 'boolean' : 'string' };
    }
  }
  // Not strict: parseArgs would refuse `--seed -1` as ambiguous and word errors its own way;
  // the tokens say what was typed, and the checks below say what is wrong with it.
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  const out: Parsed = { positionals: [], flags: new Set(), counts: new Map(), numbers: new Map(), texts: new Map(), lists: new Map() };
  const unknown = (arg: string): Refusal => ({ usage: `${command}: unknown option "${arg}"`, arg });
  let previous = -1;
  for (const t of tokens) {
    // A group of short options (-xy) is several tokens of one argument: refused at the first.
    if (t.index === previous) continue;
    previous = t.index;
    const arg = args[t.index];
    if (t.kind === 'option-terminator') return unknown(arg);
    if (t.kind === 'positional') {
      if (!positionals || arg.startsWith('-')) return unknown(arg);
      out.positionals.push(arg);
      continue;
    }
    const flag = t.rawName.startsWith('--') ? canonical.get(t.name) : undefined;
    if (flag === undefined) return unknown(arg);
    const o = options[flag];
    const value = t.value;
    const got = value === undefined ? 'nothing' : JSON.stringify(value);
    const refuse = (message: string): Refusal => ({ usage: `${command}: ${message}`, arg, option: t.rawName, value });
    switch (o.kind) {
      case 'flag':
        if (value !== undefined) return refuse(`${flag} takes no value`);
        out.flags.add(flag);
        break;
      case 'count': {
        const n = countOption(command, flag, value, o.least);
        if (typeof n === 'string') return { usage: n, arg, option: t.rawName, value };
        out.counts.set(flag, n);
        break;
      }
      case 'number': {
        const n = value === undefined || value.trim() === '' ? NaN : Number(value);
        if (!Number.isFinite(n) || (o.least !== undefined && n < o.least)) return refuse(`${flag} needs ${o.what ?? 'a number'}, got ${got}`);
        out.numbers.set(flag, n);
        break;
      }
      case 'text':
      case 'list': {
        if (value === undefined || value === '' || (!t.inlineValue && value.startsWith('--'))) return refuse(`${flag} needs ${o.needs ?? `a value, got ${got}`}`);
        if (o.kind === 'list') out.lists.set(flag, [...(out.lists.get(flag) ?? []), value]);
        else if (o.once && out.texts.has(flag)) return refuse(`${flag} given twice`);
        else out.texts.set(flag, value);
      }
    }
  }
  return out;
}
