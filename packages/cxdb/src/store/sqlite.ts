/**
 * The slice of better-sqlite3 the store uses, typed here (the package ships no types), and the one
 * place it is loaded.
 * @module
 */
import { createRequire } from "node:module";

/** Result of a write statement. */
export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement; parameters are positional. */
export interface SqliteStatement<R = unknown> {
  run(...params: unknown[]): SqliteRunResult;
  get(...params: unknown[]): R | undefined;
  all(...params: unknown[]): R[];
}

/** A function wrapped in a transaction (`BEGIN` deferred by default, or immediate/exclusive). */
export interface SqliteTransaction<T, A extends unknown[] = []> {
  (...args: A): T;
  immediate(...args: A): T;
  deferred(...args: A): T;
  exclusive(...args: A): T;
}

/** An open better-sqlite3 connection. */
export interface SqliteDatabase {
  prepare<R = unknown>(sql: string): SqliteStatement<R>;
  exec(sql: string): SqliteDatabase;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<T, A extends unknown[] = []>(fn: (...args: A) => T): SqliteTransaction<T, A>;
  close(): SqliteDatabase;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

type SqliteConstructor = new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;

const require = createRequire(import.meta.url);
let Sqlite: SqliteConstructor | undefined;

/** Opens a connection to the SQLite file `file` (`:memory:` for an in-memory database). */
export function openDatabase(file: string): SqliteDatabase {
  Sqlite ??= require("better-sqlite3") as SqliteConstructor;
  return new Sqlite(file);
}
