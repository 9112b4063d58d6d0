/**
 * The pieces of `factory run` option handling that touch the file system or need checking:
 * `--set` pairs, the default run directory, `--resume` directories, `--cwd`.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { CliError, ExitCode } from "../cli/errors.js";
import { systemReason } from "../cli/files.js";

/**
 * Parses `--set key=value` pairs into initial context values (strings; the first `=` splits).
 * @throws CliError (exit 2) for a pair without `=` or with an empty key.
 */
export function parseSetPairs(pairs: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq).trim();
    if (eq < 0 || key === "") {
      throw invalid(`invalid --set '${pair}': expected key=value`);
    }
    values[key] = pair.slice(eq + 1);
  }
  return values;
}

/** `20250102-030405`: the UTC time as the run directory suffix. */
export function utcStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`
  );
}

/**
 * The default run directory: `<baseDir>/.factory/runs/<graph-name>-<YYYYMMDD-HHMMSS>` (UTC),
 * with `-2`, `-3`... appended when a run started in the same second already took the name.
 * Characters other than letters, digits, `.`, `_` and `-` in the name become `_`.
 * Creates nothing.
 */
export function defaultLogsDir(graphName: string, baseDir: string, now: Date = new Date()): string {
  const name = graphName.replace(/[^A-Za-z0-9._-]/g, "_") || "pipeline";
  const base = path.join(baseDir, ".factory", "runs", `${name}-${utcStamp(now)}`);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** What `--resume DIR` points at. */
export interface ResumeTarget {
  /** Absolute run directory. */
  logsRoot: string;
  /** The DOT file the run started from (manifest.json `dot_file`), absolute, if recorded. */
  dotFile: string | undefined;
}

/**
 * Checks a `--resume` directory and reads the DOT file its manifest names.
 * @param dir As given on the command line; resolved against `cwd`.
 * A directory with a manifest but no checkpoint yet (the process died before the first stage
 * completed) is resumable: the run starts over in it.
 * @throws CliError (exit 2) when the directory has neither checkpoint.json nor manifest.json.
 */
export function readResumeTarget(dir: string, cwd: string): ResumeTarget {
  const logsRoot = path.resolve(cwd, dir);
  if (!existsSync(path.join(logsRoot, "checkpoint.json")) && !existsSync(path.join(logsRoot, "manifest.json"))) {
    const why = existsSync(logsRoot) ? "it has no checkpoint.json (it is not a run directory)" : "no such directory";
    throw invalid(`cannot resume ${dir}: ${why}`);
  }
  let dotFile: string | undefined;
  try {
    const manifest = JSON.parse(readFileSync(path.join(logsRoot, "manifest.json"), "utf8")) as { dot_file?: unknown };
    if (typeof manifest.dot_file === "string" && manifest.dot_file !== "") {
      dotFile = path.resolve(cwd, manifest.dot_file);
    }
  } catch {
    // No usable manifest: the caller asks for FILE.
  }
  return { logsRoot, dotFile };
}

/**
 * Refuses to start a fresh run in a directory that already holds one (its checkpoint would be
 * overwritten).
 * @throws CliError (exit 2) naming `--resume` as the way to continue it.
 */
export function assertFreshLogsDir(logsRoot: string, shown: string): void {
  if (existsSync(path.join(logsRoot, "checkpoint.json"))) {
    throw invalid(`${shown} already holds a run: continue it with --resume ${shown}, or choose another --logs`);
  }
}

/**
 * Creates the run directory (and its parents) before the engine does, so a bad `--logs` gets a
 * clear message.
 * @throws CliError (exit 2) `cannot create run directory <shown>: <reason>`.
 */
export function createLogsDir(logsRoot: string, shown: string): void {
  try {
    mkdirSync(logsRoot, { recursive: true });
  } catch (cause) {
    throw new CliError({
      message: `cannot create run directory ${shown}: ${systemReason(cause)}`,
      exitCode: ExitCode.INVALID_INPUT,
      cause,
    });
  }
}

/**
 * Resolves `--cwd` (the directory tool commands run in).
 * @throws CliError (exit 2) when it is missing or not a directory.
 */
export function resolveWorkDir(dir: string, cwd: string): string {
  const resolved = path.resolve(cwd, dir);
  try {
    if (!statSync(resolved).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (cause) {
    throw invalid(`invalid --cwd ${dir}: ${systemReason(cause)}`);
  }
  return resolved;
}

/** `abs` relative to `cwd` when inside it (`.factory/runs/x`), else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}
