// A bad value in each field issue 14 added gives an error naming that field's path, as
// `pathflow check`, the server's 400 and the builder's field highlights show it. One
// case per field (the features' own tests pin the full messages); each edit is one
// mistake on a scenario that is otherwise valid.
import { describe, expect, test } from 'vitest';
import { checkEdited, smallScenario, yamlFixture } from '../scenario-fixture.ts';

type Edit = (s: any) => void;
const ed = smallScenario;                       // a ward "medical" (wards[1]), pathway "ed" (stay at [3])
const elective = () => { const s = yamlFixture('elective'); s.variants = []; return s; };
const diagnostics = () => yamlFixture('diagnostics');
const seasons = (s: any) => { s.time.startDate = '2026-01-05'; s.seasons = { w: { byMonth: Array(12).fill(1.1) } }; };
const escalation = (s: any, x: object) => { s.sites[0].wards[1].escalation = { beds: 4, openAt: 0.95, closeBelow: 0.85, ...x }; };
const measure = (s: any, x: object) => { s.measures = [{ id: 'm', pathway: 'ed', from: 'arrival', to: 'departure', ...x }]; };
const extra = (s: any, x: object) => {
  s.waitingLists[0].extraSessions = { sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00' }], openAt: 40, closeBelow: 20, ...x };
};
const rules = (s: any, x: object) => {
  s.classes[0].attributes = { onset: { before: { dist: 'exponential', mean: 2 } } };
  s.pathways.ed[1] = { id: 'decide', do: 'branch', rules: [{ if: { timeSince: 'onset', under: 4 }, to: 'admit', ...x }], otherwise: 'home' };
};

const CASES: [string, () => any, Edit][] = [
  // Seasons and the calendar
  ['time.startDate', ed, (s) => { s.time.startDate = '2026-02-30'; }],
  ['seasons.w.byMonth', ed, (s) => { seasons(s); s.seasons.w.byMonth = [1, 1]; }],
  ['seasons.w.ranges[0].factor', ed, (s) => { seasons(s); s.seasons.w.ranges = [{ fromDay: 1, toDay: 2, factor: 101 }]; }],
  ['seasons.w.ranges[0].toDay', ed, (s) => { seasons(s); s.seasons.w.ranges = [{ fromDay: 5, toDay: 2, factor: 2 }]; }],
  ['seasons.w.growthPerYear', ed, (s) => { seasons(s); s.seasons.w.growthPerYear = 2; }],
  ['classes[0].arrivals.season', ed, (s) => { seasons(s); s.classes[0].arrivals.season = 'x'; }],
  ['pathways.ed[3].season', ed, (s) => { seasons(s); s.pathways.ed[3].season = 'x'; }],
  ['waitingLists[0].referrals[0].season', elective, (s) => { seasons(s); s.waitingLists[0].referrals[0].season = 'x'; }],
  ['waitingLists[0].staySeason', elective, (s) => { seasons(s); s.waitingLists[0].staySeason = 'x'; }],
  // Escalation
  ['sites[0].wards[1].escalation.beds', ed, (s) => escalation(s, { beds: 0 })],
  ['sites[0].wards[1].escalation.openAt', ed, (s) => escalation(s, { openAt: 1.5 })],
  ['sites[0].wards[1].escalation.forHours', ed, (s) => escalation(s, { forHours: -1 })],
  ['sites[0].wards[1].escalation.openingDelayHours', ed, (s) => escalation(s, { openingDelayHours: 1e7 })],
  ['sites[0].wards[1].escalation.closeBelow', ed, (s) => escalation(s, { closeBelow: 0.96 })],
  ['sites[0].wards[1].escalation.closeForHours', ed, (s) => escalation(s, { closeForHours: -1 })],
  ['sites[0].wards[1].escalation.hourlyCostPerBed', ed, (s) => escalation(s, { hourlyCostPerBed: -1 })],
  ['sites[0].wards[1].escalation.staff', ed, (s) => escalation(s, { staff: [] })],
  ['sites[0].wards[1].escalation.staff[0].role', ed, (s) => escalation(s, { staff: [{ role: 'locum', count: 1 }] })],
  ['sites[0].wards[1].escalation.staff[0].count', ed, (s) => escalation(s, { staff: [{ role: s.sites[0].staff[0].role, count: 1e6 }] })],
  ['sites[0].wards[1].escalation.staff[0].hourlyCost', ed, (s) => escalation(s, { staff: [{ role: s.sites[0].staff[0].role, count: 1, hourlyCost: -1 }] })],
  // Measures
  ['measures[0].id', ed, (s) => measure(s, { id: 'Door To Needle' })],
  ['measures[0].pathway', ed, (s) => measure(s, { pathway: 'edd' })],
  ['measures[0].classes[0]', ed, (s) => measure(s, { classes: ['nobody'] })],
  ['measures[0].to.step', ed, (s) => measure(s, { to: { step: 'sea', at: 'started' } })],
  // A point is "arrival", "departure" or { step, at }: a wrong `at` is reported at the point, naming "at".
  ['measures[0].to', ed, (s) => measure(s, { to: { step: 'see', at: 'ended' } })],
  ['measures[0].within.value', ed, (s) => measure(s, { within: { value: -1, unit: 'hours' } })],
  ['measures[0].centiles[0]', ed, (s) => measure(s, { centiles: [100] })],
  ['measures[0].wait.place', ed, (s) => { s.measures = [{ id: 'm', wait: { site: 'dgh', place: 'cubicle' } }]; }],
  ['measures[0].list', elective, (s) => { s.measures = [{ id: 'm', list: 'north', from: 'referral', to: 'treatment' }]; }],
  // Attributes and decisions
  ['classes[0].attributes.x.oneOf', ed, (s) => { s.classes[0].attributes = { x: { oneOf: { a: 0.5, b: 0.6 } } }; }],
  ['classes[0].attributes.x', ed, (s) => { s.classes[0].attributes = { x: {} }; }],
  ['pathways.ed[1].rules[0].if.unit', ed, (s) => rules(s, { if: { timeSince: 'onset', under: 4, unit: 'fortnights' } })],
  ['pathways.ed[1].rules[0].if.timeSince', ed, (s) => rules(s, { if: { timeSince: 'onst', under: 4 } })],
  ['pathways.ed[1].rules[0].probability', ed, (s) => rules(s, { probability: 2 })],
  ['pathways.ed[1].rules[0].to', ed, (s) => rules(s, { to: 'admt' })],
  // Clinics, scanners and booking into slots
  ['sites[0].scanners[0].sessions[0].end', diagnostics, (s) => { s.sites[0].scanners[0].sessions[0].end = '08:00'; }],
  ['sites[0].clinics[0].sessions[0].days[0]', diagnostics, (s) => { s.sites[0].clinics = [{ id: 'room', sessions: [{ days: ['someday'], start: '09:00', end: '12:00' }] }]; }],
  ['sites[0].scanners[0].id', diagnostics, (s) => { s.sites[0].clinics = [{ id: 'mri-1', sessions: [{ days: ['mon'], start: '09:00', end: '12:00' }] }]; }],
  ['waitingLists[0].bookInto.slotMinutes', diagnostics, (s) => { s.waitingLists[0].bookInto.slotMinutes = 0; }],
  ['waitingLists[0].bookInto.scanners[0]', diagnostics, (s) => { s.waitingLists[0].bookInto.scanners = ['mri-2']; }],
  ['waitingLists[0].bookInto.slotMinutesByClass', diagnostics, (s) => { s.waitingLists[0].bookInto.slotMinutesByClass = { 'mri-urgnt': 20 }; }],
  ['costs.scannerHour', diagnostics, (s) => { s.costs = { scannerHour: -1 }; }],
  ['costs.clinicHour', diagnostics, (s) => { s.costs = { clinicHour: -1 }; }],
  // DNAs
  ['waitingLists[0].dna.probability', diagnostics, (s) => { s.waitingLists[0].dna = { probability: 1.5 }; }],
  ['waitingLists[0].dna.dischargeAfter', diagnostics, (s) => { s.waitingLists[0].dna = { probability: 0.1, dischargeAfter: 0 }; }],
  ['waitingLists[0].dna.byClass', diagnostics, (s) => { s.waitingLists[0].dna = { probability: 0.1, byClass: { 'mri-urgent': 2 } }; }],
  // The starting list's age profile
  ['waitingLists[0].initialList.byWeeksWaited[0].toWeeks', diagnostics, (s) => { s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 6, toWeeks: 2, patients: 10 }] }; }],
  ['waitingLists[0].initialList.byWeeksWaited[0].patients', diagnostics, (s) => { s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 0, toWeeks: 2, patients: -1 }] }; }],
  ['waitingLists[0].initialList.byWeeksWaited[0].byClass', diagnostics, (s) => { s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 0, toWeeks: 2, byClass: { nobody: 3 } }] }; }],
  // Case mix and session templates
  ['waitingLists[0].caseMix[0].share', elective, (s) => { s.waitingLists[0].caseMix = [{ procedure: 'hip', share: 1.5 }]; }],
  ['waitingLists[0].caseMix', elective, (s) => { s.waitingLists[0].caseMix = [{ procedure: 'hip', share: 0.5 }]; }],
  ['waitingLists[0].sessionTemplates[0].total', elective, (s) => { s.waitingLists[0].caseMix = [{ procedure: 'hip', share: 1 }]; s.waitingLists[0].sessionTemplates = [{ probability: 1, cases: { hip: 2 }, total: 0 }]; }],
  ['waitingLists[0].sessionTemplates[0].cases', elective, (s) => { s.waitingLists[0].caseMix = [{ procedure: 'hip', share: 1 }]; s.waitingLists[0].sessionTemplates = [{ probability: 1, cases: { knee: 2 } }]; }],
  ['waitingLists[0].sessionTemplates[0].days[0]', elective, (s) => { s.waitingLists[0].caseMix = [{ procedure: 'hip', share: 1 }]; s.waitingLists[0].sessionTemplates = [{ probability: 1, cases: { hip: 2 }, days: ['someday'] }]; }],
  // Ages of the list
  ['waitingLists[0].overWeeks[0]', elective, (s) => { s.waitingLists[0].overWeeks = [0]; }],
  ['waitingLists[0].overWeeks', elective, (s) => { s.waitingLists[0].overWeeks = Array(21).fill(6); }],
  ['waitingLists[0].overWeeksAtDays', elective, (s) => { s.waitingLists[0].overWeeks = [6]; s.waitingLists[0].overWeeksAtDays = [5]; }],
  // Extra sessions (a waiting-list initiative): north's th1 runs Mondays and Wednesdays 08:00-12:00
  ['waitingLists[0].extraSessions.sessions[0].theatre', elective, (s) => extra(s, { sessions: [{ theatre: 'th2', days: ['sat'], start: '08:00', end: '12:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].clinic', elective, (s) => extra(s, { sessions: [{ clinic: 'th1', days: ['sat'], start: '08:00', end: '12:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].scanner', elective, (s) => extra(s, { sessions: [{ scanner: 'th1', days: ['sat'], start: '08:00', end: '12:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].days[0]', elective, (s) => extra(s, { sessions: [{ theatre: 'th1', days: ['saturday!'], start: '08:00', end: '12:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].start', elective, (s) => extra(s, { sessions: [{ theatre: 'th1', days: ['sat'], start: '8 am', end: '12:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].end', elective, (s) => extra(s, { sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '07:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0]', elective, (s) => extra(s, { sessions: [{ theatre: 'th1', days: ['mon'], start: '11:00', end: '13:00' }] })],
  ['waitingLists[0].extraSessions.sessions[0].maxCases', elective, (s) => extra(s, { sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00', maxCases: 0 }] })],
  ['waitingLists[0].extraSessions.sessions', elective, (s) => extra(s, { sessions: [] })],
  ['waitingLists[0].extraSessions.openAt', elective, (s) => extra(s, { openAt: 0 })],
  ['waitingLists[0].extraSessions.forDays', elective, (s) => extra(s, { forDays: 0 })],
  ['waitingLists[0].extraSessions.openingDelayDays', elective, (s) => extra(s, { openingDelayDays: 1e7 })],
  ['waitingLists[0].extraSessions.closeBelow', elective, (s) => extra(s, { closeBelow: 40 })],
  ['waitingLists[0].extraSessions.closeForDays', elective, (s) => extra(s, { closeForDays: 366 })],
  ['waitingLists[0].extraSessions.hourlyCost', elective, (s) => extra(s, { hourlyCost: -1 })],
];

describe('a bad value in each of issue 14\'s fields is reported at its path', () => {
  test.each(CASES)('%s', (path, base, edit) => {
    const out = checkEdited(base, edit);
    const paths = [...out.matchAll(/✖ (\S+?):/g)].map((m) => m[1]);
    expect(paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)), `${path} not named in:\n${out}`).toBe(true);
  });

  test('each base is valid before its edit (so the error is the edit\'s)', () => {
    for (const base of [ed, elective, diagnostics]) expect(checkEdited(base, () => {})).toBe('ok');
  });
});
