// A scenario (and optionally a run and a warm-up study) reported item by item to the
// STRESS-DES checklist (checklist.ts): every item present, answered from the scenario or
// marked as not stated with what to add. Pure: the caller passes the machine and time.
import { STRESS_DES } from './checklist.ts';
import type { Block, StressReport } from './document.ts';
import type { ReportInput } from './input.ts';
import { aims, outputs, purpose } from './objectives.ts';
import { algorithms, baseLogic, diagram, scenarioLogic } from './logic.ts';
import { activities, entities, entryExit, queues, resources } from './components.ts';
import { assumptions, parameters, preprocessing, sources } from './data.ts';
import { estimation, initialisation, runLength } from './experimentation.ts';
import { codeAccess, execution, randomSampling, software, systemSpecification } from './implementation.ts';
import { plural } from './words.ts';

const ANSWERS: Record<string, (input: ReportInput) => Block[]> = {
  '1.1': purpose, '1.2': outputs, '1.3': aims,
  '2.1': diagram, '2.2': baseLogic, '2.3': scenarioLogic, '2.4': algorithms,
  '2.5.1': entities, '2.5.2': activities, '2.5.3': resources, '2.5.4': queues, '2.5.5': entryExit,
  '3.1': sources, '3.2': preprocessing, '3.3': parameters, '3.4': assumptions,
  '4.1': initialisation, '4.2': runLength, '4.3': estimation,
  '5.1': software, '5.2': randomSampling, '5.3': execution, '5.4': systemSpecification,
  '6.1': codeAccess,
};

export function buildReport(input: ReportInput): StressReport {
  const s = input.scenario;
  const run = input.run?.doc;
  return {
    title: `STRESS-DES report: ${s.title}`,
    subtitle: `Scenario ${s.id} (${input.file})` + (run ? `, with the results of a run of ${plural(run.replications, 'replication')} of ${plural(run.variants.length, 'option')}, seed ${run.seed}` : ', without results (no run given)'),
    made: `Made by pathflow ${input.software.pathflow} on ${input.madeAt}, organised by the STRESS-DES checklist (Monks et al. 2019, doi:10.1080/17477778.2018.1442155).`,
    sections: STRESS_DES.map((sec) => ({
      id: sec.id, title: sec.title,
      items: sec.items.map((it) => ({ ...it, blocks: ANSWERS[it.id](input) })),
    })),
  };
}
