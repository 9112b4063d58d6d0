/**
 * The language-native grep fallback (coding-agent-loop-spec §4.2) for machines without ripgrep:
 * walks files with tinyglobby (skipping hidden files, `.git`, `node_modules` and simple `.gitignore`
 * rules), skips binary and huge files, and matches lines with a JavaScript RegExp.
 *
 * Files are read one at a time with synchronous calls (open, fstat, read, close: several times
 * faster than the promise API for many small files), yielding to the event loop every
 * {@link SLICE_MS} so timers, streams and aborts elsewhere in the process are not held up. Binary
 * files are dropped after their first block, and a file is split into lines only when the
 * pattern, if it cannot match a line break, matches somewhere in its whole text.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { escapePath, glob } from "tinyglobby";
import { DEFAULT_IGNORE_GLOBS, ignoreGlobsFor } from "./ignore-globs.js";
import { isWithin } from "./paths.js";
import {
  compileGrepPattern,
  formatGrepContent,
  type GrepRecord,
  type GrepRequest,
  globFilterPattern,
  sortByMtimeDesc,
  sortByPath,
} from "./search-common.js";

/** Files larger than this are not searched by the fallback, bytes. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** A NUL byte in this many leading bytes makes a file binary (ripgrep's heuristic, as `looksBinary`). */
const BINARY_PROBE_BYTES = 8000;

/** The first read of a file; a smaller file is read in one call. Bytes. */
const FIRST_READ_BYTES = 64 * 1024;

/** Longest stretch of synchronous reading before yielding to the event loop, ms. */
const SLICE_MS = 10;

/**
 * Pattern syntax that can match a line break: negated classes, `\s`, `\W`, `\D`, escapes for
 * control characters or arbitrary code points, octal escapes and back-references. (`.` cannot, and
 * `$`, `\b` and lookarounds built from other syntax see a line break as they see a line's end.)
 * Conservative: a false hit only costs the faster whole-text check.
 */
