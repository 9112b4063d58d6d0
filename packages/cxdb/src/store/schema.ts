/**
 * The SQLite schema (one file, WAL mode) and the connection settings the store runs with.
 *
 * - `turns`: immutable Turn DAG nodes; `turn_id` is the rowid (global counter from 1).
 * - `contexts`: branch heads; `context_id` is the rowid (counter from 1).
 * - `blobs`: content-addressed payloads keyed by BLAKE3-256 of the uncompressed bytes.
 * - `idempotency`: (context, key) → the turn the key first created.
 * - `chain_metadata`: context metadata/provenance extracted from a root turn (depth 0).
 * - `fs_roots`: file-system snapshot roots attached to turns.
 * - `registry_bundles`: type registry bundles, in publication order.
 * @module
 */

import { InternalError } from "./errors.js";
import type { SqliteDatabase } from "./sqlite.js";

/** Version of the schema below (kept in `PRAGMA user_version`). */
export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS blobs (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  raw_len INTEGER NOT NULL,
  codec INTEGER NOT NULL,
  stored_len INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at_unix_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
  turn_id INTEGER PRIMARY KEY,
  parent_turn_id INTEGER NOT NULL,
  depth INTEGER NOT NULL,
  context_id INTEGER NOT NULL,
  root_turn_id INTEGER NOT NULL,
  type_id TEXT NOT NULL,
  type_version INTEGER NOT NULL,
  encoding INTEGER NOT NULL,
  compression INTEGER NOT NULL,
  uncompressed_len INTEGER NOT NULL,
  payload_hash BLOB NOT NULL,
  created_at_unix_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contexts (
  context_id INTEGER PRIMARY KEY,
  head_turn_id INTEGER NOT NULL,
  head_depth INTEGER NOT NULL,
  base_turn_id INTEGER NOT NULL,
  forked_from_context_id INTEGER NOT NULL,
  root_turn_id INTEGER NOT NULL,
  metadata_json TEXT,
  created_at_unix_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS contexts_forked_from ON contexts(forked_from_context_id);
CREATE INDEX IF NOT EXISTS contexts_root_turn ON contexts(root_turn_id);
CREATE TABLE IF NOT EXISTS idempotency (
  context_id INTEGER NOT NULL,
  idem_key BLOB NOT NULL,
  turn_id INTEGER NOT NULL,
  created_at_unix_ms INTEGER NOT NULL,
  PRIMARY KEY (context_id, idem_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chain_metadata (
  root_turn_id INTEGER PRIMARY KEY,
  context_id INTEGER NOT NULL,
  parent_context_id INTEGER,
  metadata_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chain_metadata_parent ON chain_metadata(parent_context_id);
CREATE TABLE IF NOT EXISTS fs_roots (
  turn_id INTEGER PRIMARY KEY,
  root_hash BLOB NOT NULL,
  attached_at_unix_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS registry_bundles (
  seq INTEGER PRIMARY KEY,
  bundle_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  canonical_hash TEXT NOT NULL,
  etag TEXT NOT NULL,
  created_at_unix_ms INTEGER NOT NULL
);
`;

/**
 * Sets the connection up (WAL, `synchronous`, busy timeout) and creates or checks the schema.
 * @throws InternalError when the file holds a newer schema than this code knows.
 */
export function prepareDatabase(
  db: SqliteDatabase,
  options: { synchronous: "FULL" | "NORMAL"; busyTimeoutMs: number; memory: boolean },
): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  if (!options.memory) {
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (String(mode).toLowerCase() !== "wal") {
      throw new InternalError({ message: `could not switch SQLite to WAL mode (got ${String(mode)})` });
    }
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma("foreign_keys = OFF");
  db.pragma("temp_store = MEMORY");
  db.pragma("cache_size = -32768");
  const version = Number(db.pragma("user_version", { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new InternalError({
      message: `database schema version ${version} is newer than this code's (${SCHEMA_VERSION})`,
    });
  }
  db.exec(DDL);
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
