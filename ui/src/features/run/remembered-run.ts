// The run a scenario's page is following, remembered in this browser tab (sessionStorage),
// so the page reloaded mid-run rejoins it: the run (first look or full), and what the full
// run after a first look needs (the document, replications and seed).
export interface RememberedRun {
  runId: string;
  stage: 'first-look' | 'full';
  scenario: Record<string, unknown>;
  replications: number;
  seed: number;
  /** A run sized to a precision: what was asked (kpis filled in after a first look, if none were chosen) and the target in words. */
  precision?: { relative?: number; absolute?: number; kpis?: string[]; maxReplications: number };
  asked?: string;
}

const key = (scenario: string) => `pathflow:run:${scenario}`;

export function rememberRun(scenario: string, run: RememberedRun): void {
  try { sessionStorage.setItem(key(scenario), JSON.stringify(run)); } catch { /* not remembered: a reload starts afresh */ }
}

export function recallRun(scenario: string): RememberedRun | undefined {
  try {
    const x = JSON.parse(sessionStorage.getItem(key(scenario)) ?? 'null') as RememberedRun | null;
    return x && typeof x.runId === 'string' && (x.stage === 'first-look' || x.stage === 'full') ? x : undefined;
  } catch { return undefined; }
}

export function forgetRun(scenario: string): void {
  try { sessionStorage.removeItem(key(scenario)); } catch { /* nothing kept */ }
}
