// Undo and redo of the scenario being edited: the documents before and after the one on
// screen, bounded (the oldest steps are dropped past `limit`). Keystrokes in one field are
// one step: an edit carrying the same key as the edit before it replaces the present
// instead of adding a step, until the history is sealed (the field left, an undo, another
// field). Pure: the workspace holds it in state.

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The key of the last edit, while further edits with it still join its step. */
  open?: string;
}

export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * `next` as the new present. With `key` equal to the open step's, it joins that step
 * (typing in one field); an edit with no key is always a step of its own.
 */
export function record<T>(h: History<T>, next: T, key?: string, limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h;
  if (key !== undefined && key === h.open) return { ...h, present: next, future: [] };
  const past = [...h.past, h.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], open: key };
}

/** The present replaced without a step (a save, a reload): what undo goes back to stays. */
export function replace<T>(h: History<T>, present: T): History<T> {
  return { ...h, present, open: undefined };
}

/** Closes the open step: the next edit starts a new one, even in the same field. */
export function seal<T>(h: History<T>): History<T> {
  return h.open === undefined ? h : { ...h, open: undefined };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return seal(h);
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return seal(h);
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

export const canUndo = (h: History<unknown>) => h.past.length > 0;
export const canRedo = (h: History<unknown>) => h.future.length > 0;

/**
 * What a key press means for the history, or null: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and
 * Ctrl+Y redo, except in a text field, whose own undo works on its text.
 */
export function historyKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, inTextField: boolean): 'undo' | 'redo' | null {
  if (inTextField || e.altKey || !(e.ctrlKey || e.metaKey)) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}
