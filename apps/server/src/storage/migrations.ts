import type Database from 'better-sqlite3'
import { svSortKey } from './sortKey.js'

/**
 * Numbered, append-only migrations. A released migration is never edited: add a new one.
 * Each runs in its own transaction together with its `schema_migrations` row.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        admin INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        template_id TEXT NOT NULL,
        title TEXT NOT NULL,
        dnr TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'granskning', 'godkand')),
        coverage_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      );
      CREATE TABLE members (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('author', 'reviewer', 'approver', 'reader')),
        PRIMARY KEY (document_id, user_id)
      );
      CREATE INDEX members_user ON members(user_id);
      -- Append-only Yjs update log, one stream per document and room ('content' | 'review').
      CREATE TABLE doc_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        room TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX doc_updates_room ON doc_updates(document_id, room, id);
      -- The compaction target: the merged state of everything removed from doc_updates.
      CREATE TABLE snapshots (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        room TEXT NOT NULL,
        data BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (document_id, room)
      );
      CREATE TABLE versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        state BLOB NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX versions_document ON versions(document_id, id);
      CREATE TABLE approvals (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        approved_at TEXT NOT NULL,
        PRIMARY KEY (document_id, user_id)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT,
        actor INTEGER,
        action TEXT NOT NULL,
        details TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX audit_log_document ON audit_log(document_id, id);
    `,
  },
  {
    version: 2,
    name: 'version kinds',
    // 'review' marks the snapshot taken when a document was sent to review: "changes since
    // review" compares with the newest of those. 'status' = other status changes, 'manual' = named.
    sql: `ALTER TABLE versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'manual';`,
  },
  {
    version: 3,
    name: 'notifications',
    // One row per recipient. dedupe_key makes an event that may be observed twice (a
    // review-room update seen again, a daily deadline check) notify once.
    sql: `
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
        target TEXT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT,
        dedupe_key TEXT
      );
      CREATE INDEX notifications_user ON notifications(user_id, id);
      CREATE UNIQUE INDEX notifications_dedupe ON notifications(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
      -- Where notification e-mail goes ('' = none); never part of the public user.
      ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
      -- Per user and kind: send an e-mail too (absent row = the kind's default).
      CREATE TABLE notification_settings (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        email INTEGER NOT NULL,
        PRIMARY KEY (user_id, kind)
      );
    `,
  },
  {
    version: 4,
    name: 'oidc identities and personal api tokens',
    // Personal API tokens are sessions of kind 'api': the same lookup, revocation and
    // socket-closing path, but a fixed expiry (never extended by use) and a name.
    // oidc_sessions links a browser session to the provider's session id (back-channel logout).
    sql: `
      ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'browser' CHECK (kind IN ('browser', 'api'));
      ALTER TABLE sessions ADD COLUMN name TEXT;
      ALTER TABLE sessions ADD COLUMN public_id TEXT;
      CREATE UNIQUE INDEX sessions_public_id ON sessions(public_id) WHERE public_id IS NOT NULL;
      CREATE TABLE oidc_identities (
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        sub TEXT NOT NULL,
        user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT NOT NULL,
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX oidc_identities_sub ON oidc_identities(issuer, sub);
      CREATE TABLE oidc_sessions (
        token_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
        sid TEXT,
        id_token TEXT NOT NULL
      );
      CREATE INDEX oidc_sessions_sid ON oidc_sessions(sid);
    `,
  },
  {
    version: 5,
    name: 'revisions',
    // An approved document can start revision N+1: revision N stays as a frozen version
    // with the approval record it was approved with (issue 13).
    sql: `
      ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE versions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE revisions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        approvals_json TEXT NOT NULL,
        frozen_at TEXT NOT NULL,
        PRIMARY KEY (document_id, revision)
      );
    `,
  },
  {
    version: 6,
    name: 'server tasks',
    // One-time jobs over stored data that need more than SQL (e.g. adding the sections a
    // template gained to documents stored before, SRV-ST14): each runs once per name.
    sql: `
      CREATE TABLE server_tasks (
        name TEXT PRIMARY KEY,
        done_at TEXT NOT NULL,
        details TEXT
      );
    `,
  },
  {
    version: 7,
    name: 'content fingerprints',
    // Issue 22.2/22.4: each approval records the fingerprint of the text it approved (and
    // the version holding that text), so a later change clears it; a version records its
    // content's fingerprint, so saving unchanged content stores nothing new: the new row's
    // state is empty and \`state_of\` names the version whose state it shares.
    sql: `
      ALTER TABLE approvals ADD COLUMN fingerprint TEXT;
      ALTER TABLE approvals ADD COLUMN version_id INTEGER REFERENCES versions(id);
      ALTER TABLE versions ADD COLUMN fingerprint TEXT;
      ALTER TABLE versions ADD COLUMN state_of INTEGER REFERENCES versions(id);
    `,
  },
  {
    version: 8,
    name: 'dashboard columns and search',
    // The dashboard shows and sorts by nämnd, meeting date and deadline; the deadline job
    // finds documents by deadline. Search ("title or Dnr contains") uses a trigram index:
    // document_search has a stable INTEGER PRIMARY KEY (a documents rowid may change on
    // VACUUM) and is kept by triggers, documents_fts is its external-content index.
    sql: `
      ALTER TABLE documents ADD COLUMN namnd TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN meeting_date TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
      CREATE INDEX documents_deadline ON documents(deadline) WHERE deadline <> '';
      CREATE TABLE document_search (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='document_search', content_rowid='id', tokenize='trigram');
      CREATE TRIGGER document_search_ai AFTER INSERT ON document_search BEGIN
        INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER document_search_ad AFTER DELETE ON document_search BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER document_search_au AFTER UPDATE ON document_search BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER documents_search_ai AFTER INSERT ON documents BEGIN
        INSERT INTO document_search (document_id, text) VALUES (new.id, new.title || char(10) || new.dnr);
      END;
      CREATE TRIGGER documents_search_au AFTER UPDATE OF title, dnr ON documents
        WHEN old.title IS NOT new.title OR old.dnr IS NOT new.dnr BEGIN
        UPDATE document_search SET text = new.title || char(10) || new.dnr WHERE document_id = new.id;
      END;
      CREATE TRIGGER documents_search_ad AFTER DELETE ON documents BEGIN
        DELETE FROM document_search WHERE document_id = old.id;
      END;
      INSERT INTO document_search (document_id, text) SELECT id, title || char(10) || dnr FROM documents;
    `,
  },
  {
    version: 9,
    name: 'dashboard sort keys',
    // The dashboard is paged and sorted in SQL, texts in Swedish order (SRV-ST32): a sort
    // key beside each sorted text (sortKey.ts; better-sqlite3 has no custom collations),
    // written with the text. "Waiting for me" looks up unread comments to me per document.
    sql: `
      ALTER TABLE documents ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN dnr_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN namnd_key TEXT NOT NULL DEFAULT '';
      UPDATE documents SET title_key = sv_sort_key(title), dnr_key = sv_sort_key(dnr), namnd_key = sv_sort_key(namnd);
      CREATE INDEX notifications_unread ON notifications(user_id, document_id) WHERE read_at IS NULL;
    `,
  },
]

export function migrate(db: Database.Database): number[] {
  // Migration 9 computes the stored sort keys of the rows it finds.
  db.function('sv_sort_key', { deterministic: true }, (text: unknown) => svSortKey(String(text ?? '')))
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version))
  const newlyApplied: number[] = []
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    })()
    newlyApplied.push(m.version)
  }
  const newest = Math.max(...MIGRATIONS.map((m) => m.version))
  const stored = Math.max(0, ...applied)
  if (stored > newest) {
    throw new Error(`database schema version ${stored} is newer than this server (${newest}); refusing to start`)
  }
  return newlyApplied
}
