/**
 * The Gemini profile's tools, aligned with gemini-cli (coding-agent-loop-spec §3.6): gemini-cli's
 * `read_file`, `read_many_files`, `write_file`, `replace`, `run_shell_command`, `grep_search`, `glob`
 * and `list_directory` under the spec's names (`edit_file`, `shell`, `grep`, `list_dir`), keeping
 * gemini-cli's parameter names (`dir_path`, `start_line`/`end_line`, `allow_multiple`,
 * `include_pattern`, ...). `web_search`/`web_fetch` are not provided.
 * @module
 */
import { optionalBool, optionalInt, optionalString, stringArg } from "../args.js";
import { editFileExecutor } from "../core/edit-file.js";
import { globReport } from "../core/glob.js";
import { grepReport } from "../core/grep.js";
import { DEFAULT_READ_LIMIT, readFileNumbered } from "../core/read-file.js";
import { runShell, type ShellToolOptions, shellRequestFrom } from "../core/shell.js";
import { writeFileExecutor } from "../core/write-file.js";
import type { RegisteredTool } from "../types.js";

/** gemini-cli `read_file`: `file_path`, `start_line`, `end_line` (1-based, inclusive). */
export function createGeminiReadFileTool(): RegisteredTool {
  return {
    definition: {
      name: "read_file",
      description:
        "Reads and returns the content of a specified text file with line numbers ('NNN | content'). If the file is " +
        `large, at most ${DEFAULT_READ_LIMIT} lines are returned and the response says how to read more using the ` +
        "'start_line' and 'end_line' parameters.",
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "The path to the file to read." },
          start_line: { type: "number", description: "Optional: The 1-based line number to start reading from." },
          end_line: { type: "number", description: "Optional: The 1-based line number to end reading at (inclusive)." },
        },
        required: ["file_path"],
      },
    },
    executor: async (args, context) => {
      const start = Math.max(1, optionalInt(args, "start_line") ?? 1);
      const end = optionalInt(args, "end_line");
      if (end !== undefined && end < start) throw new Error(`end_line (${end}) is before start_line (${start}).`);
      return readFileNumbered(context.env, stringArg(args, "file_path"), {
        offset: start,
        limit: end === undefined ? DEFAULT_READ_LIMIT : end - start + 1,
        continuation: (next) => `[File content truncated. To read more, call read_file again with start_line=${next}.]`,
      });
    },
  };
}

/** gemini-cli `write_file`: `file_path`, `content`. */
export function createGeminiWriteFileTool(): RegisteredTool {
  return {
    definition: {
      name: "write_file",
      description: "Writes content to a specified file in the local filesystem, creating parent directories as needed.",
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "The path to the file to write to." },
          content: {
            type: "string",
            description:
              "The content to write to the file. Do not use omission placeholders like '(rest of methods ...)' or '...'; " +
              "provide complete literal content.",
          },
        },
        required: ["file_path", "content"],
      },
    },
    executor: writeFileExecutor,
  };
}

/** gemini-cli `replace` as `edit_file`: `file_path`, `old_string`, `new_string`, `allow_multiple`, `instruction`. */
export function createGeminiEditFileTool(): RegisteredTool {
  return {
    definition: {
      name: "edit_file",
      description:
        "Replaces text within a file. By default exactly ONE occurrence of `old_string` must be found and is replaced; " +
        "set `allow_multiple` to true to replace every occurrence. `old_string` must be the exact literal text " +
        "(including whitespace and indentation) with enough context (about 3 lines before and after) to identify it " +
        "uniquely; `new_string` is the exact literal replacement. Never escape either string. Read the file first.",
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "The path to the file to modify." },
          instruction: { type: "string", description: "A clear, self-contained description of the change and why." },
          old_string: { type: "string", description: "The exact literal text to replace, preferably unescaped." },
          new_string: { type: "string", description: "The exact literal text to replace `old_string` with." },
          allow_multiple: {
            type: "boolean",
            description:
              "If true, replaces all occurrences of `old_string`. If false (default), exactly one must be found.",
          },
        },
        required: ["file_path", "old_string", "new_string"],
      },
    },
    executor: editFileExecutor("allow_multiple"),
  };
}

