/**
 * The toolset of each provider profile (coding-agent-loop-spec §3.3–3.6), assembled from the tool
 * factories. Subagent tools (§7) are added by the profiles, not here.
 * @module
 */
import { createApplyPatchTool } from "./apply-patch/tool.js";
import { createEditFileTool } from "./core/edit-file.js";
import { createGlobTool } from "./core/glob.js";
import { createGrepTool } from "./core/grep.js";
import { createListDirTool } from "./core/list-dir.js";
import { createReadFileTool } from "./core/read-file.js";
import { createReadManyFilesTool } from "./core/read-many-files.js";
import { createShellTool, type ShellToolOptions } from "./core/shell.js";
import { createWriteFileTool } from "./core/write-file.js";
import {
  createAnthropicEditFileTool,
  createAnthropicGlobTool,
  createAnthropicGrepTool,
  createAnthropicReadFileTool,
  createAnthropicShellTool,
  createAnthropicWriteFileTool,
} from "./toolsets/anthropic.js";
import {
  createGeminiEditFileTool,
  createGeminiGlobTool,
  createGeminiGrepTool,
  createGeminiReadFileTool,
  createGeminiShellTool,
  createGeminiWriteFileTool,
} from "./toolsets/gemini.js";
import { createOpenAIGrepTool, createOpenAIReadFileTool, createOpenAIShellTool } from "./toolsets/openai.js";
import type { RegisteredTool } from "./types.js";

/**
 * §3.3 `read_file`, `write_file`, `edit_file`, `shell`, `grep`, `glob` with the spec's own parameter
 * names, for profiles without a reference agent.
 */
export function createCoreTools(options: ShellToolOptions = {}): RegisteredTool[] {
  return [
    createReadFileTool(),
    createWriteFileTool(),
    createEditFileTool(),
    createShellTool(options),
    createGrepTool(),
    createGlobTool(),
  ];
}

/**
 * §3.4 codex-rs-aligned: `read_file`, `apply_patch`, `write_file`, `shell` (codex `shell_command`),
 * `grep` (codex `grep_files`: matching files, newest first), `glob`.
 */
export function createOpenAITools(options: ShellToolOptions = {}): RegisteredTool[] {
  return [
    createOpenAIReadFileTool(),
    createApplyPatchTool(),
    createWriteFileTool(),
    createOpenAIShellTool(options),
    createOpenAIGrepTool(),
    createGlobTool(),
  ];
}

/**
 * §3.5 Claude Code-aligned: `read_file`, `write_file`, `edit_file` (old_string/new_string), `shell`,
 * `grep` (output modes), `glob`. The 120 s shell default comes from the profile through
 * `ToolContext.defaultCommandTimeoutMs` (or `options.defaultTimeoutMs`).
 */
export function createAnthropicTools(options: ShellToolOptions = {}): RegisteredTool[] {
  return [
    createAnthropicReadFileTool(),
    createAnthropicWriteFileTool(),
    createAnthropicEditFileTool(),
    createAnthropicShellTool(options),
    createAnthropicGrepTool(),
    createAnthropicGlobTool(),
  ];
}

/**
 * §3.6 gemini-cli-aligned: `read_file`, `read_many_files`, `write_file`, `edit_file`, `shell`, `grep`,
 * `glob`, `list_dir`. `web_search` / `web_fetch` (optional in the spec) are not included.
 */
export function createGeminiTools(options: ShellToolOptions = {}): RegisteredTool[] {
  return [
    createGeminiReadFileTool(),
    createReadManyFilesTool(),
    createGeminiWriteFileTool(),
    createGeminiEditFileTool(),
    createGeminiShellTool(options),
    createGeminiGrepTool(),
    createGeminiGlobTool(),
    createListDirTool(),
  ];
}
