// An event log, kept only when asked for: every entity event of a run, in order.
// Memory grows with the run, so the experiment layer never keeps one by default.
import type { Simulation } from './simulation.ts';
import type { SimEvent } from './results.ts';

export class EventLog {
  readonly events: SimEvent[] = [];
  private readonly stop: () => void;

  constructor(sim: Simulation, readonly limit = Infinity) {
    this.stop = sim.observe((e) => {
      if (this.events.length < this.limit) this.events.push(e);
    });
  }

  detach(): void {
    this.stop();
  }

  /** CSV with a header: time,type,entity,step,pool. */
  toCsv(): string {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return ['time,type,entity,step,pool', ...this.events.map((e) => `${e.time},${e.type},${e.entity},${q(e.step)},${q(e.pool)}`)].join('\n') + '\n';
  }
}
