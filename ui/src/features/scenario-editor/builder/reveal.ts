// Opening the builder at a path from elsewhere (a "what is missing" link, a diagram node):
// the builder opens every part on the way and focuses the element `b-<path>`. A plain
// window event, so the caller need not load the builder's code to send it; a reveal sent
// while the builder is not shown is kept and done when it next mounts.
import type { Path } from '../../../lib/patch.ts';

export const REVEAL_EVENT = 'pathflow:builder-reveal';

let pending: Path | undefined;

export function revealInBuilder(path: Path): void {
  pending = path;
  window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: path }));
}

/** The path of a reveal not yet done (cleared when taken). */
export function takePendingReveal(): Path | undefined {
  const p = pending;
  pending = undefined;
  return p;
}
