// The scenario view: options to compare, then the pathways as diagrams, the key numbers
// as a form, or the whole file as text. The document lives with the caller (app/), so a
// run or a save always uses exactly what is on screen.
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { formatPath } from '../../../../scenarios/errors.ts';
import { setAt, type Path } from '../../lib/patch.ts';
import { addStepAfter, moveStep, moveStepTo } from '../../lib/pathway-edits.ts';
import { BASELINE, validate, variantsOf, withEdited, workingDoc, type Doc } from '../../lib/scenario-doc.ts';
import { FormContext, type FormApi } from './form-context.tsx';
import { KeyNumbersForm } from './KeyNumbersForm.tsx';
import { PathwayDiagram, DiagramLegend } from './PathwayDiagram.tsx';
import { scenarioGraphs } from '../../../../scenarios/diagram/pathway-graph.ts';
import { VariantsPanel } from './VariantsPanel.tsx';
import { revealInBuilder } from './builder/reveal.ts';

// The text editor brings the YAML library: loaded when its tab is first opened.
const AdvancedEditor = lazy(() => import('./AdvancedEditor.tsx').then((m) => ({ default: m.AdvancedEditor })));
// The builder (every field of the language, from the schema): loaded when its tab is first opened.
const Builder = lazy(() => import('./builder/Builder.tsx').then((m) => ({ default: m.Builder })));

// 'builder': the schema-driven form, where every field can be set (features/scenario-editor/builder/).
type Tab = 'numbers' | 'diagram' | 'builder' | 'advanced';
const TABS: { id: Tab; label: string }[] = [
  { id: 'numbers', label: 'Key numbers' },
  { id: 'diagram', label: 'Pathway diagram' },
  { id: 'builder', label: 'Builder' },
  { id: 'advanced', label: 'Advanced editor (YAML/JSON)' },
];

/** A place to show: the tab it belongs to is opened and its field focused; `seq` makes each request new. */
export interface GoTo { path: Path; seq: number }

interface Props {
  doc: Doc;
  /** An edit; `key` names the field it was made in, so keystrokes there are one undo step. */
  onChange(doc: Doc, key?: string): void;
  target: string;
  onTarget(id: string): void;
  goTo?: GoTo | null;
  /** The page lists what is missing (the baseline's problems among them): not repeated here. */
  guided?: boolean;
}

/** The tabs that may hold a path's field, in the order to look: the builder first. */
function tabsFor(path: Path): Tab[] {
  const tabs: Tab[] = [];
  if (TABS.some((t) => t.id === 'builder')) tabs.push('builder');
  tabs.push('numbers');
  if (path[0] === 'pathways' || path[0] === 'waitingLists') tabs.push('diagram');
  return tabs;
}

// Sections of the key-numbers form, for a path whose own field does not exist yet (no class at all).
const SECTIONS: Record<string, string> = { classes: 'sec-arrivals', pathways: 'sec-pathways', time: 'sec-time', waitingLists: 'sec-lists', costs: 'sec-costs', measures: 'sec-measures' };

/**
 * The element for a path on the page: the builder's (`b-` + path), the form's (`f-`), the
 * diagram's (`d-`), the field itself or one inside it; with `near`, failing that, the
 * nearest one above it (the last tab to look in).
 */
function elementFor(path: Path, near: boolean): HTMLElement | null {
  for (const prefix of ['b-', 'f-', 'd-']) {
    for (let n = path.length; n >= (near ? 1 : path.length); n--) {
      const id = prefix + path.slice(0, n).join('-');
      const el = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"]`);
      if (el) return el;
    }
  }
  if (!near) return null;
  const section = path[0] === 'sites' ? `sec-site-${typeof path[1] === 'number' ? path[1] : 0}` : SECTIONS[String(path[0])];
  return section ? document.getElementById(section) : null;
}

