// Queue lengths over the simulated day, gathered from the frames the page receives, for
// the "watch the queue build and drain" chart: today's line, and yesterday's for comparison.
import type { Frame } from './live-run.ts';

export interface DayLine {
  day: number;
  /** Per place: [hour of day, queue] points in time order. */
  points: [number, number][][];
}

export class QueueHistory {
  today: DayLine | null = null;
  yesterday: DayLine | null = null;
  private lastTime = -Infinity;

  /** Adds a frame; a frame earlier than the last (restart, rebuild) starts afresh. */
  add(f: Frame): void {
    if (f.time < this.lastTime) { this.today = null; this.yesterday = null; }
    this.lastTime = f.time;
    const day = Math.floor(f.time / 24);
    if (!this.today || this.today.day !== day) {
      this.yesterday = this.today && this.today.day === day - 1 ? this.today : null;
      this.today = { day, points: f.places.map(() => []) };
    }
    const hour = f.time - day * 24;
    f.places.forEach((p, i) => {
      const line = this.today!.points[i];
      const last = line[line.length - 1];
      // A step: the queue holds its value until the next frame.
      if (last && last[1] !== p.queue) line.push([hour, last[1]]);
      if (!last || last[1] !== p.queue || hour - last[0] > 0.25) line.push([hour, p.queue]);
    });
  }
}
