// Text into HTML: every scenario string (titles, names, sources) is the author's, and a
// report is opened in a browser, so each one is escaped where it is written; `code` in
// backticks becomes <code> after escaping.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Escaped, with `spans` as <code>. */
export const inlineHtml = (s: string): string => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
