/**
 * `read_file` (coding-agent-loop-spec §3.3): a window of a text file with line numbers in the
 * `NNN | content` format.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { optionalInt, stringArg } from "../args.js";
import type { RegisteredTool } from "../types.js";

/** Lines returned when the caller gives no limit (§3.3). */
export const DEFAULT_READ_LIMIT = 2000;

/** Options of {@link readFileNumbered}. */
export interface ReadWindow {
  /** 1-based first line. Default 1. */
  offset?: number;
  /** Maximum lines. Default {@link DEFAULT_READ_LIMIT}. */
  limit?: number;
  /** The note appended when more lines follow; gets the next line number. */
  continuation?: (nextLine: number) => string;
}

const defaultContinuation = (next: number): string =>
  `[The file has more lines. To read more, call read_file again with offset=${next}.]`;

/**
 * Lines `offset..offset+limit-1` of `path`, each as `NNN | text` (numbers right-aligned to a common
 * width of at least 3), plus a continuation note when the file goes on.
 * @throws what `env.readFile` throws (not found, directory, binary, outside the working directory).
 */
export async function readFileNumbered(
  env: ExecutionEnvironment,
  path: string,
  window: ReadWindow = {},
): Promise<string> {
  const offset = Math.max(1, window.offset ?? 1);
  const limit = Math.max(1, window.limit ?? DEFAULT_READ_LIMIT);
  const text = await env.readFile(path, offset, limit + 1);
  const lines = text === "" ? [] : text.split("\n");
  if (lines.length === 0) {
    return offset === 1 ? `(${path} is empty)` : `(${path} has fewer than ${offset} lines)`;
  }
  const more = lines.length > limit;
  const shown = more ? lines.slice(0, limit) : lines;
  const width = Math.max(3, String(offset + shown.length - 1).length);
  const body = shown.map((line, i) => `${String(offset + i).padStart(width)} | ${line}`).join("\n");
  return more ? `${body}\n${(window.continuation ?? defaultContinuation)(offset + limit)}` : body;
}

/** §3.3 the shared-core `read_file`: `file_path`, `offset`, `limit`. */
export function createReadFileTool(): RegisteredTool {
  return {
    definition: {
      name: "read_file",
      description:
        "Read a file from the filesystem. Returns line-numbered content in the format 'NNN | content'. " +
        `Reads up to ${DEFAULT_READ_LIMIT} lines by default; use offset and limit to read other parts of large files.`,
      parameters: {
        type: "object",
        properties: {
          file_path: {
            type: "string",
            description: "Absolute path to the file (or relative to the working directory).",
          },
          offset: { type: "integer", minimum: 1, description: "1-based line number to start reading from." },
          limit: {
            type: "integer",
            minimum: 1,
            description: `Maximum number of lines to read (default ${DEFAULT_READ_LIMIT}).`,
          },
        },
        required: ["file_path"],
      },
    },
    executor: async (args, context) =>
      readFileNumbered(context.env, stringArg(args, "file_path"), {
        offset: optionalInt(args, "offset"),
        limit: optionalInt(args, "limit"),
      }),
  };
}
