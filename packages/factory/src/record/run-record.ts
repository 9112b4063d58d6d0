/**
 * Where a run is recorded: `--store PATH|URL` / `--no-store` resolved to a store target, and the
 * run directory's `cxdb.json` (`{ store, context_id }`) that lets `--resume` continue the same
 * context and `factory store turns --data DIR` find it.
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { writeJsonAtomic } from "@darkfactory/attractor";
import { isRemoteTarget, STORE_FILE } from "@darkfactory/cxdb";
import { CliError, ExitCode } from "../cli/errors.js";

/** Name of the record file in a run directory. */
export const RUN_RECORD_FILE = "cxdb.json";

/** What `cxdb.json` says: the store a run is recorded in and the run's context there. */
export interface RunRecord {
  /** Absolute store file path, or a server URL. */
  store: string;
  contextId: number;
}

/**
 * Reads `<logsRoot>/cxdb.json`.
 * @returns undefined when there is no such file or it does not hold a store and a context id.
 */
export function readRunRecord(logsRoot: string): RunRecord | undefined {
  try {
    const json = JSON.parse(readFileSync(path.join(logsRoot, RUN_RECORD_FILE), "utf8")) as {
      store?: unknown;
      context_id?: unknown;
    };
    if (typeof json.store !== "string" || json.store === "") return undefined;
    if (typeof json.context_id !== "number" || !Number.isSafeInteger(json.context_id)) return undefined;
    return { store: json.store, contextId: json.context_id };
  } catch {
    return undefined;
  }
}

/** Writes `<logsRoot>/cxdb.json` atomically. @throws the file system error. */
export function writeRunRecord(logsRoot: string, record: RunRecord): void {
  writeJsonAtomic(path.join(logsRoot, RUN_RECORD_FILE), { store: record.store, context_id: record.contextId });
}

/**
 * The store a run records into: `--no-store` (false) → none; `--store URL` → the URL; `--store
 * PATH` → that file (a directory means its `cxdb.sqlite`); no option → the store the resumed run
 * used (`previous`), else `<logsRoot>/cxdb.sqlite`.
 * @param option `--store` as commander gives it: a string, false for `--no-store`, or undefined.
 * @throws CliError (exit 2) for an empty value or a malformed URL.
 */
export function resolveStoreTarget(
  option: string | false | undefined,
  context: { logsRoot: string; cwd: string; previous: RunRecord | undefined },
): string | undefined {
  if (option === false) return undefined;
  if (option === undefined) return context.previous?.store ?? path.join(context.logsRoot, STORE_FILE);
  return parseStoreOption(option, context.cwd);
}

/**
 * A `--store PATH|URL` value as a store target: an `http(s)://` URL (normalised, no trailing
 * slash), else a file resolved against `cwd` (a directory means its `cxdb.sqlite`).
 * @param name what to call the value in errors (`--store`, or an environment variable).
 * @throws CliError (exit 2) for an empty value or a malformed URL.
 */
export function parseStoreOption(option: string, cwd: string, name = "--store"): string {
  const value = option.trim();
  if (value === "") throw invalid(`${name} needs a store file or an http(s):// URL`);
  if (isRemoteTarget(value)) {
    try {
      return new URL(value).toString().replace(/\/+$/, "");
    } catch {
      throw invalid(`${name}: '${option}' is not a valid URL`);
    }
  }
  const file = path.resolve(cwd, value);
  return existsSync(file) && statSync(file).isDirectory() ? path.join(file, STORE_FILE) : file;
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}
