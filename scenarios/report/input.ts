// What a STRESS-DES report is made from: the scenario (its document as written, and as
// parsed), optionally a run's document and a warm-up study, and facts about the software
// and machines that only the caller (command line or server) can know. Passed in, so that
// building the report stays pure and the same for both.
import type { Scenario } from '../schema/scenario.ts';
import type { RunResultDoc } from '../schema/run-result.ts';

export interface Machine {
  /** "v22.11.0" */
  node: string;
  /** "linux 6.1.0 (x64)" */
  os: string;
  /** "2 × Intel(R) Xeon(R) CPU @ 2.20GHz" */
  cpus: string;
}

export interface Software {
  /** pathflow's version (package.json). */
  pathflow: string;
  /** The declared versions of the packages the numbers depend on (package.json): seedrandom, zod, @stdlib/… */
  libraries: Record<string, string>;
}

export interface RunFacts {
  doc: RunResultDoc;
  /** Where it ran: "the command line" (a --run file) or "this server" (a stored run). */
  where: 'command line' | 'server';
  /** The machine it ran on, when that is known (a stored run: the server's); undefined: not recorded. */
  machine?: Machine;
  /** More about the machine, e.g. that replications ran on job-queue workers. */
  machineNote?: string;
  /** ISO 8601 times, when known (a stored run). */
  startedAt?: string;
  finishedAt?: string;
}

/** What `pathflow warmup --json` wrote (runner/experiment/results.ts: WarmupResultDoc), the fields the report uses. */
export interface WarmupFacts {
  series: string;
  window: number;
  replications: number;
  suggestedWarmupDays: number;
  currentWarmupDays: number;
  /** Why the suggestion is not to be used as it stands (a horizon or replications too few), when it is not. */
  caveat?: string;
}

export interface ReportInput {
  /** The document as written (before defaults), for the parameters it states. */
  raw: unknown;
  scenario: Scenario;
  /** The file's name as the user knows it ("scenarios/library/winter-dgh.yaml"), for the commands to reproduce. */
  file: string;
  /** Comments of a YAML file by parameter path (comments.ts): a parameter's stated source. */
  comments?: ReadonlyMap<string, string>;
  /** The comment at the head of a YAML file (e.g. what `pathflow fit` wrote about its data). */
  headComment?: string;
  run?: RunFacts;
  warmup?: WarmupFacts;
  software: Software;
  /** Where and when this report is made. */
  madeOn: Machine;
  madeAt: string;
}
