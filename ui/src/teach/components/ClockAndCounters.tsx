// The simulated clock (day, weekday, time) and the counters the room watches. The exact
// simulated time is kept in a data attribute so a test can recompute the same moment.
import type { Frame } from '../live-run.ts';
import { clockText } from '../session.ts';

export function ClockAndCounters({ frame, startWeekday, targetWait }: { frame: Frame | null; startWeekday: number; targetWait: number }) {
  if (!frame) return <div className="clock">loading…</div>;
  const c = frame.counters;
  const items: [string, number, string][] = [
    ['arrived', c.arrived, 'arrived'],
    ['waiting', c.waiting, 'waiting'],
    ['in-service', c.inService, 'in service'],
    ['breaches', c.breaches, `waits over ${Math.round(targetWait * 60)} min`],
    ['done', c.done, 'done'],
    ['left', c.left, 'left unseen'],
  ];
  return (
    <div className="clock-and-counters">
      <div className="clock" data-testid="clock" data-sim-time={String(frame.time)}>
        {clockText(frame.time, startWeekday)}
        {frame.ended && <span className="ended"> · end of run</span>}
      </div>
      <dl className="counters">
        {items.map(([id, n, label]) => (
          <div key={id} className="counter">
            <dt>{label}</dt>
            <dd data-testid={`counter-${id}`}>{n}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
