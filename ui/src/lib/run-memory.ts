// The scenario a run was started with, remembered in this browser tab: the server keeps
// runs' results, not the (possibly unsaved) document, and the report shows the options'
// descriptions and changes from it.
const key = (runId: string) => `pathflow:run-scenario:${runId}`;

export function rememberRunScenario(runId: string, scenario: Record<string, unknown>): void {
  try { localStorage.setItem(key(runId), JSON.stringify(scenario)); } catch { /* storage full or disabled: the report falls back to the saved scenario */ }
}

export function recallRunScenario(runId: string): Record<string, unknown> | undefined {
  try {
    const text = localStorage.getItem(key(runId));
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch { return undefined; }
}
