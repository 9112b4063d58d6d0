/**
 * The OpenAI profile's tools, aligned with codex-rs (coding-agent-loop-spec §3.4): `read_file`,
 * `apply_patch`, `write_file`, `shell` (codex `shell_command`), `grep` (codex `grep_files`) and
 * `glob`. Parameter names and descriptions follow codex-rs's tool specs; the spec's names win where
 * it gives them (`shell`, `grep`, `patch`, `timeout_ms`).
 * @module
 */
import { optionalInt, optionalString, stringArg } from "../args.js";
import { DEFAULT_GREP_MAX_RESULTS, grepReport } from "../core/grep.js";
import { readFileNumbered } from "../core/read-file.js";
import { runShell, type ShellToolOptions, shellRequestFrom } from "../core/shell.js";
import type { RegisteredTool } from "../types.js";

/** codex-rs `read_file` (slice mode): `file_path`, `offset`, `limit`. */
export function createOpenAIReadFileTool(): RegisteredTool {
  return {
    definition: {
      name: "read_file",
      description: "Reads a local file with 1-indexed line numbers.",
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "Absolute path to the file" },
          offset: { type: "number", description: "The line number to start reading from. Must be 1 or greater." },
          limit: { type: "number", description: "The maximum number of lines to return." },
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

/** codex-rs `shell_command` as `shell`: `command` (a script string), `workdir`, `timeout_ms`. */
export function createOpenAIShellTool(options: ShellToolOptions = {}): RegisteredTool {
  return {
    definition: {
      name: "shell",
      description:
        "Runs a shell command and returns its output.\n" +
        "- Always set the `workdir` param when using the shell function. Do not use `cd` unless absolutely necessary.",
      parameters: {
        type: "object",
        properties: {
          command: { type: "string", description: "The shell script to execute in the user's default shell" },
          workdir: { type: "string", description: "The working directory to execute the command in" },
          timeout_ms: { type: "number", description: "The timeout for the command in milliseconds" },
        },
        required: ["command"],
      },
    },
    executor: async (args, context) =>
      runShell(
        shellRequestFrom(args, { command: "command", timeoutMs: "timeout_ms", workingDir: "workdir" }),
        context,
        options,
      ),
  };
}

/** codex-rs `grep_files` as `grep`: `pattern`, `include`, `path`, `limit`; lists files newest first. */
export function createOpenAIGrepTool(): RegisteredTool {
  return {
    definition: {
      name: "grep",
      description: "Finds files whose contents match the pattern and lists them by modification time.",
      parameters: {
        type: "object",
        properties: {
          pattern: { type: "string", description: "Regular expression pattern to search for." },
          include: {
            type: "string",
            description: 'Optional glob that limits which files are searched (e.g. "*.rs" or "*.{ts,tsx}").',
          },
          path: {
            type: "string",
            description: "Directory or file path to search. Defaults to the session's working directory.",
          },
          limit: {
            type: "number",
            description: `Maximum number of file paths to return (defaults to ${DEFAULT_GREP_MAX_RESULTS}).`,
          },
        },
        required: ["pattern"],
      },
    },
    executor: async (args, context) =>
      grepReport(
        {
          pattern: stringArg(args, "pattern"),
          path: optionalString(args, "path"),
          globFilter: optionalString(args, "include"),
          maxResults: optionalInt(args, "limit"),
          outputMode: "files_with_matches",
        },
        context,
      ),
  };
}
