// coding-agent-loop-spec §3.3–3.6, §9.2: each profile's toolset has the spec's tool names, valid
// schemas with its reference agent's parameter names, and works end to end on a real directory.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createAnthropicTools,
  createCoreTools,
  createGeminiTools,
  createOpenAITools,
} from "../../src/tools/profile-tools.js";
import { ToolRegistry } from "../../src/tools/registry.js";
import type { RegisteredTool } from "../../src/tools/types.js";
import { toolRunner } from "../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../helpers/temp-workspace.js";

const properties = (tools: RegisteredTool[], name: string): string[] => {
  const tool = tools.find((t) => t.definition.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return Object.keys((tool.definition.parameters as { properties: object }).properties).sort();
};

describe("toolset shapes", () => {
  it("registers every profile's tools without schema problems", () => {
    for (const tools of [createCoreTools(), createOpenAITools(), createAnthropicTools(), createGeminiTools()]) {
      const registry = new ToolRegistry();
      for (const tool of tools) registry.register(tool);
      expect(registry.names()).toHaveLength(tools.length);
      for (const definition of registry.definitions()) expect(definition.description.length).toBeGreaterThan(20);
    }
  });

  it("core (§3.3) uses the spec's names and parameters", () => {
    const tools = createCoreTools();
    expect(tools.map((t) => t.definition.name)).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "shell",
      "grep",
      "glob",
    ]);
    expect(properties(tools, "read_file")).toEqual(["file_path", "limit", "offset"]);
    expect(properties(tools, "edit_file")).toEqual(["file_path", "new_string", "old_string", "replace_all"]);
    expect(properties(tools, "shell")).toEqual(["command", "description", "timeout_ms"]);
    expect(properties(tools, "grep")).toEqual(["case_insensitive", "glob_filter", "max_results", "path", "pattern"]);
    expect(properties(tools, "glob")).toEqual(["path", "pattern"]);
  });

  it("OpenAI (§3.4) has apply_patch and codex-rs parameters, and no edit_file", () => {
    const tools = createOpenAITools();
    expect(tools.map((t) => t.definition.name)).toEqual([
      "read_file",
      "apply_patch",
      "write_file",
      "shell",
      "grep",
      "glob",
    ]);
    expect(properties(tools, "apply_patch")).toEqual(["patch"]);
    expect(properties(tools, "shell")).toEqual(["command", "timeout_ms", "workdir"]);
    expect(properties(tools, "grep")).toEqual(["include", "limit", "path", "pattern"]);
  });

  it("Anthropic (§3.5) has Claude Code's parameters", () => {
    const tools = createAnthropicTools();
    expect(tools.map((t) => t.definition.name)).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "shell",
      "grep",
      "glob",
    ]);
    expect(properties(tools, "edit_file")).toEqual(["file_path", "new_string", "old_string", "replace_all"]);
    expect(properties(tools, "grep")).toEqual([
      "-A",
      "-B",
      "-C",
      "-i",
      "glob",
      "head_limit",
      "output_mode",
      "path",
      "pattern",
    ]);
  });

  it("Gemini (§3.6) has gemini-cli's parameters plus read_many_files and list_dir", () => {
    const tools = createGeminiTools();
    expect(tools.map((t) => t.definition.name)).toEqual([
      "read_file",
      "read_many_files",
      "write_file",
      "edit_file",
      "shell",
      "grep",
      "glob",
      "list_dir",
    ]);
    expect(properties(tools, "read_file")).toEqual(["end_line", "file_path", "start_line"]);
    expect(properties(tools, "edit_file")).toEqual([
      "allow_multiple",
      "file_path",
      "instruction",
      "new_string",
      "old_string",
    ]);
    expect(properties(tools, "shell")).toEqual(["command", "description", "dir_path", "timeout_ms"]);
    expect(properties(tools, "grep")).toEqual([
      "case_sensitive",
      "dir_path",
      "include_pattern",
      "names_only",
      "pattern",
      "total_max_matches",
    ]);
  });
});

