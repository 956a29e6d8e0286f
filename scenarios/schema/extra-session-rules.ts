// Rules across the scenario for lists' extra sessions (extra-sessions.ts): each names a
// room of the list (one of its theatres, or of its bookInto clinics or scanners), ends
// after it starts, and runs when its room is otherwise closed: it overlaps none of the
// room's timetabled sessions nor another list's extra sessions there, and ends before,
// not as, another session of the room starts (the room would be open twice over at that
// instant). Defensive like references.ts: fields of a rejected document may be undefined.
import type { z } from 'zod';
import type { ScenarioCoreSchema } from './scenario.ts';
import type { Report } from './references.ts';
import { WEEKDAYS, clockHours, weekdayIndex, type Weekday } from './time.ts';
import { didYouMean } from '../suggest.ts';

type Core = z.output<typeof ScenarioCoreSchema>;
type Span = { days: readonly Weekday[]; start: string; end: string };

const list = (xs: readonly string[]) => [...new Set(xs)].join(', ') || 'none';
const known = (id: string, ids: readonly string[], label: string) => {
  const hint = didYouMean(String(id), ids);
  return `${hint ? `: ${hint}` : ''} (${label}: ${list(ids)})`;
};
const ROOM = { theatre: 'theatres', clinic: 'clinics', scanner: 'scanners' } as const;

/** [from, to) hours of the week of a span on each of its days; none if its times are unreadable. */
function windows(x: Span): [number, number][] {
  const a = clockHours(x.start), b = clockHours(x.end);
  if (a === undefined || b === undefined || !(b > a) || !Array.isArray(x.days)) return [];
  return [...new Set(x.days.map(weekdayIndex))].map((d) => [d * 24 + a, d * 24 + b]);
}

export function checkExtraSessions(s: Core, report: Report): void {
  // The extra sessions already seen in each room ("site/room"), for clashes between lists.
  const seen = new Map<string, { list: string; span: Span; at: string }[]>();
  s.waitingLists.forEach((l, li) => {
    const x = l.extraSessions;
    if (!x) return;
    const site = s.sites.find((y) => y.id === l.site);
    if (!site) return;
    const kind = !l.bookInto ? 'theatre' : l.bookInto.clinics ? 'clinic' : 'scanner';
    const rooms = (kind === 'theatre' ? l.theatres : l.bookInto?.[ROOM[kind]]) ?? [];
    x.sessions.forEach((e, k) => {
      if (!e) return;
      const at: PropertyKey[] = ['waitingLists', li, 'extraSessions', 'sessions', k];
      const room = e[kind];
      const other = (['theatre', 'clinic', 'scanner'] as const).find((r) => r !== kind && e[r] !== undefined);
      if (other) return void report([...at, other], `waiting list "${l.id}" is ${kind === 'theatre' ? 'a theatre list' : `booked into ${ROOM[kind]}`}: name the ${kind} (one of its ${ROOM[kind]}: ${list(rooms)})`);
      if (room === undefined) return;
      const ofSite = ((site[ROOM[kind]] ?? []) as { id: string }[]).some((r) => r.id === room);
      if (!rooms.includes(room) && ofSite)
        return void report([...at, kind], `${kind} "${room}" of site "${site.id}" is not one of waiting list "${l.id}"'s ${ROOM[kind]} (${list(rooms)}): extra sessions run in the list's own ${ROOM[kind]}`, [['waitingLists', li, kind === 'theatre' ? 'theatres' : 'bookInto']]);
      if (!rooms.includes(room))
        return void report([...at, kind], `unknown ${kind} "${room}" for waiting list "${l.id}"${known(room, rooms, `its ${ROOM[kind]}`)}`, [['waitingLists', li, kind === 'theatre' ? 'theatres' : 'bookInto']]);
      const a = clockHours(e.start), b = clockHours(e.end);
      if (a !== undefined && b !== undefined && b <= a) return void report([...at, 'end'], `expected a time after start ("${e.start}"), got "${e.end}"`);
      if (kind !== 'theatre' && e.maxCases !== undefined) report([...at, 'maxCases'], 'a list booked into slots (bookInto) fills a session with slots, not a number of cases');
      const timetable: Span[] = (site[ROOM[kind]] as { id: string; sessions: Span[] }[] | undefined)?.find((r) => r.id === room)?.sessions ?? [];
      const mine = windows(e);
      // Overlapping, or (with `ends`) this one ending as the other starts (or, `both`, the
      // other ending as this one starts: two lists' controllers at one instant), round the week.
      let on = '';
      const clash = (span: Span, ends: boolean, both: boolean) => {
        for (const [f, t] of mine)
          for (const [g, u] of windows(span)) {
            on = WEEKDAYS[Math.floor(f / 24)];
            if (f < u && g < t) return 'overlaps';
            if (ends && t % 168 === g) return 'ends as';
            if (both && u % 168 === f) return 'starts as';
          }
        return undefined;
      };
      const say = (how: string, what: string, span: Span) => report(at, how === 'overlaps'
        ? `overlaps ${what} (${span.start}-${span.end}) on ${on}: extra sessions run when the ${kind} is otherwise closed`
        : how === 'ends as'
          ? `ends as ${what} (${span.start}-${span.end}) starts on ${on}: end it before (the ${kind} would be open twice over at that instant)`
          : `starts as ${what} (${span.start}-${span.end}) ends on ${on}: start it after (the ${kind} would be open twice over at that instant)`);
      for (const [j, span] of timetable.entries()) {
        const how = clash(span, true, false);
        if (how) return void say(how, `${kind} "${room}"'s sessions[${j}]`, span);
      }
      const key = `${l.site}/${room}`;
      const before = seen.get(key) ?? [];
      for (const o of before) {
        const how = o.list === l.id ? clash(o.span, false, false) : clash(o.span, true, true);
        if (how) return void say(how, `${o.at}`, o.span);
      }
      seen.set(key, [...before, { list: l.id, span: e, at: `waitingLists[${li}].extraSessions.sessions[${k}]` }]);
    });
  });
}
