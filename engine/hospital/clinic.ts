// An outpatient clinic room or a diagnostic scanner: one appointment at a time, open in
// its weekly sessions, closed between them. The same capacity schedule as a theatre
// (theatre.ts): an appointment running past the session's end finishes. Booked in
// timed slots from a waiting list (clinic-list.ts).
import type { PoolDef } from '../core/model.ts';
import type { Window } from './week.ts';
import { theatrePool } from './theatre.ts';

export function clinicPool(sessions: readonly Window[]): PoolDef {
  return theatrePool(sessions);
}
