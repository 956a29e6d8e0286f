// The fields issue 14 added to the language (seasons, escalation, measures, attributes and
// decisions, clinics and scanners, DNAs, the starting list's age profile, case mix and
// session templates, list ages over weeks and on census days, extra sessions): each is in the JSON Schema
// that `pathflow schema` prints and the web app's builder is generated from, with a
// description there, and each is named in the language reference (docs/scenario-language.md).
// The walk also holds every other field of the schema to having a description.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { ScenarioSchema } from '../../../scenarios/schema/scenario.ts';

type Node = { description?: string; properties?: Record<string, Node>; items?: Node; additionalProperties?: boolean | Node; anyOf?: Node[]; oneOf?: Node[] };

const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Node;

/** Every field of the schema by its path ("sites[].wards[].escalation.openAt"), unions looked through, with its description. */
function fields(node: Node, path = '', out = new Map<string, (string | undefined)[]>()): Map<string, (string | undefined)[]> {
  for (const o of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) fields(o, path, out);
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${k}` : k;
    // A field's description is on it, or on every branch of a union it is (an optional field).
    const d = v.description ?? (v.anyOf ?? v.oneOf)?.find((o) => o.description)?.description;
    out.set(at, [...(out.get(at) ?? []), d]);
    fields(v, at, out);
  }
  if (node.items) fields(node.items, `${path}[]`, out);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') fields(node.additionalProperties, `${path}{}`, out);
  return out;
}

const all = fields(schema);
const docs = readFileSync(new URL('../../../docs/scenario-language.md', import.meta.url), 'utf8');

/** Issue 14's fields, each with the word the reference must name it by (in backticks). */
const ISSUE_14: Record<string, string> = {
  // Seasons and the calendar
  'time.startDate': 'startDate',
  seasons: 'seasons',
  'seasons{}.name': 'seasons.<id>.name',
  'seasons{}.byMonth': 'byMonth',
  'seasons{}.ranges': 'ranges',
  'seasons{}.ranges[].from': 'from',
  'seasons{}.ranges[].to': 'to',
  'seasons{}.ranges[].fromDay': 'fromDay',
  'seasons{}.ranges[].toDay': 'toDay',
  'seasons{}.ranges[].factor': 'factor',
  'seasons{}.growthPerYear': 'growthPerYear',
  'classes[].arrivals.season': 'classes[].arrivals.season',
  'waitingLists[].referrals[].season': 'waitingLists[].referrals[].season',
  'waitingLists[].staySeason': 'waitingLists[].staySeason',
  'pathways{}[].season': 'season',
  // Escalation
  'sites[].wards[].escalation': 'escalation',
  'sites[].wards[].escalation.beds': 'beds',
  'sites[].wards[].escalation.openAt': 'openAt',
  'sites[].wards[].escalation.forHours': 'forHours',
  'sites[].wards[].escalation.openingDelayHours': 'openingDelayHours',
  'sites[].wards[].escalation.closeBelow': 'closeBelow',
  'sites[].wards[].escalation.closeForHours': 'closeForHours',
  'sites[].wards[].escalation.hourlyCostPerBed': 'hourlyCostPerBed',
  'sites[].wards[].escalation.staff': 'escalation.staff',
  'sites[].wards[].escalation.staff[].role': 'role',
  'sites[].wards[].escalation.staff[].count': 'count',
  'sites[].wards[].escalation.staff[].hourlyCost': 'hourlyCost',
  // Measures
  measures: 'measures',
  'measures[].id': 'id',
  'measures[].name': 'name',
  'measures[].pathway': 'pathway',
  'measures[].classes': 'classes',
  'measures[].list': 'list',
  'measures[].from': 'from',
  'measures[].to': 'to',
  'measures[].wait': 'wait',
  'measures[].within': 'within',
  'measures[].centiles': 'centiles',
  // Attributes and decisions
  'classes[].attributes': 'attributes',
  'classes[].attributes{}.draw': 'draw',
  'classes[].attributes{}.before': 'before',
  'classes[].attributes{}.oneOf': 'oneOf',
  'pathways{}[].rules': 'rules',
  'pathways{}[].rules[].if': 'rules[].if',
  'pathways{}[].rules[].ifAll': 'rules[].ifAll',
  'pathways{}[].rules[].probability': 'rules[].probability',
  'pathways{}[].rules[].to': 'rules[].to',
  'pathways{}[].otherwise': 'otherwise',
  'pathways{}[].rules[].if.timeSince': 'timeSince',
  'pathways{}[].rules[].if.attribute': 'attribute',
  'pathways{}[].rules[].if.under': 'under',
  'pathways{}[].rules[].if.atMost': 'atMost',
  'pathways{}[].rules[].if.atLeast': 'atLeast',
  'pathways{}[].rules[].if.over': 'over',
  'pathways{}[].rules[].if.unit': 'unit',
  'pathways{}[].rules[].if.is': 'is',
  // Clinics, scanners and booking into slots
  'sites[].clinics': 'clinics',
  'sites[].scanners': 'scanners',
  'sites[].clinics[].sessions': 'sessions',
  'waitingLists[].bookInto': 'bookInto',
  'waitingLists[].bookInto.clinics': 'clinics',
  'waitingLists[].bookInto.scanners': 'scanners',
  'waitingLists[].bookInto.slotMinutes': 'slotMinutes',
  'waitingLists[].bookInto.slotMinutesByClass': 'slotMinutesByClass',
  'costs.clinicHour': 'clinicHour',
  'costs.scannerHour': 'scannerHour',
  // DNAs
  'waitingLists[].dna': 'dna',
  'waitingLists[].dna.probability': 'probability',
  'waitingLists[].dna.byClass': 'byClass',
  'waitingLists[].dna.dischargeAfter': 'dischargeAfter',
  // The starting list's age profile
  'waitingLists[].initialList.byWeeksWaited': 'initialList.byWeeksWaited',
  'waitingLists[].initialList.byWeeksWaited[].fromWeeks': 'fromWeeks',
  'waitingLists[].initialList.byWeeksWaited[].toWeeks': 'toWeeks',
  'waitingLists[].initialList.byWeeksWaited[].patients': 'patients',
  'waitingLists[].initialList.byWeeksWaited[].byClass': 'byClass',
  // Case mix and session templates
  'waitingLists[].caseMix': 'caseMix',
  'waitingLists[].caseMix[].procedure': 'procedure',
  'waitingLists[].caseMix[].share': 'share',
  'waitingLists[].caseMix[].plannedCase': 'plannedCase',
  'waitingLists[].caseMix[].stay': 'stay',
  'waitingLists[].sessionTemplates': 'sessionTemplates',
  'waitingLists[].sessionTemplates[].probability': 'probability',
  'waitingLists[].sessionTemplates[].cases': 'cases',
  'waitingLists[].sessionTemplates[].total': 'total',
  'waitingLists[].sessionTemplates[].days': 'days',
  // Ages of the list: over weeks, and on census days
  'waitingLists[].overWeeks': 'overWeeks',
  'waitingLists[].overWeeksAtDays': 'overWeeksAtDays',
  // Extra sessions (a waiting-list initiative)
  'waitingLists[].extraSessions': 'extraSessions',
  'waitingLists[].extraSessions.sessions': 'sessions',
  'waitingLists[].extraSessions.sessions[].theatre': 'theatre',
  'waitingLists[].extraSessions.sessions[].clinic': 'clinic',
  'waitingLists[].extraSessions.sessions[].scanner': 'scanner',
  'waitingLists[].extraSessions.sessions[].days': 'days',
  'waitingLists[].extraSessions.sessions[].start': 'start',
  'waitingLists[].extraSessions.sessions[].end': 'end',
  'waitingLists[].extraSessions.sessions[].maxCases': 'maxCases',
  'waitingLists[].extraSessions.openAt': 'openAt',
  'waitingLists[].extraSessions.forDays': 'forDays',
  'waitingLists[].extraSessions.openingDelayDays': 'openingDelayDays',
  'waitingLists[].extraSessions.closeBelow': 'closeBelow',
  'waitingLists[].extraSessions.closeForDays': 'closeForDays',
  'waitingLists[].extraSessions.hourlyCost': 'hourlyCost',
};

describe("issue 14's fields in the JSON Schema and the language reference", () => {
  test.each(Object.entries(ISSUE_14))('%s: in the schema with a description, and in docs/scenario-language.md', (path, word) => {
    const found = all.get(path);
    expect(found, `${path} is not in the JSON Schema`).toBeDefined();
    for (const d of found!) expect(d, `${path} has no description`).toMatch(/\w{3,}/);
    expect(docs.includes(`\`${word}\``) || docs.includes(`${word}:`), `docs/scenario-language.md does not name ${word}`).toBe(true);
  });

  test('the walk is not vacuous, and every field of the schema, not only these, has a description', () => {
    expect(all.size).toBeGreaterThan(300);
    const without = [...all].filter(([, ds]) => ds.some((d) => !d)).map(([p]) => p);
    expect(without).toEqual([]);
  });
});
