// A list's extra sessions (a waiting-list initiative): sessions in the list's own theatres,
// clinics or scanners that run only while the list is long, opened and closed by daily
// checks of its size with hysteresis (docs/scenario-language.md, "Extra sessions").
import { useForm } from '../form-context.tsx';
import { freeSlot, type RoomKind, type Slot } from '../../../lib/free-session.ts';
import { ClockField, DaysField, NumberField, RowMessage, SelectField } from '../fields.tsx';
import { list } from './common.tsx';

type Obj = Record<string, unknown>;

/** One extra session in a room: a Saturday morning list unless a slot is given (freeSlot: the first one free in every option). */
export const blankExtraSession = (kind: RoomKind, room: string, slot: Slot = { days: ['sat'], start: '08:00', end: '12:00' }) => ({ [kind]: room, ...slot });

/** What "add extra sessions" sets: a list in a free slot, open after a fortnight at 400 or more, a week to arrange, stopped after four weeks below 300. */
export const newExtraSessions = (kind: RoomKind, room: string, slot?: Slot) =>
  ({ sessions: [blankExtraSession(kind, room, slot)], openAt: 400, forDays: 14, openingDelayDays: 7, closeBelow: 300, closeForDays: 28 });

export function ExtraSessions({ li, l, rooms, kind }: { li: number; l: Obj; rooms: string[]; kind: 'theatre' | 'clinic' | 'scanner' }) {
  const f = useForm();
  const p = ['waitingLists', li, 'extraSessions'];
  const x = l.extraSessions as Obj | undefined;
  const name = String(l.name ?? l.id);
  // Suggested where no option of the scenario already holds a session in the room.
  const blank = () => blankExtraSession(kind, rooms[0] ?? '', freeSlot(f.options ?? [f.doc], String(l.site), kind, rooms[0] ?? ''));
  if (!x) {
    return (
      <button type="button" className="link-button" aria-label={`Add extra sessions to waiting list ${name}`}
        onClick={() => f.set(p, newExtraSessions(kind, rooms[0] ?? '', freeSlot(f.options ?? [f.doc], String(l.site), kind, rooms[0] ?? '')))}>
        add extra sessions (waiting-list initiative)
      </button>
    );
  }
  const sessions = list(x.sessions);
  return (
    <fieldset className="escalation">
      <legend>Extra sessions while the list is long <button type="button" className="link-button" onClick={() => f.set(p, undefined)} aria-label={`Remove extra sessions of waiting list ${name}`}>remove</button></legend>
      {sessions.map((_, k) => {
        return (
        <div key={k}>
        <div className="field-row field-row--nested">
          <SelectField path={[...p, 'sessions', k, kind]} label={`Extra session ${k + 1}: ${kind}`} options={rooms.map((r) => ({ value: r, label: r }))} />
          <DaysField path={[...p, 'sessions', k, 'days']} label="days" />
          <ClockField path={[...p, 'sessions', k, 'start']} label="starts" />
          <ClockField path={[...p, 'sessions', k, 'end']} label="ends" />
          {kind === 'theatre' && <NumberField path={[...p, 'sessions', k, 'maxCases']} label="Most cases" placeholder="as the list" />}
          {sessions.length > 1 && (
            <button type="button" className="link-button" aria-label={`Remove extra session ${k + 1}`} onClick={() => f.set([...p, 'sessions'], sessions.filter((__, j) => j !== k))}>remove</button>
          )}
        </div>
        {/* A clash with the room's timetable is about the session as a whole (its days and times). */}
        <RowMessage path={[...p, 'sessions', k]} />
        </div>
        );
      })}
      <button type="button" className="link-button" onClick={() => f.set([...p, 'sessions'], [...sessions, blank()])}>add an extra session</button>
      <div className="field-row field-row--nested">
        <NumberField path={[...p, 'openAt']} label="Open when the list reaches" unit="patients" />
        <NumberField path={[...p, 'forDays']} label="for" unit="days in a row" placeholder="1" />
        <NumberField path={[...p, 'openingDelayDays']} label="Bookable after (arranging staff)" unit="days" placeholder="0" />
      </div>
      <div className="field-row field-row--nested">
        <NumberField path={[...p, 'closeBelow']} label="Stop when the list stays below" unit="patients" hint="below the opening level" />
        <NumberField path={[...p, 'closeForDays']} label="for" unit="days in a row" placeholder="1" />
        <NumberField path={[...p, 'hourlyCost']} label="Premium per hour run" unit="£" placeholder="0" hint="on top of the session cost" />
      </div>
    </fieldset>
  );
}
