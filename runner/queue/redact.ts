// Redis URLs carry credentials (redis://:secret@host, rediss://user:pass@host). Every
// message, log line or record that names the server goes through redactUrl, and every
// error text that might echo the URL (a driver's message, a stack) through redactText, so
// the password is never printed or stored: one place to get right, tested.

const MASK = '***';

/** The URL with its password (and any query string, which could carry one) masked: `rediss://user:***@host:6380/0`. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Unparseable: mask everything between the scheme and the last '@', and any query.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${MASK}@`).replace(/\?.*$/, `?${MASK}`);
  }
  if (u.password) u.password = MASK;
  if (u.search) u.search = `?${MASK}`;
  return u.toString();
}

/** The secrets a URL carries, as they may appear in text: raw and percent-decoded. */
function secrets(url: string): string[] {
  const found = new Set<string>();
  try {
    const u = new URL(url);
    if (u.password) {
      found.add(u.password);
      try {
        found.add(decodeURIComponent(u.password));
      } catch { /* a malformed escape: the raw form is enough */ }
    }
    for (const [, v] of u.searchParams) if (v) found.add(v);
  } catch {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#]*:([^/?#]*)@/i.exec(url);
    if (m?.[1]) found.add(m[1]);
  }
  return [...found].sort((a, b) => b.length - a.length); // longest first: no partial leftovers
}

/** `text` with the URL replaced by its redacted form and any secret of the URL masked. */
export function redactText(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  for (const s of secrets(url)) out = out.split(s).join(MASK);
  return out;
}
