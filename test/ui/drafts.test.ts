// Two tabs on one scenario keep a draft each: neither overwrites the other's (they shared one
// key, and the last to type won: a reload showed the other tab's changes as "yours"), and a
// tab hears, through the browser's `storage` event, when the other writes one.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

/** A Storage in memory: one for the browser (localStorage), one per tab (sessionStorage). */
class MemoryStorage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, String(v)); }
  removeItem(k: string) { this.m.delete(k); }
  clear() { this.m.clear(); }
}

const shared = new MemoryStorage();
const tabs = { a: new MemoryStorage(), b: new MemoryStorage() };
const win = new EventTarget();

/** The drafts module as one tab sees it: a fresh module with that tab's sessionStorage. */
async function tab(name: 'a' | 'b') {
  vi.resetModules();
  vi.stubGlobal('sessionStorage', tabs[name]);
  return import('../../ui/src/lib/drafts.ts');
}

beforeEach(() => {
  vi.stubGlobal('localStorage', shared);
  vi.stubGlobal('window', win);
});
afterEach(() => { vi.unstubAllGlobals(); shared.clear(); tabs.a.clear(); tabs.b.clear(); });

describe('drafts in two tabs', () => {
  test('each tab keeps its own; a reload of either finds its own and sees the other\'s', async () => {
    const a = await tab('a');
    a.saveDraft('mine', { time: { horizonDays: 21 } }, 1);
    const b = await tab('b');
    b.saveDraft('mine', { costs: { tariff: { booked: 99 } } }, 1);
    // Tab A reloads: its module starts again with its own sessionStorage.
    const a2 = await tab('a');
    expect(a2.loadDraft('mine')?.doc).toEqual({ time: { horizonDays: 21 } });
    expect(a2.otherDrafts('mine').map((d) => d.doc)).toEqual([{ costs: { tariff: { booked: 99 } } }]);
    const b2 = await tab('b');
    expect(b2.loadDraft('mine')?.doc).toEqual({ costs: { tariff: { booked: 99 } } });
  });

  test('a new tab opens the newest draft another tab left; saving drops only its copies', async () => {
    const a = await tab('a');
    a.saveDraft('mine', { x: 1 }, 1);
    const b = await tab('b');
    expect(b.loadDraft('mine')?.doc).toEqual({ x: 1 });
    b.saveDraft('mine', { x: 1 }, 1);
    b.dropDraft('mine', { x: 1 });
    expect(b.loadDraft('mine')).toBeUndefined();
    // A draft holding anything else stays.
    a.saveDraft('mine', { x: 2 }, 1);
    b.dropDraft('mine', { x: 1 });
    expect(b.loadDraft('mine')?.doc).toEqual({ x: 2 });
  });

  test('a document set aside before opening another tab\'s changes is kept and offered', async () => {
    const a = await tab('a');
    a.saveDraft('mine', { mine: true }, 1);
    a.keepAside('mine', { mine: true }, 1);
    a.saveDraft('mine', { theirs: true }, 1);
    expect(a.otherDrafts('mine').map((d) => d.doc)).toEqual([{ mine: true }]);
  });

  test('the other tab\'s write is announced, this tab\'s own and other scenarios\' are not', async () => {
    const a = await tab('a');
    const heard: unknown[] = [];
    const stop = a.watchOtherDrafts('mine', (ds) => heard.push(ds.map((d) => d.doc)));
    const fire = (key: string) => { const e = new Event('storage') as Event & { key: string }; e.key = key; win.dispatchEvent(e); };
    const b = await tab('b');
    b.saveDraft('mine', { y: 1 }, 1);
    fire(`pathflow:draft:mine:${b.tabId()}`);
    fire(`pathflow:draft:mine:${tabs.a.getItem('pathflow:tab')}`);
    fire('pathflow:draft:other:zz');
    fire('pathflow:draft:mine-two:zz');
    expect(heard).toEqual([[{ y: 1 }]]);
    stop();
    fire(`pathflow:draft:mine:${b.tabId()}`);
    expect(heard).toHaveLength(1);
  });

  test('a draft kept before drafts were per tab is read as another tab\'s, never written', async () => {
    shared.setItem('pathflow:draft:mine', JSON.stringify({ doc: { old: true }, basedOn: 1, at: '2026-01-01T00:00:00Z' }));
    const a = await tab('a');
    expect(a.loadDraft('mine')?.doc).toEqual({ old: true });
    a.saveDraft('mine', { fresh: true }, 1);
    expect(JSON.parse(shared.getItem('pathflow:draft:mine')!).doc).toEqual({ old: true });
  });
});
