// Scenarios the server knows: the read-only library (scenarios/library/*.yaml, listed once
// at start, keyed by each file's own id, so a request id is only ever looked up, never
// joined into a path) and the user's saved scenarios in the database, each with a version
// number so that two editors cannot silently overwrite each other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../scenarios/text.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { ApiError, issuesMessage, notFound } from '../errors.ts';
import type { Db } from './db.ts';
import { inThreadChecker, type Checker } from '../checks/checker.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';
import { packagePath } from '../../runner/package-root.ts';
import { reclaim, type StorageQuota } from './storage.ts';

export type Source = 'library' | 'user';

export interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  question?: string;
  source: Source;
  version: number;
}

export interface ScenarioEntry {
  id: string;
  source: Source;
  version: number;
  /** The document as written (YAML read as JSON), without the schema's defaults filled in. */
  scenario: Record<string, unknown>;
}

const LIBRARY_VERSION = 1;
export const libraryDir = packagePath('scenarios', 'library');

interface Row {
  id: string;
  version: number;
  title: string;
  description: string;
  doc: string;
}

/** Library scenarios: every valid *.yaml / *.json file of the folder (an invalid one is skipped with a warning). */
export function readLibrary(dir = libraryDir, warn: (m: string) => void = () => {}): Map<string, { summary: ScenarioSummary; doc: Record<string, unknown> }> {
  const out = new Map<string, { summary: ScenarioSummary; doc: Record<string, unknown> }>();
  for (const name of readdirSync(dir).sort()) {
    const format = name.endsWith('.json') ? 'json' : /\.ya?ml$/.test(name) ? 'yaml' : undefined;
    if (!format) continue;
    const raw = parseText(readFileSync(join(dir, name), 'utf8'), format);
    const parsed = raw.ok ? parseScenario(raw.value) : raw;
    if (!raw.ok || !parsed.ok) {
      warn(`library scenario ${name} is invalid and is not served`);
      continue;
    }
    const s = parsed.value;
    out.set(s.id, {
      summary: { id: s.id, title: s.title, description: s.description ?? '', ...(s.question ? { question: s.question } : {}), source: 'library', version: LIBRARY_VERSION },
      doc: raw.value as Record<string, unknown>,
    });
  }
  return out;
}

export interface ScenarioStoreOptions {
  /** Saved scenarios at most (400 beyond). */
  maxSaved: number;
  /** The database's quota: a save that would take it over is refused (507). */
  quota?: StorageQuota;
}

export class ScenarioStore {
  private readonly library: ReturnType<typeof readLibrary>;
  private readonly maxSaved: number;
  private readonly quota?: StorageQuota;

  /** `checks` does the whole check of a document (a worker thread on a server; in this thread by default). */
  constructor(private readonly db: Db, o: ScenarioStoreOptions, library = readLibrary(), private readonly checks: Checker = inThreadChecker(defaultCostLimits)) {
    this.library = library;
    this.maxSaved = o.maxSaved;
    this.quota = o.quota;
  }

  list(): ScenarioSummary[] {
    const user = this.db.prepare("SELECT id, version, title, description, json_extract(doc, '$.question') AS question FROM scenarios ORDER BY id").all() as (Omit<Row, 'doc'> & { question: unknown })[];
    return [
      ...[...this.library.values()].map((l) => l.summary),
      ...user.map(({ question, ...r }) => ({ ...r, ...(typeof question === 'string' && question ? { question } : {}), source: 'user' as const })),
    ];
  }

  get(id: string): ScenarioEntry | undefined {
    const lib = this.library.get(id);
    if (lib) return { id, source: 'library', version: LIBRARY_VERSION, scenario: structuredClone(lib.doc) };
    const row = this.db.prepare('SELECT id, version, doc FROM scenarios WHERE id = ?').get(id) as Row | undefined;
    return row && { id: row.id, source: 'user', version: row.version, scenario: JSON.parse(row.doc) as Record<string, unknown> };
  }

  /** The scenario's version now, without reading its document (undefined: no such scenario). */
  versionOf(id: string): number | undefined {
    if (this.library.has(id)) return LIBRARY_VERSION;
    const row = this.db.prepare('SELECT version FROM scenarios WHERE id = ?').get(id) as { version: number } | undefined;
    return row?.version;
  }

  /** The document, checked; 400 with every issue if it is invalid. */
  private async valid(doc: Record<string, unknown>) {
    const c = await this.checks.check(doc);
    if (!c.ok) throw new ApiError(400, 'invalid_scenario', issuesMessage('the scenario is invalid', c.issues), c.issues);
    return c.scenario;
  }

  async create(doc: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const s = await this.valid(doc);
    if (this.library.has(s.id)) throw new ApiError(409, 'conflict', `"${s.id}" is a library scenario: save yours under another id`);
    const now = new Date().toISOString();
    const text = JSON.stringify(doc);
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM scenarios WHERE id = ?').get(s.id)) throw new ApiError(409, 'conflict', `a scenario "${s.id}" already exists: update it (PUT) or choose another id`);
      const { n } = this.db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number };
      if (n >= this.maxSaved) throw new ApiError(400, 'limit_exceeded', `this server keeps at most ${this.maxSaved} saved scenarios: delete some first`);
      this.quota?.ensureRoom(Buffer.byteLength(text), 'saving this scenario');
      this.db.prepare('INSERT INTO scenarios (id, version, title, description, doc, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)')
        .run(s.id, s.title, s.description ?? '', text, now, now);
      return { id: s.id, version: 1 };
    })();
  }

  async update(id: string, doc: Record<string, unknown>, version: number): Promise<{ id: string; version: number }> {
    if (this.library.has(id)) throw new ApiError(403, 'read_only', `"${id}" is a library scenario and cannot be changed: save a copy under another id`);
    const s = await this.valid(doc);
    if (s.id !== id) throw new ApiError(400, 'invalid_scenario', `id: expected "${id}" (the scenario being updated), got "${s.id}"`, [{ path: 'id', message: `expected "${id}" (the scenario being updated), got "${s.id}"` }]);
    const text = JSON.stringify(doc);
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT version, length(CAST(doc AS BLOB)) AS bytes FROM scenarios WHERE id = ?').get(id) as { version: number; bytes: number } | undefined;
      if (!row) throw notFound('scenario', id);
      if (row.version !== version) {
        throw new ApiError(409, 'version_conflict', `scenario "${id}" was changed since version ${version}: it is now version ${row.version}`, undefined, { currentVersion: row.version });
      }
      // The new version replaces the old one: only growth counts against the quota.
      this.quota?.ensureRoom(Buffer.byteLength(text) - row.bytes, 'saving this scenario');
      this.db.prepare('UPDATE scenarios SET version = ?, title = ?, description = ?, doc = ?, updated_at = ? WHERE id = ?')
        .run(version + 1, s.title, s.description ?? '', text, new Date().toISOString(), id);
      return { id, version: version + 1 };
    })();
  }

  delete(id: string): void {
    if (this.library.has(id)) throw new ApiError(403, 'read_only', `"${id}" is a library scenario and cannot be deleted`);
    const r = this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(id);
    if (r.changes === 0) throw notFound('scenario', id);
    reclaim(this.db);
  }
}
