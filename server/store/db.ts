// The server's embedded database (SQLite through better-sqlite3) in the data directory:
// user scenarios with their versions, and runs with status, progress and result.
// WAL journal: a committed transaction survives the process being killed (-9) at any
// moment, and readers never wait for the writer. synchronous=NORMAL is safe against a
// process crash (what we promise); only a power loss could lose the last transactions.
// Incremental auto-vacuum and a cap on the journal left behind: space freed by deleting
// runs and scenarios goes back to the file system (storage.ts), so the files do not only grow.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const AUTO_VACUUM_INCREMENTAL = 2;
export const WAL_LIMIT_BYTES = 8 * 1024 * 1024;

/** Schema changes in order; `user_version` records how many have been applied. */
const MIGRATIONS = [
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     description TEXT NOT NULL,
     doc TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE runs (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     scenario_id TEXT NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL,
     done INTEGER NOT NULL,
     total INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     request TEXT NOT NULL,
     result TEXT,
     error TEXT
   );
   CREATE INDEX runs_status ON runs(status);`,
];

export function openDatabase(dataDir: string): Db {
  // A data directory we create (./.pathflow-data by default, often inside a checkout)
  // ignores itself, so its database never shows up as a change to commit.
  if (mkdirSync(dataDir, { recursive: true }) !== undefined) {
    writeFileSync(join(dataDir, '.gitignore'), '# pathflow serve data (SQLite): not for version control\n*\n');
  }
  const db = new Database(join(dataDir, 'pathflow.sqlite'));
  // Takes effect on a new database (before its first table); an older one is rebuilt once
  // by VACUUM to take it (seconds at most for a database of a few hundred megabytes).
  db.pragma('auto_vacuum = INCREMENTAL');
  if (db.pragma('auto_vacuum', { simple: true }) !== AUTO_VACUUM_INCREMENTAL) db.exec('VACUUM');
  db.pragma('journal_mode = WAL');
  // A large write (a result of megabytes) grows the WAL; after a checkpoint it is cut back to this.
  db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let v = applied; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
