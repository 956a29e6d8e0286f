// What a run ran, from the document the server keeps with it (GET /api/runs/:id): the
// scenario and the saved version it came from (and whether that has changed or gone
// since), and each option compared with what it changes from the baseline. The run page
// and the printable report both show it, so either is complete when opened later, from
// its link, in any browser.
import type { RunInfo } from '../../lib/api.ts';
import { describeChanges } from '../../lib/changes.ts';
import { download } from '../../lib/download.ts';
import { baseOf, variantsOf, type Doc } from '../../lib/scenario-doc.ts';

/** Where the run's scenario came from, in a sentence, with a link to it while it still exists. */
export function RunOrigin({ run }: { run: RunInfo }) {
  const o = run.origin;
  const title = `“${run.title ?? run.scenarioId ?? ''}”`;
  const scenarioLink = (text: string) => (run.scenarioId && o && o.currentVersion !== null
    ? <a href={`#/scenario/${encodeURIComponent(run.scenarioId)}`}>{text}</a> : <>{text}</>);
  if (!o) return <p className="run-origin" data-origin="unsaved">Run from a scenario document that was not saved on this server; this run keeps the document it ran.</p>;
  const from = o.source === 'library' ? <>the ready-made scenario {scenarioLink(title)}</> : <>your saved scenario {scenarioLink(title)}, version {o.version}</>;
  const edits = o.edited ? ', with changes not saved before running' : '';
  const since = o.currentVersion === null ? ' It has been deleted since.'
    : o.currentVersion !== undefined && o.currentVersion !== o.version ? ` It is now version ${o.currentVersion}.` : '';
  return (
    <p className="run-origin" data-origin={o.edited ? 'edited' : 'saved'}>
      From {from}{edits}.{since}{(o.edited || since) && ' This run keeps the scenario exactly as it ran, and this page shows that.'}
    </p>
  );
}

/** The options compared besides the baseline, each with its description and every change it makes to the baseline. */
export function OptionsCompared({ options, scenario }: { options: readonly { id: string; name: string }[]; scenario?: Doc }) {
  const variants = scenario ? variantsOf(scenario) : [];
  const base = scenario ? baseOf(scenario) : undefined;
  return (
    <ol className="options-compared">
      <li><strong>Baseline</strong>: the scenario as it stands.</li>
      {options.map((v) => {
        const doc = variants.find((x) => x.id === v.id);
        const changes = doc && base ? describeChanges(base, doc.patch ?? {}) : [];
        return (
          <li key={v.id} data-option={v.id}><strong>{v.name}</strong>{doc?.description ? `: ${doc.description}` : ''}
            {changes.length > 0 && <ul className="report__changes">{changes.map((c, i) => <li key={i}>{c.place}: {c.from} → {c.to}</li>)}</ul>}
          </li>
        );
      })}
    </ol>
  );
}

/** The run's scenario as a file, to open in the app or run with `pathflow run` (the same seed gives the same numbers). */
export function DownloadScenarioAsRun({ run }: { run: RunInfo }) {
  const doc = run.scenario;
  if (!doc) return null;
  const save = async () => {
    const { toText } = await import('../../lib/scenario-text.ts');
    download(`${String(doc.id ?? 'scenario')}-run-${run.id.slice(0, 8)}.yaml`, toText(doc, 'yaml'), 'application/yaml');
  };
  return <button type="button" onClick={() => void save()}>Download the scenario as run (YAML)</button>;
}

/** The options a run compares besides the baseline, named from its document (before there is a result to name them). */
export function optionsOf(run: RunInfo): { id: string; name: string }[] {
  const docs = Array.isArray(run.scenario?.variants) ? (run.scenario.variants as { id: string; name?: string }[]) : [];
  return (run.variants ?? []).map((v) => ({ id: v, name: docs.find((d) => d.id === v)?.name ?? v }));
}
