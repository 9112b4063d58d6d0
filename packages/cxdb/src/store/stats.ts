/**
 * Counts and sizes of what a store holds (for metrics).
 * @module
 */
import { statSync } from "node:fs";
import type { Registry } from "./registry.js";
import type { SqliteDatabase } from "./sqlite.js";
import type { StoreStats } from "./types.js";

/** Counts rows and sizes the database (`file` `:memory:` has no file sizes). */
export function collectStats(db: SqliteDatabase, file: string, registry: Registry): StoreStats {
  const one = <T>(sql: string): T => db.prepare(sql).get() as T;
  const blobs = one<{ n: number; raw: number | null; stored: number | null }>(
    "SELECT count(*) AS n, sum(raw_len) AS raw, sum(stored_len) AS stored FROM blobs",
  );
  const pageSize = Number(db.pragma("page_size", { simple: true }));
  const pages = Number(db.pragma("page_count", { simple: true }));
  const reg = registry.stats();
  const memory = file === ":memory:";
  return {
    contexts: one<{ n: number }>("SELECT count(*) AS n FROM contexts").n,
    turns: one<{ n: number }>("SELECT count(*) AS n FROM turns").n,
    blobs: blobs.n,
    blobRawBytes: blobs.raw ?? 0,
    blobStoredBytes: blobs.stored ?? 0,
    fsSnapshots: one<{ n: number }>("SELECT count(*) AS n FROM fs_roots").n,
    registryBundles: reg.bundles,
    registryTypes: reg.types,
    dbBytes: memory ? 0 : pageSize * pages,
    walBytes: memory ? 0 : fileSize(`${file}-wal`),
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
