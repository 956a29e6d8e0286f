// Share links: the session spec as JSON, deflated (the browser's own CompressionStream,
// no package) and base64url-encoded into the URL hash, so the link works from a static
// build with no server and nothing leaves the room. The hash is never sent to a server.
import type { SessionSpec } from './session.ts';
import type { SessionChange } from './session-changes.ts';

const PREFIX = 's1.'; // format version: a later format can still read old links

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export async function encodeSpec(spec: SessionSpec): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(spec));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The spec in a hash fragment (with or without '#'), or an error naming what is wrong. */
export async function decodeSpec(hash: string): Promise<{ ok: true; spec: SessionSpec } | { ok: false; message: string }> {
  const body = hash.replace(/^#/, '').replace(/^s=/, '');
  if (!body.startsWith(PREFIX)) return { ok: false, message: `share link: expected a hash starting "s=${PREFIX}", got "${body.slice(0, 12)}"` };
  let data: unknown;
  try {
    const bytes = await pipe(fromBase64Url(body.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return { ok: false, message: `share link: cannot be read (${(e as Error).message}); was it cut short when copied?` };
  }
  const problem = checkSpec(data);
  return problem ? { ok: false, message: `share link: ${problem}` } : { ok: true, spec: data as SessionSpec };
}

/** A link is typed by hand or cut short: check every field rather than trust it. */
export function checkSpec(d: unknown): string | null {
  if (typeof d !== 'object' || d === null) return 'expected an object';
  const s = d as Record<string, unknown>;
  const sc = s.scenario as Record<string, unknown> | undefined;
  if (!sc || (typeof sc.library !== 'string' && typeof sc.text !== 'string')) return 'scenario: expected { library } or { text }';
  if (typeof s.variant !== 'string') return `variant: expected a string, got ${JSON.stringify(s.variant)}`;
  for (const k of ['seed', 'replication', 'targetWait', 'at'] as const) {
    if (typeof s[k] !== 'number' || !Number.isFinite(s[k])) return `${k}: expected a number, got ${JSON.stringify(s[k])}`;
  }
  if (s.steps !== undefined && !(Number.isInteger(s.steps) && (s.steps as number) >= 0)) return `steps: expected an integer ≥ 0, got ${JSON.stringify(s.steps)}`;
  if (!Array.isArray(s.changes)) return 'changes: expected a list';
  for (const [i, c] of (s.changes as SessionChange[]).entries()) {
    if (typeof c?.at !== 'number') return `changes[${i}].at: expected a number`;
    if (c.kind === 'capacity' ? typeof c.pool !== 'string' || typeof c.capacity !== 'number'
      : c.kind === 'staff' ? typeof c.team !== 'string' || typeof c.role !== 'string' || typeof c.delta !== 'number'
      : true) return `changes[${i}]: expected a capacity or staff change, got ${JSON.stringify(c)}`;
  }
  return null;
}

/** The teach page's URL for a spec: same page, hash replaced. */
export async function shareUrl(spec: SessionSpec, page: string): Promise<string> {
  return `${page.replace(/#.*$/, '')}#s=${await encodeSpec(spec)}`;
}
