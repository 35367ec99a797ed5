/**
 * Share metadata in SQLite (better-sqlite3). The schema is versioned: `schema_version` holds the
 * number of migrations applied, and opening a database applies the missing ones in a transaction.
 */
import Database from "better-sqlite3";
import type { MetadataStore, ShareRecord, ShareVersion, StorageUsage } from "./types";

/** Append only: each entry moves the schema one version forward. */
const MIGRATIONS: string[] = [
  `CREATE TABLE shares (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     deleted_at TEXT
   );
   CREATE TABLE versions (
     share_id TEXT NOT NULL REFERENCES shares(id),
     version INTEGER NOT NULL,
     name TEXT NOT NULL,
     task TEXT NOT NULL,
     served_entry TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (share_id, version)
   );`,
  // Who uploaded each version (a hash of the address), for per-address storage quotas.
  `ALTER TABLE versions ADD COLUMN uploader TEXT NOT NULL DEFAULT '';
   CREATE INDEX versions_uploader ON versions(uploader);`,
];

interface VersionRow {
  version: number;
  name: string;
  task: string;
  served_entry: string;
  bytes: number;
  created_at: string;
}

interface ShareRow {
  id: string;
  token_hash: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Applies the migrations `db` lacks; returns the schema version it ends at. */
export function migrate(db: Database.Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM schema_version").get() as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database's schema is version ${current}, newer than this server (${MIGRATIONS.length}). Run a newer server.`,
    );
  }
  db.transaction(() => {
    MIGRATIONS.slice(current).forEach((sql) => db.exec(sql));
    db.prepare("DELETE FROM schema_version").run();
    db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(MIGRATIONS.length);
  })();
  return MIGRATIONS.length;
}

export class SqliteMetadataStore implements MetadataStore {
  private readonly db: Database.Database;
  /** Statements compiled once: every request looks a share up, and compiling costs more than reading. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    migrate(this.db);
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  async createShare(id: string, tokenHash: string, first: ShareVersion): Promise<void> {
    this.db.transaction(() => {
      this.sql(
        "INSERT INTO shares (id, token_hash, created_at, updated_at) VALUES (?, ?, ?, ?)",
      ).run(id, tokenHash, first.createdAt, first.createdAt);
      this.insertVersion(id, first);
    })();
  }

  private insertVersion(id: string, entry: ShareVersion): void {
    this.sql(
      `INSERT INTO versions (share_id, version, name, task, served_entry, bytes, created_at, uploader)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      entry.version,
      entry.name,
      entry.task,
      entry.servedEntry,
      entry.bytes,
      entry.createdAt,
      entry.uploader ?? "",
    );
  }

  async getShare(id: string): Promise<ShareRecord | null> {
    const share = this.sql("SELECT * FROM shares WHERE id = ?").get(id) as ShareRow | undefined;
    if (!share) return null;
    const rows = this.sql("SELECT * FROM versions WHERE share_id = ? ORDER BY version").all(
      id,
    ) as VersionRow[];
    return {
      id: share.id,
      createdAt: share.created_at,
      updatedAt: share.updated_at,
      deletedAt: share.deleted_at,
      versions: rows.map((r) => ({
        version: r.version,
        name: r.name,
        task: r.task,
        servedEntry: r.served_entry,
        bytes: r.bytes,
        createdAt: r.created_at,
      })),
    };
  }

  async tokenHash(id: string): Promise<string | null> {
    const row = this.sql("SELECT token_hash FROM shares WHERE id = ?").get(id) as
      { token_hash: string } | undefined;
    return row?.token_hash ?? null;
  }

  async addVersion(id: string, entry: ShareVersion): Promise<void> {
    this.db.transaction(() => {
      this.insertVersion(id, entry);
      this.sql("UPDATE shares SET updated_at = ? WHERE id = ?").run(entry.createdAt, id);
    })();
  }

  async markDeleted(id: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.sql("DELETE FROM versions WHERE share_id = ?").run(id);
      this.sql("UPDATE shares SET deleted_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
    })();
  }

  async usage(uploader: string): Promise<StorageUsage> {
    const row = this.sql(
      `SELECT COALESCE(SUM(bytes), 0) AS total,
                COALESCE(SUM(CASE WHEN uploader = ? THEN bytes ELSE 0 END), 0) AS mine
         FROM versions`,
    ).get(uploader) as { total: number; mine: number };
    return { total: row.total, byUploader: row.mine };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