/** gemini-cli `run_shell_command` as `shell`: `command`, `description`, `dir_path`, `timeout_ms`. */
export function createGeminiShellTool(options: ShellToolOptions = {}): RegisteredTool {
  return {
    definition: {
      name: "shell",
      description:
        "Executes a given shell command as `bash -c <command>` in its own process group. Prefer quiet flags and disable " +
        "pagers (e.g. `git --no-pager`). Returns combined output, the exit code and the duration. Commands that run " +
        "longer than the timeout are killed; set timeout_ms for long-running commands.",
      parameters: {
        type: "object",
        properties: {
          command: { type: "string", description: "Exact bash command to execute as `bash -c <command>`" },
          description: { type: "string", description: "Brief description of the command for the user." },
          dir_path: {
            type: "string",
            description:
              "(OPTIONAL) The directory to run the command in; defaults to the project root. Must already exist.",
          },
          timeout_ms: { type: "integer", minimum: 1, description: "(OPTIONAL) Timeout in milliseconds." },
        },
        required: ["command"],
      },
    },
    executor: async (args, context) =>
      runShell(
        shellRequestFrom(args, { command: "command", timeoutMs: "timeout_ms", workingDir: "dir_path" }),
        context,
        options,
      ),
  };
}

/** gemini-cli `grep_search` as `grep`: `pattern`, `dir_path`, `include_pattern`, `case_sensitive` (default false), `names_only`, `total_max_matches`. */
export function createGeminiGrepTool(): RegisteredTool {
  return {
    definition: {
      name: "grep",
      description:
        "Searches for a regular expression pattern within file contents. Returns matching lines as 'path:line:text'. " +
        "Max 100 matches unless total_max_matches says otherwise.",
      parameters: {
        type: "object",
        properties: {
          pattern: {
            type: "string",
            description: "The regular expression (regex) pattern to search for within file contents.",
          },
          dir_path: {
            type: "string",
            description: "Optional: The directory or file to search within. Defaults to the current working directory.",
          },
          include_pattern: {
            type: "string",
            description:
              "Optional: A glob pattern to filter which files are searched (e.g. '*.js', '*.{ts,tsx}', 'src/**').",
          },
          case_sensitive: { type: "boolean", description: "If true, the search is case-sensitive. Defaults to false." },
          names_only: {
            type: "boolean",
            description: "Optional: If true, only the paths of matching files are returned.",
          },
          total_max_matches: {
            type: "integer",
            minimum: 1,
            description: "Optional: Maximum number of total matches to return. Defaults to 100.",
          },
        },
        required: ["pattern"],
      },
    },
    executor: async (args, context) =>
      grepReport(
        {
          pattern: stringArg(args, "pattern"),
          path: optionalString(args, "dir_path"),
          globFilter: optionalString(args, "include_pattern"),
          caseInsensitive: !(optionalBool(args, "case_sensitive") ?? false),
          outputMode: optionalBool(args, "names_only") ? "files_with_matches" : "content",
          maxResults: optionalInt(args, "total_max_matches"),
        },
        context,
      ),
  };
}

/** gemini-cli `glob`: `pattern`, `dir_path`, `case_sensitive` (default false). */
export function createGeminiGlobTool(): RegisteredTool {
  return {
    definition: {
      name: "glob",
      description:
        "Efficiently finds files matching specific glob patterns (e.g. `src/**/*.ts`, `**/*.md`), returning absolute " +
        "paths sorted by modification time (newest first).",
      parameters: {
        type: "object",
        properties: {
          pattern: { type: "string", description: "The glob pattern to match against (e.g. '**/*.py', 'docs/*.md')." },
          dir_path: {
            type: "string",
            description: "Optional: The directory to search within. If omitted, searches the working directory.",
          },
          case_sensitive: {
            type: "boolean",
            description: "Optional: Whether the search is case-sensitive. Defaults to false.",
          },
        },
        required: ["pattern"],
      },
    },
    executor: async (args, context) =>
      globReport(stringArg(args, "pattern"), optionalString(args, "dir_path"), context, {
        caseSensitive: optionalBool(args, "case_sensitive") ?? false,
      }),
  };
}