function reveal(el: HTMLElement) {
  const focusable = el.matches('input, select, textarea, button, a[href], [tabindex]');
  if (!focusable) el.tabIndex = -1;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

// Memoised: a run finishing (or progressing) re-renders the page around it, and the form
// has hundreds of fields that have not changed.
export const ScenarioEditor = memo(function ScenarioEditor({ doc, onChange, target, onTarget, goTo, guided }: Props) {
  const [tab, setTab] = useState<Tab>(TABS[0].id);
  // Going to a place: open the first tab that may hold it, look for its field (a lazy tab
  // may take a few frames to draw), else try the next tab.
  const [pending, setPending] = useState<{ path: Path; tabs: Tab[] } | null>(null);
  useEffect(() => {
    if (!goTo) return;
    const tabs = tabsFor(goTo.path);
    // The builder opens the parts on the way to the field (they start closed), then the look below finds it.
    if (tabs[0] === 'builder') revealInBuilder(goTo.path);
    setTab(tabs[0]);
    setPending({ path: goTo.path, tabs });
  }, [goTo]);
  useEffect(() => {
    if (!pending) return;
    let frames = 0, raf = 0;
    const look = () => {
      const el = elementFor(pending.path, pending.tabs.length === 1);
      if (el) { reveal(el); setPending(null); return; }
      if (++frames < 20) { raf = requestAnimationFrame(look); return; }
      const rest = pending.tabs.slice(1);
      if (rest.length > 0) { setTab(rest[0]); setPending({ path: pending.path, tabs: rest }); } else setPending(null);
    };
    look();
    return () => cancelAnimationFrame(raf);
  }, [pending]);
  const open = useCallback((path: Path) => {
    // From the diagram: the step's own fields, else back to its node.
    const tabs = [...tabsFor(path).filter((t) => t !== 'diagram'), 'diagram' as const];
    if (tabs[0] === 'builder') revealInBuilder(path);
    setTab(tabs[0]);
    setPending({ path, tabs });
  }, []);
  const working = useMemo(() => workingDoc(doc, target), [doc, target]);
  const validation = useMemo(() => validate(doc, target), [doc, target]);
  const options = useMemo(() => [BASELINE, ...variantsOf(doc).map((v) => v.id)].map((t) => workingDoc(doc, t)), [doc]);
  const form: FormApi = {
    doc: working,
    options,
    set: (path, value, step = path) => onChange(withEdited(doc, target, setAt(working, path, value)), `${target} ${formatPath(step)}`),
    messages: validation.byPath,
    wanted: pending?.path ?? null,
  };
  const graphs = useMemo(() => scenarioGraphs(working), [working]);
  // Diagram edits (add a step, move one): the working scenario edited, as the form does.
  const [diagramNote, setDiagramNote] = useState<string | null>(null);
  const editPathway = (r: ReturnType<typeof moveStep>) => {
    if (!r.ok) { setDiagramNote(`Not moved: ${r.reason}.`); return false; }
    setDiagramNote(null);
    onChange(withEdited(doc, target, r.doc));
    return true;
  };
  const targetName = target === BASELINE ? 'the baseline' : `“${variantsOf(doc).find((v) => v.id === target)?.name ?? target}”`;

  return (
    <div className="editor">
      <VariantsPanel doc={doc} target={target} onTarget={onTarget} onChange={onChange} />
      {!validation.ok && !(guided && target === BASELINE) && (
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
            {/* Keyed by the option edited: what the form compares edits with (beds against staff) is that option as it was opened. */}
            <KeyNumbersForm key={target} />
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
            {diagramNote && <p className="message message--warn" role="status">{diagramNote}</p>}
            {graphs.length === 0 ? <p>This scenario has no pathways yet.</p> : graphs.map((g) => (
              <PathwayDiagram key={g.id} graph={g} messages={validation.byPath} onOpen={open}
                onAdd={g.pathway === undefined ? undefined : (i) => {
                  const r = addStepAfter(working, g.pathway!, i);
                  if (!r.ok) { setDiagramNote(`Not added: ${r.reason}.`); return; }
                  setDiagramNote(null);
                  onChange(withEdited(doc, target, r.doc));
                  open(r.path);
                }}
                onMove={g.pathway === undefined ? undefined : (i, by) => editPathway(moveStep(working, g.pathway!, i, by))}
                onMoveTo={g.pathway === undefined ? undefined : (i, to) => editPathway(moveStepTo(working, g.pathway!, i, to))} />
            ))}
          </div>
        )}
        {tab === 'advanced' && <Suspense fallback={<p role="status">Loading the editor…</p>}><AdvancedEditor doc={doc} onApply={onChange} /></Suspense>}
      </div>
    </div>
  );
});
