// A list's extra sessions (schema/extra-sessions.ts) as the engine's (engine/hospital/
// extra-sessions.ts): each session on each of its weekdays a window of the engine's week,
// its room as the index among the list's rooms, days and hours as they are.
import type { WaitingList } from '../schema/waiting-list.ts';
import type { Weekday } from '../schema/time.ts';
import { weekdayIndex } from '../schema/time.ts';
import { weeklySpans } from '../../engine/hospital/week.ts';
import type { ExtraSessions } from '../../engine/hospital/extra-sessions.ts';
import type { TheatreSession } from '../../engine/hospital/booking.ts';
import { toSpan } from './week.ts';

/**
 * `rooms`: the list's theatres (or clinics, scanners) by scenario id, in the order of the
 * service's pools; `session` adds what a regular session of the list carries (its case
 * cap and templates) to a window of the week.
 */
export function extraSessions(l: WaitingList, rooms: readonly string[], startWeekday: Weekday, session: (start: number, maxCases: number | undefined) => Omit<TheatreSession, 'theatre' | 'start' | 'end'> = () => ({})): ExtraSessions | undefined {
  const x = l.extraSessions;
  if (!x) return undefined;
  const sessions = x.sessions.flatMap((e) => {
    const room = rooms.indexOf((e.theatre ?? e.clinic ?? e.scanner)!);
    return weeklySpans([toSpan(e)], weekdayIndex(startWeekday)).map(([start, end]) => ({ theatre: room, start, end, ...session(start, e.maxCases) }));
  }).sort((a, b) => a.start - b.start || a.theatre - b.theatre);
  return { sessions, openAt: x.openAt, forDays: x.forDays, openingDelayDays: x.openingDelayDays, closeBelow: x.closeBelow, closeForDays: x.closeForDays };
}
