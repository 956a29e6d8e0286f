// The slot "add extra sessions" suggests (ui/src/lib/free-session.ts): the first usual one
// that no option of the scenario holds in the room, so that the suggestion passes the check
// in every option. The surgical hub's variants move elective lists onto Saturdays.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { freeSlot } from '../../ui/src/lib/free-session.ts';
import { newExtraSessions } from '../../ui/src/features/scenario-editor/sections/ExtraSessions.tsx';
import { BASELINE, variantsOf, workingDoc } from '../../ui/src/lib/scenario-doc.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';

const library = (f: string) => parse(readFileSync(new URL(`../../scenarios/library/${f}`, import.meta.url), 'utf8')) as Record<string, any>;
const optionsOf = (doc: Record<string, unknown>) => [BASELINE, ...variantsOf(doc).map((v) => v.id)].map((t) => workingDoc(doc, t));

describe('a free slot for an extra session', () => {
  test('the surgical hub: Saturday is taken in the hub options, so Sunday morning; and the scenario checks with it', () => {
    const doc = library('surgical-hub.yaml');
    const slot = freeSlot(optionsOf(doc), 'dgh', 'theatre', 'th1');
    expect(slot).toEqual({ days: ['sun'], start: '08:00', end: '12:00' });
    // With the baseline alone, Saturday would do: the options are what makes the difference.
    expect(freeSlot([workingDoc(doc, BASELINE)], 'dgh', 'theatre', 'th1').days).toEqual(['sat']);
    doc.waitingLists[0].extraSessions = newExtraSessions('theatre', 'th1', slot);
    const r = parseScenario(doc);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  test('another list\'s extra sessions in the room count as taken, and so does a session that only touches', () => {
    const doc = { sites: [{ id: 's', theatres: [{ id: 't', sessions: [{ days: ['sat'], start: '12:00', end: '17:00' }] }] }],
      waitingLists: [{ id: 'a', site: 's', extraSessions: { sessions: [{ theatre: 't', days: ['sun'], start: '07:00', end: '08:00' }] } }] };
    // Saturday morning touches the timetable at 12:00, Sunday morning the other list's at 08:00, Saturday afternoon overlaps.
    expect(freeSlot([doc], 's', 'theatre', 't')).toEqual({ days: ['sun'], start: '13:00', end: '17:00' });
  });

  test('nothing free (a scanner open weekdays to 20:00, and weekends in an option): Saturday morning, which the check then names', () => {
    const doc = library('diagnostics-dm01.yaml');
    doc.variants = doc.variants.filter((v: { id: string }) => v.id !== 'weekend-initiative');
    const slot = freeSlot(optionsOf(doc), 'dgh', 'scanner', 'mri-1');
    expect(slot).toEqual({ days: ['sat'], start: '08:00', end: '12:00' });
    doc.waitingLists[0].extraSessions = newExtraSessions('scanner', 'mri-1', slot);
    const r = parseScenario(doc);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/overlaps scanner "mri-1"'s sessions\[1\] \(08:00-18:00\) on sat.*\(in the patched scenario\)/)]));
  });
});
