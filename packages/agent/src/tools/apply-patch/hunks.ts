/**
 * Applying the hunks of one `*** Update File` block to a file's text (coding-agent-loop-spec
 * Appendix A "Hunk Matching", "Multi-Hunk Updates"): locate each hunk after the previous one (using
 * its `@@` hint), with increasing fuzz, and splice. Pure; nothing touches the disk.
 * @module
 */
import { type MatchLevel, seekSequence } from "../fuzzy-match.js";
import type { HunkLine, PatchHunk } from "./parser.js";

/** What {@link applyHunks} produced. */
export interface HunkApplication {
  content: string;
  /** Hunks located with fuzz: 1-based hunk number and how loosely it matched. */
  fuzzy: Array<{ hunk: number; level: MatchLevel }>;
}

interface Splice {
  at: number;
  remove: number;
  insert: string[];
}

/**
 * Applies `hunks` in order to `content` (the file at `path`). Line endings (`\n` or `\r\n`) and the
 * presence of a final newline are kept; context lines keep the file's own text even when matched
 * with fuzz.
 * @throws when a hint or a hunk cannot be found, naming the hunk, its patch line and the lines sought.
 */
export function applyHunks(content: string, hunks: readonly PatchHunk[], path: string): HunkApplication {
  const eol = content.includes("\r\n") ? "\r\n" : "\n";
  const finalNewline = content === "" || content.endsWith("\n");
  const lines = content === "" ? [] : content.split(/\r?\n/);
  if (content.endsWith("\n")) lines.pop();

  const splices: Splice[] = [];
  const fuzzy: HunkApplication["fuzzy"] = [];
  let cursor = 0;
  hunks.forEach((hunk, index) => {
    const number = index + 1;
    let hintIndex: number | undefined;
    if (hunk.contextHint !== undefined) {
      const hint = seekSequence(lines, [hunk.contextHint], cursor);
      if (!hint) {
        throw new Error(
          `apply_patch: could not find the context line ${JSON.stringify(hunk.contextHint)} (from "@@") in ${path} ` +
            `for hunk ${number} at patch line ${hunk.line}. No files were changed.`,
        );
      }
      hintIndex = hint.index;
      cursor = hint.index + 1;
    }
    if (hunk.oldLines.length === 0) {
      const at = hunk.isEndOfFile || hintIndex === undefined ? lines.length : cursor;
      splices.push({ at, remove: 0, insert: hunk.newLines });
      cursor = at;
      return;
    }
    const located = locate(lines, hunk, cursor, hintIndex);
    if (!located) {
      throw new Error(
        `apply_patch: hunk ${number} (patch line ${hunk.line}) does not match ${path}. ` +
          `Expected these lines${hunk.isEndOfFile ? " at the end of the file" : ""}:\n` +
          hunk.oldLines.map((line) => `  ${line}`).join("\n") +
          "\nRead the file again and regenerate the patch. No files were changed.",
      );
    }
    if (located.level !== "exact") fuzzy.push({ hunk: number, level: located.level });
    const removed = located.lines.filter((line) => line.kind !== "+").length;
    splices.push({ at: located.index, remove: removed, insert: rebuild(located.lines, lines, located.index) });
    cursor = located.index + removed;
  });

  for (const splice of [...splices].reverse()) lines.splice(splice.at, splice.remove, ...splice.insert);
  const text = lines.join(eol);
  return { content: lines.length > 0 && finalNewline ? text + eol : text, fuzzy };
}

/**
 * Where the hunk's old lines are: searched from `cursor`, then from the hint line itself (models
 * often repeat the hint as the first context line), then without trailing empty context lines.
 */
function locate(
  lines: readonly string[],
  hunk: PatchHunk,
  cursor: number,
  hintIndex: number | undefined,
): { index: number; level: MatchLevel; lines: HunkLine[] } | undefined {
  const attempts: HunkLine[][] = [hunk.lines];
  const trimmed = [...hunk.lines];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].kind === " " && trimmed[trimmed.length - 1].text === "") {
    trimmed.pop();
  }
  if (trimmed.length !== hunk.lines.length && trimmed.some((line) => line.kind !== "+")) attempts.push(trimmed);
  for (const diff of attempts) {
    const old = diff.filter((line) => line.kind !== "+").map((line) => line.text);
    for (const start of hintIndex === undefined ? [cursor] : [cursor, hintIndex]) {
      const found = seekSequence(lines, old, start, hunk.isEndOfFile);
      if (found) return { ...found, lines: diff };
    }
  }
  return undefined;
}

/** The replacement lines: the file's own text for context lines, the patch's text for `+` lines. */
function rebuild(diff: readonly HunkLine[], file: readonly string[], at: number): string[] {
  const result: string[] = [];
  let oldIndex = at;
  for (const line of diff) {
    if (line.kind === " ") result.push(file[oldIndex++]);
    else if (line.kind === "-") oldIndex++;
    else result.push(line.text);
  }
  return result;
}
