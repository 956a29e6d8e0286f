// Play, pause, one event, one hour, restart (same seed, same changes), and the speed.
// Keys for a facilitator at a projector: space plays or pauses, → is the next event, H one hour.
import { useEffect } from 'react';
import type { ToWorker } from '../messages.ts';

export const SPEEDS: { hoursPerSecond: number; label: string }[] = [
  { hoursPerSecond: 1, label: '1 hour / s' },
  { hoursPerSecond: 2, label: '2 hours / s' },
  { hoursPerSecond: 4, label: '4 hours / s' },
  { hoursPerSecond: 8, label: '8 hours / s' },
  { hoursPerSecond: 24, label: '1 day / s' },
];
export const DEFAULT_SPEED = 1;

interface Props {
  playing: boolean;
  ended: boolean;
  speed: number;
  skipQuiet: boolean;
  send: (m: ToWorker) => void;
  onSpeed: (hoursPerSecond: number) => void;
  onSkipQuiet: (on: boolean) => void;
}

export function PlayControls({ playing, ended, speed, skipQuiet, send, onSpeed, onSkipQuiet }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName))) return;
      if (e.key === ' ') send({ type: playing ? 'pause' : 'play' });
      else if (e.key === 'ArrowRight' && !ended) send({ type: 'step' });
      else if ((e.key === 'h' || e.key === 'H') && !ended) send({ type: 'advance', hours: 1 });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playing, ended, send]);
  return (
    <div className="play-controls">
      {playing
        ? <button data-testid="pause" onClick={() => send({ type: 'pause' })}>❚❚ Pause</button>
        : <button data-testid="play" disabled={ended} onClick={() => send({ type: 'play' })}>▶ Play</button>}
      <button data-testid="step" disabled={ended} onClick={() => send({ type: 'step' })} title="process the next event only (→)">Next event</button>
      <button data-testid="hour" title="(H)" disabled={ended} onClick={() => send({ type: 'advance', hours: 1 })}>+1 hour</button>
      <button data-testid="restart" onClick={() => send({ type: 'restart' })} title="back to the start: same seed, same changes">⟲ Restart</button>
      <label>
        speed{' '}
        <select data-testid="speed" value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s.hoursPerSecond} value={s.hoursPerSecond}>{s.label}</option>)}
        </select>
      </label>
      <label title="when nobody is in the system, jump to just before the next arrival">
        <input type="checkbox" checked={skipQuiet} onChange={(e) => onSkipQuiet(e.target.checked)} /> skip quiet hours
      </label>
    </div>
  );
}
