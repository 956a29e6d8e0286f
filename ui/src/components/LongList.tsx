// A long list of a scenario's entries (sites, classes, pathways, waiting lists) drawn a
// page at a time, with a button for more. A model of 3,000 sites drew every site's, class's
// and pathway's fields at once: the scenario page took 37 s to appear, the tab frozen
// meanwhile. A place asked for beyond the page (an error's "go to", a step opened from the
// diagram) is drawn, with the entries before it, so it can be shown and focused.
import { useState, type ReactNode } from 'react';
import type { Path } from '../lib/patch.ts';

export const ENTRIES_AT_A_TIME = 50;

interface Props {
  count: number;
  /** Where the list is in the scenario (['sites'], ['pathways']): a place asked for under it is drawn. */
  path: Path;
  /** The entries' keys when they are not indices (a record's: pathway ids), in the order drawn. */
  keys?: readonly string[];
  /** The place being looked for, if any (FormApi.wanted). */
  wanted?: Path | null;
  /** Plural, for "50 of 3,000 sites shown". */
  noun: string;
  children: (i: number) => ReactNode;
}

export function LongList({ count, path, keys, wanted, noun, children }: Props) {
  const [shown, setShown] = useState(ENTRIES_AT_A_TIME);
  const upTo = Math.min(count, Math.max(shown, wantedIndex(path, keys, wanted) + 1));
  const rest = count - upTo;
  return (
    <>
      {Array.from({ length: upTo }, (_, i) => children(i))}
      {rest > 0 && (
        <p className="long-list__more" role="status">
          {upTo.toLocaleString('en-GB')} of {count.toLocaleString('en-GB')} {noun} shown.{' '}
          <button type="button" onClick={() => setShown(upTo + ENTRIES_AT_A_TIME)}>Show {Math.min(ENTRIES_AT_A_TIME, rest).toLocaleString('en-GB')} more {noun}</button>
        </p>
      )}
    </>
  );
}

/** The index of the entry `wanted` lies in, if it lies under `path`; -1 otherwise. */
export function wantedIndex(path: Path, keys: readonly string[] | undefined, wanted: Path | null | undefined): number {
  if (!wanted || wanted.length <= path.length || !path.every((p, k) => wanted[k] === p)) return -1;
  const key = wanted[path.length];
  return keys ? keys.indexOf(String(key)) : typeof key === 'number' ? key : -1;
}
