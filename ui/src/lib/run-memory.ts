// The scenario a run was started with, remembered in this browser: the server keeps runs'
// results, not the (possibly unsaved) document, and the report shows the options'
// descriptions and changes from it. Only the latest runs are kept, so storage stays small.
const PREFIX = 'pathflow:run-scenario:';
const INDEX = 'pathflow:run-scenarios';
const KEEP = 30;

export function rememberRunScenario(runId: string, scenario: Record<string, unknown>): void {
  try {
    const ids = (JSON.parse(localStorage.getItem(INDEX) ?? '[]') as string[]).filter((x) => x !== runId);
    ids.push(runId);
    for (const old of ids.splice(0, Math.max(0, ids.length - KEEP))) localStorage.removeItem(PREFIX + old);
    localStorage.setItem(PREFIX + runId, JSON.stringify(scenario));
    localStorage.setItem(INDEX, JSON.stringify(ids));
  } catch { /* storage full or disabled: the report falls back to the saved scenario */ }
}

export function recallRunScenario(runId: string): Record<string, unknown> | undefined {
  try {
    const text = localStorage.getItem(PREFIX + runId);
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch { return undefined; }
}
