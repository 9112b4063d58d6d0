/**
 * `edit_file` (coding-agent-loop-spec §3.3): exact `old_string` → `new_string` replacement that must
 * be unique unless `replace_all`, with a CRLF and whole-line fuzzy fallback that says when it was used.
 * The file is written once, atomically, or not at all.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { optionalBool, stringArg } from "../args.js";
import { findAllSequences, MATCH_LEVEL_DESCRIPTIONS, type MatchLevel } from "../fuzzy-match.js";
import type { RegisteredTool, ToolExecutor } from "../types.js";

/** What {@link replaceInContent} did. */
export interface ReplaceResult {
  content: string;
  /** Occurrences replaced (≥ 1). */
  count: number;
  /** How the occurrences were found. */
  level: MatchLevel | "crlf";
}

/**
 * Replaces `oldString` by `newString` in `content` (a pure function; `$` patterns are literal).
 * Tries an exact match, then `\n` → `\r\n` for CRLF files, then a whole-line fuzzy match.
 * @throws `old_string not found in <name>` or `old_string matches N locations in <name>` (without
 *   `replaceAll`), both telling the model how to recover.
 */
export function replaceInContent(
  content: string,
  oldString: string,
  newString: string,
  replaceAll: boolean,
  name: string,
): ReplaceResult {
  const exact = replaceExact(content, oldString, newString, replaceAll, name);
  if (exact) return { ...exact, level: "exact" };
  if (content.includes("\r\n") && oldString.includes("\n") && !oldString.includes("\r\n")) {
    const crlf = replaceExact(content, toCrlf(oldString), toCrlf(newString), replaceAll, name);
    if (crlf) return { ...crlf, level: "crlf" };
  }
  const fuzzy = replaceFuzzy(content, oldString, newString, replaceAll, name);
  if (fuzzy) return fuzzy;
  throw new Error(
    `old_string not found in ${name}. It must match the file exactly, including whitespace and indentation; ` +
      "read the file again and copy the text to replace.",
  );
}

const toCrlf = (text: string): string => text.replace(/\r?\n/g, "\r\n");

function ambiguous(count: number, name: string): Error {
  return new Error(
    `old_string matches ${count} locations in ${name}. Provide more surrounding context to make it unique, ` +
      "or set replace_all to replace every occurrence.",
  );
}

function replaceExact(
  content: string,
  oldString: string,
  newString: string,
  replaceAll: boolean,
  name: string,
): { content: string; count: number } | undefined {
  const parts = content.split(oldString);
  const count = parts.length - 1;
  if (count === 0) return undefined;
  if (count > 1 && !replaceAll) throw ambiguous(count, name);
  return { content: parts.join(newString), count };
}

/** Whole-line fuzzy replacement (whitespace / punctuation differences), or undefined when none matches. */
function replaceFuzzy(
  content: string,
  oldString: string,
  newString: string,
  replaceAll: boolean,
  name: string,
): ReplaceResult | undefined {
  const trailingNewline = oldString.endsWith("\n");
  const pattern = (trailingNewline ? oldString.slice(0, -1) : oldString).split(/\r?\n/);
  if (pattern.every((line) => line.trim() === "")) return undefined;
  const pieces = content.split("\n");
  const found = findAllSequences(pieces, pattern);
  if (!found) return undefined;
  if (found.indices.length > 1 && !replaceAll) throw ambiguous(found.indices.length, name);
  let replacement = trailingNewline && newString.endsWith("\n") ? newString.slice(0, -1) : newString;
  const crlf = content.includes("\r\n");
  if (crlf) replacement = toCrlf(replacement);
  for (const index of [...found.indices].reverse()) {
    const last = pieces[index + pattern.length - 1];
    const text = crlf && last.endsWith("\r") ? `${replacement}\r` : replacement;
    pieces.splice(index, pattern.length, text);
  }
  return { content: pieces.join("\n"), count: found.indices.length, level: found.level };
}

/** Options of {@link editFile}. */
export interface EditRequest {
  path: string;
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

/**
 * Applies one edit to the file at `path` and confirms: `Edited X: replaced N occurrence(s)`, noting a
 * fuzzy match. An empty `oldString` creates a file that does not exist yet.
 * @throws when the file is missing, the strings are identical, or the match is missing or ambiguous.
 */
export async function editFile(env: ExecutionEnvironment, request: EditRequest): Promise<string> {
  const { path, oldString, newString } = request;
  if (oldString === newString) throw new Error("old_string and new_string are identical; there is nothing to change.");
  const exists = await env.fileExists(path);
  if (oldString === "") {
    if (exists) throw new Error(`old_string is empty but ${path} already exists; give the text to replace.`);
    await env.writeFile(path, newString);
    return `Created ${path} (${Buffer.byteLength(newString, "utf8")} bytes)`;
  }
  if (!exists) throw new Error(`File not found: ${path}`);
  const content = await env.readFile(path);
  const result = replaceInContent(content, oldString, newString, request.replaceAll ?? false, path);
  await env.writeFile(path, result.content);
  const how =
    result.level === "exact"
      ? ""
      : result.level === "crlf"
        ? " (matched with CRLF line endings)"
        : ` (${MATCH_LEVEL_DESCRIPTIONS[result.level]})`;
  return `Edited ${path}: replaced ${result.count} occurrence${result.count === 1 ? "" : "s"}${how}`;
}

/**
 * The `edit_file` executor shared by the profiles: `file_path`, `old_string`, `new_string` and a
 * replace-every-occurrence flag, which profiles name differently.
 * @param replaceAllArg The flag's argument name: `replace_all` (core, Claude Code) or gemini-cli's `allow_multiple`.
 */
export function editFileExecutor(replaceAllArg = "replace_all"): ToolExecutor {
  return async (args, context) =>
    editFile(context.env, {
      path: stringArg(args, "file_path"),
      oldString: stringArg(args, "old_string"),
      newString: stringArg(args, "new_string"),
      replaceAll: optionalBool(args, replaceAllArg),
    });
}

/** §3.3 the shared-core `edit_file`: `file_path`, `old_string`, `new_string`, `replace_all`. */
export function createEditFileTool(): RegisteredTool {
  return {
    definition: {
      name: "edit_file",
      description:
        "Replace an exact string occurrence in a file. old_string must match the file exactly (including " +
        "whitespace and indentation) and be unique unless replace_all is true; include surrounding lines to make it unique.",
      parameters: {
        type: "object",
        properties: {
          file_path: {
            type: "string",
            description: "Absolute path to the file (or relative to the working directory).",
          },
          old_string: { type: "string", description: "The exact text to find." },
          new_string: { type: "string", description: "The replacement text (must differ from old_string)." },
          replace_all: { type: "boolean", description: "Replace every occurrence of old_string (default false)." },
        },
        required: ["file_path", "old_string", "new_string"],
      },
    },
    executor: editFileExecutor(),
  };
}
