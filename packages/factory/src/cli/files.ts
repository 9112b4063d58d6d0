/**
 * File reading and atomic writing for commands, with failures turned into {@link CliError}s
 * that name the path and the reason.
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError, ExitCode as Exit, type ExitCode } from "./errors.js";

/**
 * Reads a UTF-8 text file.
 * @param file Path as given on the command line; it is resolved against `cwd` when relative.
 * @throws CliError `cannot read <file>: <reason>` with exit code 2 when the file is missing,
 *   unreadable or a directory.
 */
export async function readTextFile(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(path.resolve(cwd, file), "utf8");
  } catch (cause) {
    throw new CliError({
      message: `cannot read ${file}: ${systemReason(cause)}`,
      exitCode: Exit.INVALID_INPUT,
      cause,
    });
  }
}

/**
 * Writes `data` to `file` atomically: a temporary file in the same directory is written, then
 * renamed over `file`, so readers see the old content or the new, never half of it. The temporary
 * file is removed when anything fails.
 * @param file Resolved against `cwd` when relative.
 * @throws CliError `cannot write <file>: <reason>` (exit code `exitCode`, default 1).
 */
export async function writeFileAtomic(
  file: string,
  data: string,
  cwd: string,
  exitCode: ExitCode = Exit.FAILURE,
): Promise<void> {
  const target = path.resolve(cwd, file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temp, data, { encoding: "utf8", flag: "wx" });
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new CliError({ message: `cannot write ${file}: ${systemReason(cause)}`, exitCode, cause });
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
};

/**
 * A short, human reason for a file-system error: `no such file or directory` rather than
 * `ENOENT: no such file or directory, open '/abs/path'`.
 */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  const match = /^[A-Z]+: (.*?), \w+ '.*'$/s.exec(message);
  return match ? match[1] : message;
}
