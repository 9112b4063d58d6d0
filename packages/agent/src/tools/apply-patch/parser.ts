/**
 * Parser for the `apply_patch` v4a format (coding-agent-loop-spec Appendix A "Grammar"): turns patch
 * text into file operations, or fails with the patch line number and what was expected there.
 * @module
 */

/** One diff line of a hunk: ` ` context, `-` removed, `+` added (text without the prefix). */
export interface HunkLine {
  kind: " " | "-" | "+";
  text: string;
}

/** One `@@` section of an Update File block. */
export interface PatchHunk {
  /** The hunk's diff lines in order (`oldLines`/`newLines` are derived from them). */
  lines: HunkLine[];
  /** Text after `@@ ` (a line to find before the hunk), if any. */
  contextHint?: string;
  /** Context and `-` lines, in order: what the file must contain. */
  oldLines: string[];
  /** Context and `+` lines, in order: what replaces `oldLines`. */
  newLines: string[];
  /** The hunk ended with `*** End of File`: it must match at the end of the file. */
  isEndOfFile: boolean;
  /** 1-based line of the patch where the hunk starts (its `@@` line, or first diff line). */
  line: number;
}

/** One file operation of a patch. */
export type PatchOperation =
  | { type: "add"; path: string; content: string; line: number }
  | { type: "delete"; path: string; line: number }
  | { type: "update"; path: string; moveTo?: string; hunks: PatchHunk[]; line: number };

/** A syntax error in a patch; `line` is 1-based in the patch text. */
export class PatchParseError extends Error {
  readonly line: number;

  constructor(options: { line: number; message: string }) {
    super(`apply_patch: invalid patch at line ${options.line}: ${options.message}`);
    this.name = "PatchParseError";
    this.line = options.line;
  }
}

const BEGIN = "*** Begin Patch";
const END = "*** End Patch";
const ADD = "*** Add File: ";
const DELETE = "*** Delete File: ";
const UPDATE = "*** Update File: ";
const MOVE = "*** Move to: ";
const EOF_MARKER = "*** End of File";
const HEADERS = `"${ADD}<path>", "${DELETE}<path>", "${UPDATE}<path>" or "${END}"`;

/**
 * Parses a v4a patch. Lenient where models commonly slip: surrounding blank lines and `\r\n` line
 * endings are accepted, the first hunk of an update may omit its `@@` line, and a blank line inside
 * a hunk counts as an empty context line.
 * @throws {@link PatchParseError} naming the line and what was expected.
 */
export function parsePatch(text: string): PatchOperation[] {
  const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  let first = 0;
  while (first < lines.length && lines[first].trim() === "") first++;
  let last = lines.length - 1;
  while (last >= first && lines[last].trim() === "") last--;
  if (first > last) throw new PatchParseError({ line: 1, message: `the patch is empty; expected "${BEGIN}"` });
  if (lines[first].trim() !== BEGIN) {
    throw new PatchParseError({
      line: first + 1,
      message: `expected "${BEGIN}", found ${JSON.stringify(lines[first])}`,
    });
  }
  if (lines[last].trim() !== END || last === first) {
    throw new PatchParseError({ line: last + 1, message: `expected the patch to end with "${END}"` });
  }

  const operations: PatchOperation[] = [];
  let i = first + 1;
  const at = (index: number): number => index + 1;
  while (i < last) {
    const line = lines[i];
    if (line.startsWith(ADD)) {
      const path = pathAfter(line, ADD, at(i));
      const content: string[] = [];
      const start = i;
      i++;
      while (i < last && !lines[i].startsWith("***")) {
        if (!lines[i].startsWith("+")) {
          throw new PatchParseError({
            line: at(i),
            message: `expected a line starting with "+" in the Add File block for ${path}, found ${JSON.stringify(lines[i])}`,
          });
        }
        content.push(lines[i].slice(1));
        i++;
      }
      operations.push({ type: "add", path, content: content.map((l) => `${l}\n`).join(""), line: at(start) });
    } else if (line.startsWith(DELETE)) {
      operations.push({ type: "delete", path: pathAfter(line, DELETE, at(i)), line: at(i) });
      i++;
    } else if (line.startsWith(UPDATE)) {
      const path = pathAfter(line, UPDATE, at(i));
      const start = i;
      i++;
      let moveTo: string | undefined;
      if (i < last && lines[i].startsWith(MOVE)) {
        moveTo = pathAfter(lines[i], MOVE, at(i));
        i++;
      }
      const parsed = parseHunks(lines, i, last, path, moveTo !== undefined);
      i = parsed.next;
      operations.push({ type: "update", path, ...(moveTo ? { moveTo } : {}), hunks: parsed.hunks, line: at(start) });
    } else if (line.trim() === "") {
      i++;
    } else {
      throw new PatchParseError({ line: at(i), message: `expected ${HEADERS}, found ${JSON.stringify(line)}` });
    }
  }
  if (operations.length === 0) {
    throw new PatchParseError({
      line: at(first + 1),
      message: `the patch has no file operations; expected ${HEADERS}`,
    });
  }
  return operations;
}

