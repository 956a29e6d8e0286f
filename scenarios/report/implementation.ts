// Sections 5 and 6, Implementation and code access: pathflow's version and libraries, the
// random-number scheme as engine/core/random.ts implements it, how events are executed
// (engine/core/calendar.ts), the machines, and the commands that reproduce the run.
import type { Machine, ReportInput } from './input.ts';
import { code, list, missing, text, type Block } from './document.ts';
import { reproduceCommands } from './reproduce.ts';

/** The machine a run ran on: the server's record, or what the command line wrote into the run document. */
export function runMachine(run: ReportInput['run']): Machine | undefined {
  if (run?.machine) return run.machine;
  const m = run?.doc.provenance?.machine;
  return m ? { node: m.node, os: m.os, cpus: `${m.cores} × ${m.cpuModel}` } : undefined;
}

export function software({ software: sw, run, madeOn }: ReportInput): Block[] {
  const machine = runMachine(run);
  const node = machine?.node ?? madeOn.node;
  return [
    text(`pathflow ${sw.pathflow}, an open-source discrete-event simulator written in TypeScript, run on Node.js ${node}${machine ? '' : run ? ' (the Node.js of this report; the run document does not record its own)' : ' (the Node.js of this report)'}. Its engine is its own (no simulation library); the packages its numbers depend on:`),
    list(Object.entries(sw.libraries).map(([k, v]) => `${k} ${v}`)),
  ];
}

export function randomSampling({ scenario: s, run }: ReportInput): Block[] {
  const seed = run?.doc.seed ?? s.time.seed;
  return [text(`Alea (the seedrandom package), one generator per named stream. A stream is derived from the text “seed/replication/name” and nothing else (seed ${seed}, replication k = 0, 1, …), ` +
    'so replication k gives the same numbers in any process, worker or browser, and adding a stream never shifts another. Streams are named by what draws from them, with scenario ids: `arrivals:<class>`, `task:<class>/<step>`, `los:<class>/<step>`, `branch:<class>/<step>`, `delayed:…`, `readmit:…`, `planned:<list>`, `surgery:<list>`, and so on. ' +
    'Two options share a stream wherever they share the class and step it is named by: common random numbers.')];
}

export function execution(_: ReportInput): Block[] {
  return [text('Discrete-event, next-event time advance: a calendar of future events ordered by (time, priority, sequence), the sequence a counter, so simultaneous events run in the order they were scheduled and every run is identical. ' +
    'The phases of one instant, in order (engine/core/calendar.ts): releases, capacity changes, arrivals, deadlines; then the places free are given out by priority and arrival order; then patience that runs out, controllers (escalation and the like), and last the statistics samples. So a bed freed at 10:00 goes to whoever has waited longest at the highest priority, a 10:00 arrival included. ' +
    'Replications run in parallel on worker threads (or a job queue) and are folded in replication order, so the results do not depend on how many ran at once.')];
}

export function systemSpecification({ run, madeOn, madeAt }: ReportInput): Block[] {
  const m = (x: { node: string; os: string; cpus: string }) => `${x.os}; ${x.cpus}; Node.js ${x.node}`;
  if (!run) return [missing('the machine of a run: give a run with --run (or make the report from the web app, whose server records where it ran).'), text(`This report was made on ${m(madeOn)}, ${madeAt}.`)];
  const blocks: Block[] = [];
  const machine = runMachine(run);
  if (machine) blocks.push(text(`Run on ${m(machine)}${run.machineNote ? ` (${run.machineNote})` : ''}.`));
  else blocks.push(missing('the machine of the run: this run document does not record it (made before pathflow recorded it). Say it beside the run document (operating system, processor, cores, memory), or run again with --json.'), text(`This report was made on ${m(madeOn)}, ${madeAt}.`));
  if (run.startedAt && run.finishedAt) {
    const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
    blocks.push(text(`Started ${run.startedAt}, finished ${run.finishedAt}: ${Number(seconds.toPrecision(3))} s of wall-clock time for ${run.doc.replications * run.doc.variants.length} replications.`));
  }
  return blocks;
}

export function codeAccess(input: ReportInput): Block[] {
  return [
    text(`The model is the scenario file ${input.file}${input.run?.where === 'server' ? ' (the document the run kept: “Download the scenario as run” on the run’s page in the web app)' : ''}, run by pathflow ${input.software.pathflow} (open source, MIT licence). With pathflow installed (npm), these commands reproduce the run and this report:`),
    code(reproduceCommands(input).join('\n')),
    ...(input.run?.where === 'command line' ? [settingsText(input.run)] : []),
    missing('where the scenario file (and the run document) are published for others: a repository URL or DOI, and their licence.'),
  ];
}

/** What the run document says of `--set`: the changes made (in the command above), none, or not recorded. */
function settingsText(run: NonNullable<ReportInput['run']>): Block {
  const p = run.doc.provenance;
  if (!p) return text('The run document does not record `--set` changes (made before pathflow recorded them): if the run used `--set`, add the same to the first command. A `--redis` queue changes nothing in the numbers.');
  if (p.settings.length === 0) return text('The run changed nothing in the scenario file (no `--set`). A `--redis` queue changes nothing in the numbers.');
  return text(`The run changed the scenario file with ${p.settings.length === 1 ? 'one setting' : `${p.settings.length} settings`} (\`--set\`, in the first command): ${p.settings.map((x) => `\`${x}\``).join(', ')}. The tables of this report are of the scenario file as written. A \`--redis\` queue changes nothing in the numbers.`);
}