describe("toolsets end to end", () => {
  let ws: TempWorkspace;

  beforeEach(async () => {
    ws = await createTempWorkspace({ ripgrep: false });
    await ws.write("src/app.ts", "export const greeting = 'Hello';\nexport const count = 1;\n");
    await ws.write("src/other.ts", "// hello again\n");
  });

  afterEach(async () => {
    await ws.cleanup();
  });

  it("OpenAI: reads, patches, runs in a workdir and lists grep matches as files", async () => {
    const run = toolRunner(createOpenAITools(), ws.context);
    expect((await run("read_file", { file_path: "src/app.ts", offset: 2, limit: 1 })).output).toContain(
      "  2 | export const count = 1;",
    );
    const patched = await run("apply_patch", {
      patch:
        "*** Begin Patch\n*** Update File: src/app.ts\n@@\n-export const count = 1;\n+export const count = 2;\n*** End Patch",
    });
    expect(patched.output).toBe("Success. Updated the following files:\nM src/app.ts");
    expect((await run("shell", { command: "pwd", workdir: "src" })).output).toMatch(
      new RegExp(`^${join(ws.dir, "src")}\\n`),
    );
    expect((await run("grep", { pattern: "count", include: "*.ts" })).output).toBe("src/app.ts");
  });

  it("Anthropic: edits with old_string/new_string and greps with output modes and context", async () => {
    const run = toolRunner(createAnthropicTools(), ws.context);
    const edited = await run("edit_file", {
      file_path: join(ws.dir, "src/app.ts"),
      old_string: "'Hello'",
      new_string: "'Hi'",
    });
    expect(edited.isError).toBe(false);
    expect(await readFile(join(ws.dir, "src/app.ts"), "utf8")).toContain("'Hi'");
    expect((await run("grep", { pattern: "hello", "-i": true })).output).toBe("src/other.ts");
    expect((await run("grep", { pattern: "count", output_mode: "content", "-B": 1 })).output).toBe(
      "src/app.ts-1-export const greeting = 'Hi';\nsrc/app.ts:2:export const count = 1;",
    );
    expect((await run("grep", { pattern: "const", output_mode: "count" })).output).toBe("src/app.ts:2");
  });

  it("Anthropic: the profile's 120 s default reaches the shell through the context", async () => {
    const run = toolRunner(createAnthropicTools(), { ...ws.context, defaultCommandTimeoutMs: 150 });
    expect((await run("shell", { command: "sleep 3" })).output).toContain("timed out after 150ms");
    const explicit = toolRunner(createAnthropicTools({ defaultTimeoutMs: 120 }), ws.context);
    expect((await explicit("shell", { command: "sleep 3" })).output).toContain("timed out after 120ms");
  });

  it("Gemini: reads line ranges, searches case-insensitively by default, replaces with allow_multiple", async () => {
    const run = toolRunner(createGeminiTools(), ws.context);
    expect((await run("read_file", { file_path: "src/app.ts", start_line: 2, end_line: 2 })).output).toBe(
      "  2 | export const count = 1;",
    );
    expect((await run("grep", { pattern: "HELLO" })).output).toBe(
      "src/app.ts:1:export const greeting = 'Hello';\nsrc/other.ts:1:// hello again",
    );
    expect((await run("grep", { pattern: "HELLO", case_sensitive: true })).output).toContain("No matches found");
    const replaced = await run("edit_file", {
      file_path: "src/app.ts",
      old_string: "export",
      new_string: "export ",
      allow_multiple: true,
    });
    expect(replaced.output).toBe("Edited src/app.ts: replaced 2 occurrences");
    expect((await run("list_dir", { dir_path: "src" })).output).toContain("app.ts (");
    expect((await run("glob", { pattern: "**/*.TS" })).output.split("\n")).toHaveLength(2);
  });
});
