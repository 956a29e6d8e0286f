// Routes live in the URL hash so the server needs no routing of its own and a page can
// be bookmarked or reloaded: #/, #/scenario/ID, #/scenario/ID/results (its last run's results), #/scenario/ID/experiments, #/import, #/new (a new scenario, unsaved), #/fit, #/runs/ID, #/runs/ID/report.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'library' }
  | { page: 'scenario'; id: string; view: 'edit' | 'results' }
  | { page: 'experiments'; id: string }
  | { page: 'import' }
  | { page: 'fit' }
  | { page: 'new' }
  | { page: 'run'; id: string }
  | { page: 'report'; id: string }
  | { page: 'unknown'; hash: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'library' };
  if (parts[0] === 'scenario' && parts[1] && parts[2] === 'experiments') return { page: 'experiments', id: parts[1] };
  if (parts[0] === 'scenario' && parts[1] && parts[2] === 'results') return { page: 'scenario', id: parts[1], view: 'results' };
  if (parts[0] === 'scenario' && parts[1]) return { page: 'scenario', id: parts[1], view: 'edit' };
  if (parts[0] === 'import') return { page: 'import' };
  if (parts[0] === 'fit') return { page: 'fit' };
  if (parts[0] === 'new') return { page: 'new' };
  if (parts[0] === 'runs' && parts[1] && parts[2] === 'report') return { page: 'report', id: parts[1] };
  if (parts[0] === 'runs' && parts[1]) return { page: 'run', id: parts[1] };
  return { page: 'unknown', hash };
}

export function navigate(path: string): void {
  location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    // A new page: to the top, and focus on its content (the <main> landmark), so a screen
    // reader announces the new page and Tab starts from its content, not the old link.
    const on = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
