// The STRESS-DES checklist (Monks et al. 2019, "Strengthening the reporting of empirical
// simulation studies: Introducing the STRESS guidelines", Journal of Simulation 13(1):55–67,
// doi:10.1080/17477778.2018.1442155, Table 1): six sections, every item the report answers
// or marks "not stated in the scenario". The item list is cited in docs/sources.md.

export interface ChecklistItem {
  /** "2.5.3" */
  id: string;
  title: string;
  /** What the guideline asks for, in a line. */
  asks: string;
}
export interface ChecklistSection { id: string; title: string; items: ChecklistItem[] }

const item = (id: string, title: string, asks: string): ChecklistItem => ({ id, title, asks });

export const STRESS_DES: readonly ChecklistSection[] = [
  { id: '1', title: 'Objectives', items: [
    item('1.1', 'Purpose of the model', 'the background and rationale: what the model is for'),
    item('1.2', 'Model outputs', 'every quantitative measure reported and how it is calculated'),
    item('1.3', 'Experimentation aims', 'the questions the experiments answer, and the scenarios compared'),
  ] },
  { id: '2', title: 'Logic', items: [
    item('2.1', 'Base model overview diagram', 'a process-flow diagram of the base model'),
    item('2.2', 'Base model logic', 'the diagram explained in words'),
    item('2.3', 'Scenario logic', 'how each scenario differs from the base model'),
    item('2.4', 'Algorithms', 'any algorithm that mimics a complex or manual process of the real system'),
    item('2.5.1', 'Components: entities', 'what flows through the model, and its attributes'),
    item('2.5.2', 'Components: activities', 'what happens to the entities, and how long it takes'),
    item('2.5.3', 'Components: resources', 'what the activities need, how many and when'),
    item('2.5.4', 'Components: queues', 'where entities wait, in what order, with what limits'),
    item('2.5.5', 'Components: entry and exit points', 'how entities enter and leave the model'),
  ] },
  { id: '3', title: 'Data', items: [
    item('3.1', 'Data sources', 'where the data came from'),
    item('3.2', 'Pre-processing', 'how the data were cleaned, filtered or fitted before use'),
    item('3.3', 'Input parameters', 'every parameter, its value or distribution'),
    item('3.4', 'Assumptions', 'where there were no data: what was assumed'),
  ] },
  { id: '4', title: 'Experimentation', items: [
    item('4.1', 'Initialisation', 'the warm-up or starting state, and how it was chosen'),
    item('4.2', 'Run length', 'how long each run lasts, in what time units'),
    item('4.3', 'Estimation approach', 'replications, how many and how chosen, and how results are estimated'),
  ] },
  { id: '5', title: 'Implementation', items: [
    item('5.1', 'Software or programming language', 'the software and its version'),
    item('5.2', 'Random sampling', 'the random number generator, seeds and streams'),
    item('5.3', 'Model execution', 'how events are scheduled and ties broken'),
    item('5.4', 'System specification', 'the machine the model ran on'),
  ] },
  { id: '6', title: 'Code access', items: [
    item('6.1', 'Computer model sharing statement', 'where the model and what is needed to run it can be found'),
  ] },
];

/** Every item id in order: 1.1 … 6.1. */
export const STRESS_ITEM_IDS = STRESS_DES.flatMap((s) => s.items.map((i) => i.id));
