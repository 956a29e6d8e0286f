// Share links: a session spec survives the trip through the URL hash exactly, and a
// damaged link is refused with a message rather than opening some other run.
import { expect, test } from 'vitest';
import { decodeSpec, encodeSpec, shareUrl } from '../../ui/src/teach/share-link.ts';
import { defaultSpec, specFromQuery, type SessionSpec } from '../../ui/src/teach/session.ts';
import { LIBRARY_FROM_DISK } from './helpers.ts';

const session: SessionSpec = {
  ...defaultSpec(),
  variant: 'on-time', seed: 42, replication: 3, targetWait: 0.25, at: 34.123456789, steps: 2,
  changes: [
    { kind: 'staff', at: 9.75, team: 'clinic/staff', role: 'clinician', delta: 1, until: 11.75 },
    { kind: 'capacity', at: 30.5, pool: 'dgh/medical', capacity: 90 },
  ],
};

test('round trip: library id, variant, seed, changes and time come back identical', async () => {
  const hash = await encodeSpec(session);
  expect(hash).toMatch(/^s1\.[A-Za-z0-9_-]+$/); // URL-safe, no padding
  expect(await decodeSpec(`#s=${hash}`)).toEqual({ ok: true, spec: session });
});

test('round trip with a whole scenario text: compressed well below its size', async () => {
  const text = LIBRARY_FROM_DISK['teaching-clinic'];
  const spec = { ...session, scenario: { text } };
  const url = await shareUrl(spec, 'http://laptop.local/teach.html#s=old');
  expect(url.startsWith('http://laptop.local/teach.html#s=s1.')).toBe(true);
  expect(url.length).toBeLessThan(text.length * 0.75);
  expect(await decodeSpec(new URL(url).hash)).toEqual({ ok: true, spec });
});

test('a damaged or foreign link is refused with what is wrong', async () => {
  const hash = await encodeSpec(session);
  const cut = await decodeSpec(`#s=${hash.slice(0, hash.length - 10)}`);
  expect(cut.ok).toBe(false);
  expect(await decodeSpec('#s=v9.abc')).toEqual({ ok: false, message: 'share link: expected a hash starting "s=s1.", got "v9.abc"' });
  const bad = await encodeSpec({ ...session, seed: 'x' as unknown as number });
  expect(await decodeSpec(bad)).toEqual({ ok: false, message: 'share link: seed: expected a number, got "x"' });
});

test('readable links from the web app: ?scenario=…&variant=…&seed=…, anything missing or bad left at the default', () => {
  expect(specFromQuery('?scenario=ed-skill-mix&variant=acps&seed=3')).toEqual({ ...defaultSpec(), scenario: { library: 'ed-skill-mix' }, variant: 'acps', seed: 3 });
  expect(specFromQuery('')).toEqual(defaultSpec());
  expect(specFromQuery('?seed=-2')).toEqual(defaultSpec());
});
