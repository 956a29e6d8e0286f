// The scenario view: options to compare, then the pathways as diagrams, the key numbers
// as a form, or the whole file as text. The document lives with the caller (app/), so a
// run or a save always uses exactly what is on screen.
import { lazy, memo, Suspense, useMemo, useState } from 'react';
import { formatPath } from '../../../../scenarios/errors.ts';
import { setAt } from '../../lib/patch.ts';
import { BASELINE, validate, variantsOf, withEdited, workingDoc, type Doc } from '../../lib/scenario-doc.ts';
import { FormContext, type FormApi } from './form-context.tsx';
import { KeyNumbersForm } from './KeyNumbersForm.tsx';
import { PathwayDiagram, DiagramLegend } from './PathwayDiagram.tsx';
import { scenarioGraphs } from '../../../../scenarios/diagram/pathway-graph.ts';
import { VariantsPanel } from './VariantsPanel.tsx';

// The text editor brings the YAML library: loaded when its tab is first opened.
const AdvancedEditor = lazy(() => import('./AdvancedEditor.tsx').then((m) => ({ default: m.AdvancedEditor })));
// The builder (every field of the language, from the schema): loaded when its tab is first opened.
const Builder = lazy(() => import('./builder/Builder.tsx').then((m) => ({ default: m.Builder })));

type Tab = 'numbers' | 'diagram' | 'builder' | 'advanced';
const TABS: { id: Tab; label: string }[] = [
  { id: 'numbers', label: 'Key numbers' },
  { id: 'diagram', label: 'Pathway diagram' },
  { id: 'builder', label: 'Builder' },
  { id: 'advanced', label: 'Advanced editor (YAML/JSON)' },
];

interface Props { doc: Doc; onChange(doc: Doc): void; target: string; onTarget(id: string): void }

// Memoised: a run finishing (or progressing) re-renders the page around it, and the form
// has hundreds of fields that have not changed.
export const ScenarioEditor = memo(function ScenarioEditor({ doc, onChange, target, onTarget }: Props) {
  const [tab, setTab] = useState<Tab>('numbers');
  const working = useMemo(() => workingDoc(doc, target), [doc, target]);
  const validation = useMemo(() => validate(doc, target), [doc, target]);
  const form: FormApi = {
    doc: working,
    set: (path, value) => onChange(withEdited(doc, target, setAt(working, path, value))),
    messages: validation.byPath,
  };
  const graphs = useMemo(() => scenarioGraphs(working), [working]);
  const targetName = target === BASELINE ? 'the baseline' : `“${variantsOf(doc).find((v) => v.id === target)?.name ?? target}”`;

  return (
    <div className="editor">
      <VariantsPanel doc={doc} target={target} onTarget={onTarget} onChange={onChange} />
      {!validation.ok && (
        <div className="message message--error" role="alert" aria-live="polite">
          <strong>{validation.issues.length === 1 ? 'One value needs fixing' : `${validation.issues.length} values need fixing`} in {targetName} before it can run or be saved:</strong>
          <ul>{validation.issues.slice(0, 8).map((i, k) => <li key={k}><code>{formatPath(i.path)}</code>: {i.message}</li>)}</ul>
          {validation.issues.length > 8 && <p>… and {validation.issues.length - 8} more.</p>}
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="Scenario views">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`}
            className={tab === t.id ? 'tab tab--active' : 'tab'} onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const i = TABS.findIndex((x) => x.id === tab);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'numbers' && (
          <FormContext.Provider value={form}>
            <p className="muted">Editing {targetName}.{target !== BASELINE && ' Changes are kept as differences from the baseline.'}</p>
            <KeyNumbersForm />
          </FormContext.Provider>
        )}
        {tab === 'builder' && (
          <Suspense fallback={<p role="status">Loading the builder…</p>}>
            <p className="muted">Every part of {targetName}, field by field.{target !== BASELINE && ' Changes are kept as differences from the baseline.'}</p>
            <Builder form={form} />
          </Suspense>
        )}
        {tab === 'diagram' && (
          <div className="diagrams">
            <p className="muted">Pathways of {targetName}, drawn from the scenario. Hover a box for all its details.</p>
            <DiagramLegend />
            {graphs.length === 0 ? <p>This scenario has no pathways yet.</p> : graphs.map((g) => <PathwayDiagram key={g.id} graph={g} />)}
          </div>
        )}
        {tab === 'advanced' && <Suspense fallback={<p role="status">Loading the editor…</p>}><AdvancedEditor doc={doc} onApply={onChange} /></Suspense>}
      </div>
    </div>
  );
});
