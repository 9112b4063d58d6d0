/**
 * Local file operations on already-confined absolute paths (coding-agent-loop-spec §4.1, §4.2):
 * text reads with line windows, atomic writes, deletes and directory listings.
 * @module
 */
import { createReadStream } from "node:fs";
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { DirEntry } from "./types.js";

/** Whole-file reads (no offset/limit) refuse files larger than this, bytes. */
export const MAX_WHOLE_READ_BYTES = 64 * 1024 * 1024;

/**
 * Reads the text file at `absolute`. Without `offset`/`limit` returns the exact content; with them,
 * lines `offset..offset+limit-1` (1-based) joined by `\n`, streaming so huge files stay cheap.
 * @param shown the path as the caller named it, for error messages.
 * @throws `File not found: X`, `X is a directory`, `X is a binary file`, `X is too large`.
 */
export async function readTextFile(absolute: string, shown: string, offset?: number, limit?: number): Promise<string> {
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") throw new Error(`File not found: ${shown}`);
    if (error.code === "EACCES") throw new Error(`Permission denied: ${shown}`);
    throw error;
  });
  if (info.isDirectory()) throw new Error(`${shown} is a directory, not a file`);
  if (await looksBinary(absolute)) throw new Error(`${shown} is a binary file; it cannot be read as text`);
  if (offset === undefined && limit === undefined) {
    if (info.size > MAX_WHOLE_READ_BYTES) {
      throw new Error(`${shown} is too large to read whole (${info.size} bytes); read it in windows with offset/limit`);
    }
    return readFile(absolute, "utf8");
  }
  const first = Math.max(1, offset ?? 1);
  const last = limit === undefined ? Number.POSITIVE_INFINITY : first + Math.max(0, limit) - 1;
  const selected: string[] = [];
  const stream = createReadStream(absolute, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      if (number > last) break;
      if (number >= first) selected.push(line);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return selected.join("\n");
}

/**
 * Writes `content` to `absolute` atomically: a temp file in the same directory, then `rename`.
 * Creates missing parent directories and keeps the mode of a file it replaces.
 * @throws on permission or disk errors (the temp file is removed).
 */
export async function writeFileAtomic(absolute: string, content: string): Promise<void> {
  const dir = dirname(absolute);
  await mkdir(dir, { recursive: true });
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`${absolute} is a directory, not a file`);
  const temp = join(dir, `.${basename(absolute)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    const handle = await open(temp, "wx", existing ? existing.mode & 0o7777 : 0o666);
    try {
      await writeFile(handle, content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing) await chmod(temp, existing.mode & 0o7777);
    await rename(temp, absolute);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Deletes the file at `absolute`.
 * @throws `File not found: X` or `X is a directory`.
 */
export async function deleteFile(absolute: string, shown: string): Promise<void> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new Error(`File not found: ${shown}`);
  if (info.isDirectory()) throw new Error(`${shown} is a directory, not a file`);
  await unlink(absolute);
}

/** Directories listed but never descended into. */
const NO_DESCEND = new Set([".git", "node_modules"]);

/**
 * Entries under `absolute` down to `depth` levels (1 = direct children), directories first then
 * files, each level sorted by name. `.git` and `node_modules` are listed but not descended into.
 * @throws `Directory not found: X` or `X is not a directory`.
 */
export async function listDir(absolute: string, shown: string, depth: number): Promise<DirEntry[]> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new Error(`Directory not found: ${shown}`);
  if (!info.isDirectory()) throw new Error(`${shown} is not a directory`);
  const result: DirEntry[] = [];
  const walk = async (dir: string, prefix: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
    for (const entry of entries) {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        result.push({ name, isDir: true });
        if (level < depth && !NO_DESCEND.has(entry.name)) await walk(full, name, level + 1);
      } else {
        const size = await stat(full).then(
          (s) => s.size,
          () => undefined,
        );
        result.push({ name, isDir: false, ...(size === undefined ? {} : { size }) });
      }
    }
  };
  await walk(absolute, "", 1);
  return result;
}

/** True when the first 8000 bytes of `file` contain a NUL byte (ripgrep's binary heuristic). */
export async function looksBinary(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(8000);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}
