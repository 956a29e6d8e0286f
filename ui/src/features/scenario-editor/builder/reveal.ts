// Opening the builder at a path from elsewhere (a "what is missing" link, a diagram node):
// the builder opens every part on the way and focuses the element `b-<path>`. A plain
// window event, so the caller need not load the builder's code to send it.
import type { Path } from '../../../lib/patch.ts';

export const REVEAL_EVENT = 'pathflow:builder-reveal';

export function revealInBuilder(path: Path): void {
  window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: path }));
}
