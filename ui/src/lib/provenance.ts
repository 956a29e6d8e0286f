// What a result came from, in one line, for everything that leaves the app (a chart's
// image, the printable report, a CSV's name): the scenario and its saved version, the seed,
// the replications and when it ran, so a figure in a board paper can be traced and rerun.
export interface Provenance {
  title: string;
  /** The saved version run, when it was one ("unsaved changes" otherwise). */
  version?: number | string;
  edited?: boolean;
  seed: number;
  replications: number;
  /** When the run finished (ISO date-time). */
  date?: string;
}

export function provenanceLine(p: Provenance): string {
  const version = p.version !== undefined ? `, version ${p.version}${p.edited ? ' with unsaved changes' : ''}` : p.edited ? ' (unsaved changes)' : '';
  const date = p.date ? ` · run ${new Date(p.date).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}` : '';
  return `pathflow · “${p.title}”${version} · seed ${p.seed} · ${p.replications} replication${p.replications === 1 ? '' : 's'} per option${date}`;
}
