// Unsaved edits survive leaving the page: each scenario's working copy is kept in this
// browser (localStorage) until it is saved or discarded, with the server version it was
// based on, so coming back restores it instead of silently losing it.
import type { Doc } from './scenario-doc.ts';

const key = (id: string) => `pathflow:draft:${id}`;

export interface Draft { doc: Doc; basedOn: number | string | undefined; at: string }

export function loadDraft(id: string): Draft | undefined {
  try {
    const text = localStorage.getItem(key(id));
    return text ? (JSON.parse(text) as Draft) : undefined;
  } catch { return undefined; }
}

export function saveDraft(id: string, doc: Doc, basedOn: number | string | undefined): void {
  try { localStorage.setItem(key(id), JSON.stringify({ doc, basedOn, at: new Date().toISOString() })); } catch { /* full or disabled: edits stay in the page */ }
}

export function dropDraft(id: string): void {
  try { localStorage.removeItem(key(id)); } catch { /* nothing to drop */ }
}
