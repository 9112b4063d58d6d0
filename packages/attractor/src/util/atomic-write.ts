/**
 * Crash-safe file writes: write a temporary file in the same directory, then rename it over
 * the target, so a reader (or a resumed run after SIGKILL) sees the old or the new content,
 * never half of one.
 * @module
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/**
 * Atomically replaces `path` with `data` (UTF-8 for strings).
 * @param options.fsync flush the data to disk before the rename (default true), so a power loss
 *   cannot leave an empty file behind the new name.
 * @throws the underlying fs error; the temporary file is removed on failure.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { fsync?: boolean } = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w");
    writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    if (options.fsync !== false) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Atomically writes `value` as pretty-printed JSON followed by a newline. */
export function writeJsonAtomic(path: string, value: unknown, options?: { fsync?: boolean }): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
