// Where an extra session can go in a room's week without clashing: the first of a few
// usual waiting-list-initiative slots (Saturday, then Sunday mornings and afternoons, then
// weekday evenings) that no option of the scenario already uses in that room — neither its
// timetable nor another list's extra sessions. An option's timetable may differ from the
// baseline's (a surgical hub working Saturdays), so every option is looked at. The check
// refuses a clash anyway; this only makes the first suggestion one that passes it.
import { clockHours, type Weekday } from '../../../scenarios/schema/time.ts';

type Obj = Record<string, unknown>;
export type RoomKind = 'theatre' | 'clinic' | 'scanner';
export interface Slot { days: Weekday[]; start: string; end: string }

const CANDIDATES: Slot[] = [
  { days: ['sat'], start: '08:00', end: '12:00' },
  { days: ['sun'], start: '08:00', end: '12:00' },
  { days: ['sat'], start: '13:00', end: '17:00' },
  { days: ['sun'], start: '13:00', end: '17:00' },
  ...(['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d): Slot => ({ days: [d], start: '18:00', end: '21:00' })),
];

const arr = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
const ROOMS: Record<RoomKind, string> = { theatre: 'theatres', clinic: 'clinics', scanner: 'scanners' };

/** The sessions held in `room` of `site` in one option: its timetable, and every list's extra sessions there. */
function taken(doc: Obj, site: string, kind: RoomKind, room: string): Obj[] {
  const s = arr(doc.sites).find((x) => x.id === site);
  const timetable = arr(arr(s?.[ROOMS[kind]]).find((r) => r.id === room)?.sessions);
  const extra = arr(doc.waitingLists).filter((l) => l.site === site)
    .flatMap((l) => arr((l.extraSessions as Obj | undefined)?.sessions)).filter((x) => x[kind] === room);
  return [...timetable, ...extra];
}

/** Whether two sessions share a day and overlap or touch (the check allows an extra session to start as another ends, not always the reverse: touching is avoided altogether). */
function clash(a: Slot, b: Obj): boolean {
  const days = Array.isArray(b.days) ? (b.days as string[]) : [];
  if (!a.days.some((d) => days.includes(d))) return false;
  const [s1, e1] = [clockHours(a.start)!, clockHours(a.end)!];
  const [s2, e2] = [clockHours(String(b.start)), clockHours(String(b.end))];
  if (s2 === undefined || e2 === undefined) return false;
  return s1 <= e2 && s2 <= e1;
}

/** The first usual slot free in `room` in every option, or a Saturday morning when none is. */
export function freeSlot(options: readonly Obj[], site: string, kind: RoomKind, room: string): Slot {
  const used = options.flatMap((doc) => taken(doc, site, kind, room));
  return structuredClone(CANDIDATES.find((c) => !used.some((u) => clash(c, u))) ?? CANDIDATES[0]);
}
