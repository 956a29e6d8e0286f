// The session on screen survives a reload (or the laptop restarting): kept in this
// browser's localStorage as the same spec a share link carries (scenario, variant, seed,
// the session log and the moment shown), and reopened when teaching mode is opened with no
// link or query of its own. Plain JSON, written synchronously, so a reload's pagehide has
// time to save it; read back through the share link's checks, never trusted as written.
import { checkSpec } from './share-link.ts';
import type { SessionSpec } from './session.ts';

const KEY = 'pathflow:teach-session';

export function saveSession(spec: SessionSpec): void {
  try { localStorage.setItem(KEY, JSON.stringify(spec)); } catch { /* storage full or off: not kept */ }
}

/** The saved session, or null when there is none or it cannot be read. */
export function loadSession(): SessionSpec | null {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return null;
    const data: unknown = JSON.parse(text);
    return checkSpec(data) === null ? data as SessionSpec : null;
  } catch { return null; }
}

export function forgetSession(): void {
  try { localStorage.removeItem(KEY); } catch { /* nothing kept */ }
}