const MAY_SPAN_LINES = /\[\^|\\[sWDnrcxupP0-9]/;

/**
 * Searches like `rg` would and returns the formatted output ("" when nothing matched).
 * @throws on an invalid regex or a missing `root`.
 */
export async function grepNative(request: GrepRequest): Promise<string> {
  const { options } = request;
  const regex = compileGrepPattern(request.pattern, options.caseInsensitive);
  const anywhere = wholeTextFilter(request.pattern, regex);
  const files = await listFiles(request);
  const mode = options.outputMode ?? "content";
  const records: GrepRecord[] = [];
  const matchedFiles: string[] = [];
  const counts: string[] = [];
  let matches = 0;

  for await (const { file, text } of textsOf(files)) {
    if (text === undefined || (anywhere && !anywhere.test(text))) continue;
    const lines = splitLines(text);
    if (mode === "files_with_matches") {
      if (lines.some((line) => regex.test(line))) matchedFiles.push(file);
      continue;
    }
    if (mode === "count") {
      const count = lines.filter((line) => regex.test(line)).length;
      if (count > 0) counts.push(`${request.display(file)}:${count}`);
      if (counts.length >= options.maxResults) break;
      continue;
    }
    matches += collectContent(file, lines, regex, request, records, options.maxResults - matches);
    if (matches >= options.maxResults) break;
  }

  if (mode === "files_with_matches") {
    const sorted = await sortByMtimeDesc(matchedFiles);
    return sorted.slice(0, options.maxResults).map(request.display).join("\n");
  }
  if (mode === "count") return counts.join("\n");
  return formatGrepContent(records, request.display);
}

/** Adds the matches of one file (with context) to `records`; returns how many matches it added. */
function collectContent(
  file: string,
  lines: readonly string[],
  regex: RegExp,
  request: GrepRequest,
  records: GrepRecord[],
  budget: number,
): number {
  const { beforeContext, afterContext } = request.options;
  const emitted = new Set<number>();
  const push = (index: number, isMatch: boolean): void => {
    if (emitted.has(index)) return;
    emitted.add(index);
    records.push({ path: file, line: index + 1, text: lines[index], isMatch });
  };
  let added = 0;
  let afterUntil = -1;
  for (let i = 0; i < lines.length && added < budget; i++) {
    if (regex.test(lines[i])) {
      for (let j = Math.max(0, i - beforeContext); j < i; j++) push(j, false);
      push(i, true);
      added++;
      afterUntil = i + afterContext;
    } else if (i <= afterUntil) {
      push(i, false);
    }
  }
  return added;
}

/** Files to search under `request.root`, ordered like `rg --sort path`. */
async function listFiles(request: GrepRequest): Promise<string[]> {
  const info = await stat(request.root).catch(() => undefined);
  if (!info) throw new Error(`path not found: ${request.display(request.root)}`);
  if (info.isFile()) return [request.root];
  const filter = globFilterPattern(request.options.globFilter);
  // Inside the working directory, glob from there so the root .gitignore's anchored rules apply.
  const inside = isWithin(request.workingDir, request.root);
  const cwd = inside ? request.workingDir : request.root;
  const prefix = inside ? relative(request.workingDir, request.root) : "";
  const pattern = prefix ? `${escapePath(prefix.split("\\").join("/"))}/${filter}` : filter;
  const inModules = request.root.split(/[/\\]/).includes("node_modules");
  const ignore = (inside ? await ignoreGlobsFor(request.workingDir) : [...DEFAULT_IGNORE_GLOBS]).filter(
    (glob) => !inModules || !glob.includes("node_modules"),
  );
  const files = await glob(pattern, { cwd, absolute: true, dot: false, ignore, followSymbolicLinks: false });
  return sortByPath(files);
}

/**
 * A RegExp that finds a match anywhere in a file's text whenever some line of it matches `regex`
 * (multiline, so `^`/`$` also match at line breaks), to skip files without splitting them. A hit is
 * still checked line by line. Undefined when the pattern may match a line break
 * ({@link MAY_SPAN_LINES}, raw control characters): it could then scan from every offset to the end
 * of the file (`[^@]*x` is quadratic in a file's length, but only in each line's length per line).
 */
function wholeTextFilter(pattern: string, regex: RegExp): RegExp | undefined {
  if (MAY_SPAN_LINES.test(pattern)) return undefined;
  for (const char of pattern) if (char < " " || char === "\u2028" || char === "\u2029") return undefined;
  return new RegExp(regex.source, `${regex.flags}m`);
}

/** `text` split into lines without their terminators (`\n` or `\r\n`; no empty last line). */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** `files` in order with their text (undefined for files to skip), yielding every {@link SLICE_MS}. */
async function* textsOf(files: readonly string[]): AsyncGenerator<{ file: string; text: string | undefined }> {
  let sliceStart = performance.now();
  for (const file of files) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    yield { file, text: readText(file) };
  }
}

/**
 * The UTF-8 text of a file, or undefined for binary, huge (above {@link MAX_FILE_BYTES}), non-regular
 * or unreadable files. Never throws.
 */
function readText(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO that appeared since the walk fails the isFile check instead of hanging.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(info.size);
    let filled = readInto(fd, buffer, 0, Math.min(info.size, FIRST_READ_BYTES));
    if (buffer.subarray(0, Math.min(filled, BINARY_PROBE_BYTES)).includes(0)) return undefined;
    if (filled < info.size) filled += readInto(fd, buffer, filled, info.size - filled);
    return buffer.toString("utf8", 0, filled);
  } catch {
    return undefined;
  } finally {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // Nothing to do: the descriptor is gone either way.
    }
  }
}

/** Reads up to `length` bytes into `buffer` at `offset` (from the same file position); returns how many. */
function readInto(fd: number, buffer: Buffer, offset: number, length: number): number {
  let done = 0;
  while (done < length) {
    const bytesRead = readSync(fd, buffer, offset + done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
