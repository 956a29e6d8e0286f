// A scenario's experiments (#/scenario/ID/experiments): the planning questions of
// `pathflow sweep` and `seek` asked from the app. The scenario is the one its page shows —
// the saved version, or the unsaved changes kept in this browser — and the option to start
// from; the parameters and measures offered are the ones the server finds in it.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { loadDraft } from '../../lib/drafts.ts';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { TokenPrompt } from '../../components/TokenPrompt.tsx';
import { experimentsApi, type Choices } from './experiment-api.ts';
import { SeekPanel } from './SeekPanel.tsx';
import { SweepPanel } from './SweepPanel.tsx';
import './experiments.css';

type Doc = Record<string, unknown>;
type Load<T> = { kind: 'loading' } | { kind: 'error'; message: string; status?: number } | { kind: 'ready'; value: T };

const failure = (e: unknown) => ({ kind: 'error' as const, message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : undefined });

export function ExperimentsPage({ id }: { id: string }) {
  const [scenario, setScenario] = useState<Load<{ doc: Doc; unsaved: boolean }>>({ kind: 'loading' });
  const [variant, setVariant] = useState('baseline');
  const [choices, setChoices] = useState<Load<Choices>>({ kind: 'loading' });

  useEffect(() => {
    api.scenario(id).then((s) => {
      const draft = loadDraft(s.id);
      const unsaved = draft !== undefined && JSON.stringify(draft.doc) !== JSON.stringify(s.scenario);
      setScenario({ kind: 'ready', value: { doc: unsaved ? draft!.doc : s.scenario, unsaved } });
    }, (e: unknown) => setScenario(failure(e)));
  }, [id]);
  const doc = scenario.kind === 'ready' ? scenario.value.doc : undefined;
  useEffect(() => {
    if (!doc) return;
    setChoices({ kind: 'loading' });
    experimentsApi.choices(doc, variant).then((c) => setChoices({ kind: 'ready', value: c }), (e: unknown) => setChoices(failure(e)));
  }, [doc, variant]);

  if (scenario.kind === 'loading') return <Loading what="the scenario" />;
  if (scenario.kind === 'error') {
    return <ErrorMessage page title={scenario.status === 404 ? 'There is no such scenario.' : 'The scenario could not be opened.'} message={scenario.message}
      action={scenario.status === 401 ? <TokenPrompt /> : <a href="#/">Back to the scenarios</a>} />;
  }
  const { doc: d, unsaved } = scenario.value;
  const title = String(d.title ?? d.id ?? id);
  const variants = Array.isArray(d.variants) ? (d.variants as { id?: unknown; name?: unknown }[]) : [];
  const time = (d.time ?? {}) as { replications?: number };
  const back = `#/scenario/${encodeURIComponent(id)}`;
  return (
    <div className="workspace experiments">
      <p className="breadcrumb"><a href="#/">Scenarios</a> › <a href={back}>{title}</a> › Experiments</p>
      <header className="workspace__head">
        <h1>Experiments: {title}</h1>
        <p className="lead">Vary one number of the scenario — beds, staff, arrivals — and see each measure change with its 95% confidence band, or find how many are needed to meet a target.</p>
        {unsaved && <p className="message message--warn" role="status">These experiments use your unsaved changes to the scenario (kept in this browser).</p>}
      </header>
      {variants.length > 0 && (
        <div className="field">
          <label htmlFor="experiment-variant">Start from</label>
          <select id="experiment-variant" value={variant} onChange={(e) => setVariant(e.target.value)}>
            <option value="baseline">Baseline</option>
            {variants.map((v) => <option key={String(v.id)} value={String(v.id)}>{String(v.name ?? v.id)}</option>)}
          </select>
        </div>
      )}
      {choices.kind === 'loading' && <Loading what="what this scenario can vary" />}
      {choices.kind === 'error' && <ErrorMessage title="This scenario cannot be experimented on as it is." message={choices.message} action={<a href={back}>Back to the scenario</a>} />}
      {choices.kind === 'ready' && (choices.value.parameters.length === 0
        ? <p className="message">This scenario has no beds, staff or arrival rates to vary.</p>
        : (
          // Remounted when the option changes: the forms start again from its values.
          <div key={variant}>
            <SweepPanel scenario={d} variant={variant} choices={choices.value.parameters} kpis={choices.value.kpis} defaultReplications={time.replications ?? 10} />
            <SeekPanel scenario={d} variant={variant} choices={choices.value.parameters} kpis={choices.value.kpis} />
          </div>
        ))}
    </div>
  );
}
