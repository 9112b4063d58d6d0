/**
 * The Anthropic profile's tools, aligned with Claude Code (coding-agent-loop-spec §3.5): Read, Write,
 * Edit, Bash, Grep and Glob under the spec's names `read_file`, `write_file`, `edit_file`, `shell`,
 * `grep`, `glob`, with Claude Code's parameter names (`old_string`/`new_string`/`replace_all`,
 * Grep's `output_mode`, `-i`, `-A`/`-B`/`-C`, `head_limit`). The profile's 120 s shell default
 * (§3.5) arrives as `ToolContext.defaultCommandTimeoutMs`.
 * @module
 */
import type { GrepOutputMode } from "../../env/types.js";
import { optionalBool, optionalInt, optionalString, stringArg } from "../args.js";
import { editFileExecutor } from "../core/edit-file.js";
import { globReport } from "../core/glob.js";
import { grepReport } from "../core/grep.js";
import { DEFAULT_READ_LIMIT, readFileNumbered } from "../core/read-file.js";
import { runShell, type ShellToolOptions, shellRequestFrom } from "../core/shell.js";
import { writeFileExecutor } from "../core/write-file.js";
import type { RegisteredTool } from "../types.js";

/** Claude Code Read as `read_file`: `file_path`, `offset`, `limit`. */
export const createAnthropicReadFileTool = (): RegisteredTool => ({
  definition: {
    name: "read_file",
    description:
      "Reads a file from the local filesystem. The file_path parameter must be an absolute path. By default it reads " +
      `up to ${DEFAULT_READ_LIMIT} lines from the start of the file; for long files you can pass offset and limit. ` +
      "Results are returned with line numbers ('NNN | content'). Read a file before editing it.",
    parameters: {
      type: "object",
      properties: {
        file_path: { type: "string", description: "The absolute path to the file to read" },
        offset: {
          type: "integer",
          minimum: 1,
          description: "The line number to start reading from. Only provide if the file is too large to read at once",
        },
        limit: {
          type: "integer",
          minimum: 1,
          description: "The number of lines to read. Only provide if the file is too large to read at once.",
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
});

/** Claude Code Write as `write_file`: `file_path`, `content`. */
export const createAnthropicWriteFileTool = (): RegisteredTool => ({
  definition: {
    name: "write_file",
    description:
      "Writes a file to the local filesystem, overwriting the existing file if there is one. Prefer edit_file for " +
      "changes to existing files, and read a file before overwriting it. Never create documentation files unless asked.",
    parameters: {
      type: "object",
      properties: {
        file_path: {
          type: "string",
          description: "The absolute path to the file to write (must be absolute, not relative)",
        },
        content: { type: "string", description: "The content to write to the file" },
      },
      required: ["file_path", "content"],
    },
  },
  executor: writeFileExecutor,
});

/** Claude Code Edit as `edit_file`: `file_path`, `old_string`, `new_string`, `replace_all`. */
export const createAnthropicEditFileTool = (): RegisteredTool => ({
  definition: {
    name: "edit_file",
    description:
      "Performs exact string replacements in files. Read the file first. Preserve the exact indentation as it appears " +
      "after the line number prefix ('NNN | '); never include the prefix in old_string or new_string. The edit fails " +
      "if old_string is not unique in the file: give more surrounding context, or use replace_all to change every instance.",
    parameters: {
      type: "object",
      properties: {
        file_path: { type: "string", description: "The absolute path to the file to modify" },
        old_string: { type: "string", description: "The text to replace" },
        new_string: { type: "string", description: "The text to replace it with (must be different from old_string)" },
        replace_all: {
          type: "boolean",
          default: false,
          description: "Replace all occurrences of old_string (default false)",
        },
      },
      required: ["file_path", "old_string", "new_string"],
    },
  },
  executor: editFileExecutor(),
});

/** Claude Code Bash as `shell`: `command`, `timeout_ms`, `description`. */
export function createAnthropicShellTool(options: ShellToolOptions = {}): RegisteredTool {
  return {
    definition: {
      name: "shell",
      description:
        "Executes a bash command with an optional timeout and returns its output, exit code and duration. Quote paths " +
        "that contain spaces. Prefer the grep, glob and read_file tools over find, grep, cat, head or tail commands. " +
        "Commands are killed after the timeout (120000 ms unless configured otherwise); set timeout_ms (in " +
        "milliseconds) for longer commands.",
      parameters: {
        type: "object",
        properties: {
          command: { type: "string", description: "The command to execute" },
          timeout_ms: { type: "integer", minimum: 1, description: "Optional timeout in milliseconds" },
          description: {
            type: "string",
            description: "Clear, concise description of what this command does in 5-10 words",
          },
        },
        required: ["command"],
      },
    },
    executor: async (args, context) =>
      runShell(shellRequestFrom(args, { command: "command", timeoutMs: "timeout_ms" }), context, options),
  };
}

/** Claude Code Grep as `grep`: `pattern`, `path`, `glob`, `output_mode` (default `files_with_matches`), `-i`, `-A`/`-B`/`-C`, `head_limit`. */
export const createAnthropicGrepTool = (): RegisteredTool => ({
  definition: {
    name: "grep",
    description:
      'A powerful search tool built on ripgrep. Supports full regex syntax (e.g. "log.*Error", "function\\s+\\w+"). ' +
      'Filter files with the glob parameter (e.g. "*.js", "**/*.tsx"). Output modes: "content" shows matching lines, ' +
      '"files_with_matches" shows only file paths (default), "count" shows match counts. Use it instead of running ' +
      "grep or rg in the shell.",
    parameters: {
      type: "object",
      properties: {
        pattern: { type: "string", description: "The regular expression pattern to search for in file contents" },
        path: {
          type: "string",
          description: "File or directory to search in. Defaults to the current working directory.",
        },
        glob: { type: "string", description: 'Glob pattern to filter files (e.g. "*.js", "*.{ts,tsx}")' },
        output_mode: {
          type: "string",
          enum: ["content", "files_with_matches", "count"],
          description: 'Output mode: "content", "files_with_matches" (default) or "count"',
        },
        "-i": { type: "boolean", description: "Case insensitive search" },
        "-A": {
          type: "integer",
          minimum: 0,
          description: 'Number of lines to show after each match (output_mode "content")',
        },
        "-B": {
          type: "integer",
          minimum: 0,
          description: 'Number of lines to show before each match (output_mode "content")',
        },
        "-C": {
          type: "integer",
          minimum: 0,
          description: 'Number of lines to show before and after each match ("content")',
        },
        head_limit: {
          type: "integer",
          minimum: 1,
          description: "Limit output to the first N lines or entries (default 100)",
        },
      },
      required: ["pattern"],
    },
  },
  executor: async (args, context) => {
    const around = optionalInt(args, "-C");
    return grepReport(
      {
        pattern: stringArg(args, "pattern"),
        path: optionalString(args, "path"),
        globFilter: optionalString(args, "glob"),
        outputMode: (optionalString(args, "output_mode") as GrepOutputMode | undefined) ?? "files_with_matches",
        caseInsensitive: optionalBool(args, "-i"),
        beforeContext: optionalInt(args, "-B") ?? around,
        afterContext: optionalInt(args, "-A") ?? around,
        maxResults: optionalInt(args, "head_limit"),
      },
      context,
    );
  },
});

/** Claude Code Glob as `glob`: `pattern`, `path`. */
export const createAnthropicGlobTool = (): RegisteredTool => ({
  definition: {
    name: "glob",
    description:
      'Fast file pattern matching that works with any codebase size. Supports glob patterns like "**/*.js" or ' +
      '"src/**/*.ts". Returns matching file paths sorted by modification time, newest first.',
    parameters: {
      type: "object",
      properties: {
        pattern: { type: "string", description: "The glob pattern to match files against" },
        path: {
          type: "string",
          description: "The directory to search in. Omit it to use the current working directory.",
        },
      },
      required: ["pattern"],
    },
  },
  executor: async (args, context) => globReport(stringArg(args, "pattern"), optionalString(args, "path"), context),
});