function pathAfter(line: string, prefix: string, lineNumber: number): string {
  const path = line.slice(prefix.length).trim();
  if (path === "")
    throw new PatchParseError({ line: lineNumber, message: `expected a file path after "${prefix.trim()}"` });
  return path;
}

function emptyHunk(line: number): PatchHunk {
  return { lines: [], oldLines: [], newLines: [], isEndOfFile: false, line };
}

/** `@@ -1,3 +1,4 @@` (a unified-diff range, not a context hint). */
const UNIFIED_RANGE = /^-\d+(,\d+)? \+\d+(,\d+)? @@/;

/**
 * Parses the hunks of an Update File block from `start` up to the next header or `end`. Blank patch
 * lines at the end of a hunk are separators, not context. A pure rename (`allowEmpty`) may have none.
 */
function parseHunks(
  lines: readonly string[],
  start: number,
  end: number,
  path: string,
  allowEmpty: boolean,
): { hunks: PatchHunk[]; next: number } {
  const hunks: PatchHunk[] = [];
  let current: PatchHunk | undefined;
  let trailingBlank = 0;
  let i = start;
  const close = (lineIndex: number): void => {
    if (!current) return;
    current.lines.splice(current.lines.length - trailingBlank, trailingBlank);
    current.oldLines = current.lines.filter((l) => l.kind !== "+").map((l) => l.text);
    current.newLines = current.lines.filter((l) => l.kind !== "-").map((l) => l.text);
    trailingBlank = 0;
    if (current.oldLines.length === 0 && current.newLines.length === 0) {
      throw new PatchParseError({
        line: lineIndex + 1,
        message: `expected diff lines (" context", "-removed", "+added") in the hunk for ${path}`,
      });
    }
    hunks.push(current);
    current = undefined;
  };
  for (; i < end; i++) {
    const line = lines[i];
    if (line.startsWith("@@")) {
      close(i);
      const hint = line.slice(2).trim().replace(UNIFIED_RANGE, "").trim();
      current = { ...(hint ? { contextHint: hint } : {}), ...emptyHunk(i + 1) };
      continue;
    }
    if (line.startsWith(EOF_MARKER)) {
      if (!current) {
        throw new PatchParseError({
          line: i + 1,
          message: `"${EOF_MARKER}" must follow a hunk in the Update File block for ${path}`,
        });
      }
      current.isEndOfFile = true;
      close(i);
      continue;
    }
    if (line.startsWith("***")) break;
    const kind = line[0];
    if (kind !== " " && kind !== "-" && kind !== "+" && line !== "") {
      throw new PatchParseError({
        line: i + 1,
        message: `expected a hunk line starting with " ", "-", "+" or "@@" in the Update File block for ${path}, found ${JSON.stringify(line)}`,
      });
    }
    current ??= emptyHunk(i + 1);
    trailingBlank = line === "" ? trailingBlank + 1 : 0;
    current.lines.push({ kind: kind === "-" || kind === "+" ? kind : " ", text: line.slice(1) });
  }
  close(i);
  if (hunks.length === 0 && !allowEmpty) {
    throw new PatchParseError({
      line: i + 1,
      message: `expected at least one hunk ("@@") in the Update File block for ${path}`,
    });
  }
  return { hunks, next: i };
}
