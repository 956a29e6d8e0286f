// The database's size on disk: what the data takes (the storage quota's measure, 507 over
// it), and giving back to the file system the space that deletions freed. SQLite reuses
// freed pages, so the file would stay at its largest; with incremental auto-vacuum
// (db.ts) the free pages at its end can be cut off.
import { ApiError } from '../errors.ts';
import type { Db } from './db.ts';

/** Free space worth returning at once: below it, pages are simply reused by the next writes. */
const RECLAIM_ABOVE_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

export class StorageQuota {
  constructor(private readonly db: Db, readonly quotaBytes: number) {}

  /** Bytes of pages holding data (the file less its free pages). */
  usedBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  /** Whether `bytes` more data (about the JSON text to store) fit within the quota. */
  fits(bytes: number): boolean {
    return this.usedBytes() + bytes <= this.quotaBytes;
  }

  /** `what (0.9 MB) would take this server's storage over its quota of 6.0 MB (5.2 MB used)`. */
  overMessage(what: string, bytes: number, used = this.usedBytes()): string {
    return `${what} (${mb(bytes)}) would take this server's storage over its quota of ${mb(this.quotaBytes)} (${mb(used)} used)`;
  }

  /** Throws 507 unless `bytes` more data fit within the quota. */
  ensureRoom(bytes: number, what: string): void {
    const used = this.usedBytes();
    if (used + bytes <= this.quotaBytes) return;
    throw new ApiError(507, 'insufficient_storage',
      `${this.overMessage(what, bytes, used)}: delete runs or scenarios you no longer need (DELETE /api/runs/:id, DELETE /api/scenarios/:id)`,
      undefined, { usedBytes: used, quotaBytes: this.quotaBytes });
  }
}

/** After deletions: free space over a few megabytes is returned to the file system, and the WAL emptied. */
export function reclaim(db: Db): void {
  const free = (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  if (free < RECLAIM_ABOVE_BYTES) return;
  db.pragma('incremental_vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
