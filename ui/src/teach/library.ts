// The scenario library, bundled as text at build time, so the page needs neither a server
// nor the network to open a library scenario (a projector laptop, offline).
const files = import.meta.glob('../../../scenarios/library/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Library id (file name without .yaml) → scenario text. */
export const LIBRARY: Record<string, string> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);
