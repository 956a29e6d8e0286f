// The app's frame: a header, the page for the current route, and a boundary that turns
// any rendering error into a readable message instead of a blank page.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { LibraryPage } from '../features/library/LibraryPage.tsx';
import { ReportPage } from '../features/compare/ReportPage.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { IMPORT_KEY, NEW_KEY, ScenarioWorkspace } from './ScenarioWorkspace.tsx';
import { RunPage } from './RunPage.tsx';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage.tsx';
import { navigate, useRoute } from './router.ts';

// The page "From data" brings the fitting code: loaded when it is first opened.
const FitPage = lazy(() => import('../features/fit/FitPage.tsx').then((m) => ({ default: m.FitPage })));

class Boundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) { return { error }; }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string; error: Error | null }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) {
      return <ErrorMessage page title="Something went wrong on this page." message={`${this.state.error.message}. Your saved scenarios are safe; go back to the scenarios and try again.`}
        action={<a href="#/">Back to the scenarios</a>} />;
    }
    return this.props.children;
  }
}

// Larger text for a projector at the back of a room; remembered in this browser.
function useLargeText(): [boolean, () => void] {
  const [large, setLarge] = useState(() => { try { return localStorage.getItem('pathflow:large-text') === '1'; } catch { return false; } });
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', large);
    try { localStorage.setItem('pathflow:large-text', large ? '1' : '0'); } catch { /* not remembered */ }
  }, [large]);
  return [large, () => setLarge((x) => !x)];
}

export function App() {
  const route = useRoute();
  const [largeText, toggleLargeText] = useLargeText();
  const [importError, setImportError] = useState<string | null>(null);
  const onImport = async (text: string, filename: string) => {
    const { parseText } = await import('../lib/scenario-text.ts');
    const r = parseText(text);
    if (!r.ok) { setImportError(`“${filename}”: ${r.message}`); return; }
    setImportError(null);
    sessionStorage.setItem(IMPORT_KEY, JSON.stringify(r.doc));
    navigate('/import');
  };
  // A new scenario (empty or from a template) is kept in this tab until saved, as an import is.
  const onNew = (doc: Record<string, unknown>) => {
    sessionStorage.setItem(NEW_KEY, JSON.stringify(doc));
    navigate('/new');
  };
  let page: ReactNode;
  switch (route.page) {
    case 'library': page = (
      <>
        {importError && <ErrorMessage title="Import failed" message={importError} />}
        <LibraryPage onOpen={(id) => navigate(`/scenario/${encodeURIComponent(id)}`)} onImport={onImport} onNew={onNew} onOpenRun={(id) => navigate(`/runs/${encodeURIComponent(id)}`)} />
      </>
    ); break;
    case 'scenario': page = <ScenarioWorkspace key={route.id} id={route.id} view={route.view} />; break;
    case 'experiments': page = <ExperimentsPage key={route.id} id={route.id} />; break;
    case 'import': page = <ScenarioWorkspace key="import" />; break;
    case 'fit': page = (
      <>
        {importError && <ErrorMessage title="The fitted scenario could not be opened" message={importError} />}
        <Suspense fallback={<Loading what="the page" />}><FitPage onOpen={onImport} /></Suspense>
      </>
    ); break;
    case 'new': page = <ScenarioWorkspace key="new" unsavedKey={NEW_KEY} />; break;
    case 'run': page = <RunPage key={route.id} id={route.id} />; break;
    case 'report': page = <ReportPage key={route.id} runId={route.id} />; break;
    default: page = <ErrorMessage page title="There is no such page." message={`Nothing lives at ${route.hash}.`} action={<a href="#/">Go to the scenarios</a>} />;
  }
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="app-header no-print">
        <a className="brand" href="#/">pathflow</a>
        <span className="tagline">patient-flow simulator: try a change on a model before trying it on patients</span>
        <nav className="app-nav" aria-label="Pages">
          <a href="#/">Scenarios</a>
          <a href="./teach.html">Teaching mode</a>
          <button type="button" className="small text-size" aria-pressed={largeText} onClick={toggleLargeText}>Larger text</button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Boundary resetKey={location.hash}>{page}</Boundary>
      </main>
    </>
  );
}
