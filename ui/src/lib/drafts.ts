// Unsaved edits survive leaving the page: each scenario's working copy is kept in this
// browser (localStorage) until it is saved or discarded, with the server version it was
// based on, so coming back restores it instead of silently losing it.
//
// Each tab keeps its own draft (`pathflow:draft:<id>:<tab>`): two tabs on one scenario
// used to share one key, and the last to type silently replaced the other's draft (a
// reload then showed the other tab's changes as "yours"). The tab's id lives in its
// sessionStorage, so a reload finds its own draft again; drafts of other tabs are never
// written over, only offered (otherDrafts) and announced as they change (watchOtherDrafts).
import type { Doc } from './scenario-doc.ts';
import { deepEqual } from './patch.ts';

const PREFIX = 'pathflow:draft:';
const TAB_KEY = 'pathflow:tab';
/** Before drafts were kept per tab: one per scenario, read as another tab's. */
const legacyKey = (id: string) => `${PREFIX}${id}`;
const key = (id: string, tab: string) => `${PREFIX}${id}:${tab}`;

export interface Draft { doc: Doc; basedOn: number | string | undefined; at: string }
/** A draft kept by another tab (or by a tab since closed). */
export interface OtherDraft extends Draft { key: string }

let thisTab: string | undefined;
/** This tab's id: kept for the tab's life in its sessionStorage (a reload keeps it). */
export function tabId(): string {
  if (thisTab) return thisTab;
  try {
    thisTab = sessionStorage.getItem(TAB_KEY) ?? undefined;
    if (!thisTab) { thisTab = Math.random().toString(36).slice(2, 10); sessionStorage.setItem(TAB_KEY, thisTab); }
  } catch { thisTab ??= Math.random().toString(36).slice(2, 10); }
  return thisTab;
}

function read(k: string): Draft | undefined {
  try {
    const text = localStorage.getItem(k);
    return text ? (JSON.parse(text) as Draft) : undefined;
  } catch { return undefined; }
}

/** Whether a storage key is one of the scenario's drafts (this tab's or another's). */
const isDraftOf = (k: string, id: string) => k === legacyKey(id) || (k.startsWith(`${legacyKey(id)}:`) && !k.slice(legacyKey(id).length + 1).includes(':'));

function draftKeys(id: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k !== null && isDraftOf(k, id)) keys.push(k);
    }
  } catch { /* storage disabled */ }
  return keys;
}

/** The scenario's drafts kept by other tabs, newest first. */
export function otherDrafts(id: string): OtherDraft[] {
  const own = key(id, tabId());
  return draftKeys(id).filter((k) => k !== own)
    .flatMap((k) => { const d = read(k); return d ? [{ ...d, key: k }] : []; })
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** The draft to open: this tab's own (a reload), else the newest another tab left. */
export function loadDraft(id: string): Draft | undefined {
  return read(key(id, tabId())) ?? otherDrafts(id)[0];
}

/** Keeps this tab's draft: never another tab's key. */
export function saveDraft(id: string, doc: Doc, basedOn: number | string | undefined): void {
  try { localStorage.setItem(key(id, tabId()), JSON.stringify({ doc, basedOn, at: new Date().toISOString() })); } catch { /* full or disabled: edits stay in the page */ }
}

/**
 * Keeps a document aside as a draft of its own before this tab opens another's changes in
 * its place: offered again like another tab's draft, so choosing never loses what was typed.
 */
export function keepAside(id: string, doc: Doc, basedOn: number | string | undefined): void {
  try { localStorage.setItem(key(id, `${tabId()}-${Date.now().toString(36)}`), JSON.stringify({ doc, basedOn, at: new Date().toISOString() })); } catch { /* full or disabled */ }
}

/**
 * Drops this tab's draft, and other tabs' drafts holding exactly `same` (a copy opened here,
 * now saved or discarded: nothing in them is lost). Other drafts stay.
 */
export function dropDraft(id: string, same?: Doc): void {
  try {
    localStorage.removeItem(key(id, tabId()));
    if (same !== undefined) for (const d of otherDrafts(id)) if (deepEqual(d.doc, same)) localStorage.removeItem(d.key);
  } catch { /* nothing to drop */ }
}

/**
 * Calls `onChange` when another tab writes or drops a draft of the scenario (the browser's
 * `storage` event fires in every other tab of the origin). Returns the unsubscribe.
 */
export function watchOtherDrafts(id: string, onChange: (drafts: OtherDraft[]) => void): () => void {
  const own = key(id, tabId());
  const listen = (e: StorageEvent) => {
    if (e.key === null || (e.key !== own && isDraftOf(e.key, id))) onChange(otherDrafts(id));
  };
  window.addEventListener('storage', listen);
  return () => window.removeEventListener('storage', listen);
}
