// The "write it, test it, fix it" conversation of the end-to-end tests, scripted for each provider
// profile with that profile's own tools: the agent creates a module with a bug and its test, runs
// `node --test`, reads the failure, fixes the module and runs the test again. Each rule only
// matches when the previous tool really produced what a model would react to (the failing count,
// the buggy line, the passing count), so a script that runs to its end proves the files and the
// test runs were real.
import type { AgentProvider } from "../../src/agent/providers.js";
import type { ScriptRule } from "./twins.js";

/** The instruction given to the agent. */
export const FIX_INSTRUCTION = "Write a sum module with a node:test test, run the tests and make them pass.";

/** The module as first written: it subtracts. */
export const SUM_BUGGY = "export function sum(a, b) {\n  return a - b;\n}\n";

/** The module after the fix. */
export const SUM_FIXED = "export function sum(a, b) {\n  return a + b;\n}\n";

/** The test the agent writes. */
export const SUM_TEST = [
  'import assert from "node:assert/strict";',
  'import { test } from "node:test";',
  'import { sum } from "./sum.js";',
  "",
  'test("sum adds", () => {',
  "  assert.equal(sum(2, 3), 5);",
  "});",
  "",
].join("\n");

/** The package.json the agent writes (ES modules). */
export const PACKAGE_JSON = '{ "name": "sum", "type": "module" }\n';

/** The agent's last words. */
export const FIX_ANSWER = "Fixed: sum now adds, and node --test passes.";

/** A v4a patch (coding-agent-loop-spec Appendix A) adding `files`. */
export function addFilesPatch(files: Record<string, string>): string {
  const added = Object.entries(files).flatMap(([name, content]) => [
    `*** Add File: ${name}`,
    ...content
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `+${line}`),
  ]);
  return ["*** Begin Patch", ...added, "*** End Patch", ""].join("\n");
}

const FIX_PATCH = [
  "*** Begin Patch",
  "*** Update File: sum.js",
  "@@",
  " export function sum(a, b) {",
  "-  return a - b;",
  "+  return a + b;",
  " }",
  "*** End Patch",
  "",
].join("\n");

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });
const writeAll = () => [
  call("write_file", { file_path: "package.json", content: PACKAGE_JSON }),
  call("write_file", { file_path: "sum.js", content: SUM_BUGGY }),
  call("write_file", { file_path: "sum.test.js", content: SUM_TEST }),
];

/** Each profile's tools for the four steps: create, run the tests, read the failure, fix. */
const STEPS: Record<
  AgentProvider,
  {
    create: ScriptRule["reply"];
    createdBy: string;
    test: Record<string, unknown>;
    read: ScriptRule["reply"];
    readBy: string;
    fix: ScriptRule["reply"];
    fixedBy: string;
  }
> = {
  // codex-style: apply_patch (v4a) for every change, read_file with a line slice.
  openai: {
    create: {
      text: "I'll add the module and its test.",
      toolCalls: [
        call("apply_patch", {
          patch: addFilesPatch({ "package.json": PACKAGE_JSON, "sum.js": SUM_BUGGY, "sum.test.js": SUM_TEST }),
        }),
      ],
    },
    createdBy: "apply_patch",
    test: { command: "node --test --test-reporter=tap" },
    read: { toolCalls: [call("read_file", { file_path: "sum.js", offset: 1, limit: 20 })] },
    readBy: "read_file",
    fix: { toolCalls: [call("apply_patch", { patch: FIX_PATCH })] },
    fixedBy: "apply_patch",
  },
  // Claude Code-style: write_file, then edit_file with an exact, unique old_string.
  anthropic: {
    create: { text: "I'll add the module and its test.", toolCalls: writeAll() },
    createdBy: "write_file",
    test: { command: "node --test --test-reporter=tap", description: "Run the tests" },
    read: { toolCalls: [call("read_file", { file_path: "sum.js" })] },
    readBy: "read_file",
    fix: {
      toolCalls: [call("edit_file", { file_path: "sum.js", old_string: "return a - b;", new_string: "return a + b;" })],
    },
    fixedBy: "edit_file",
  },
  // gemini-cli-style: write_file, read_many_files, edit_file (`replace`) with an instruction.
  gemini: {
    create: { text: "I'll add the module and its test.", toolCalls: writeAll() },
    createdBy: "write_file",
    test: { command: "node --test --test-reporter=tap", description: "Run the tests" },
    read: { toolCalls: [call("read_many_files", { include: ["sum.js", "sum.test.js"] })] },
    readBy: "read_many_files",
    fix: {
      toolCalls: [
        call("edit_file", {
          file_path: "sum.js",
          instruction: "sum must add its arguments",
          old_string: "  return a - b;",
          new_string: "  return a + b;",
        }),
      ],
    },
    fixedBy: "edit_file",
  },
};

/** The ordered script of the scenario for `provider`'s profile. */
export function fixScenario(provider: AgentProvider): ScriptRule[] {
  const s = STEPS[provider];
  return [
    { name: "create", match: { userText: "sum module" }, reply: s.create },
    { name: "run the tests", match: { toolResult: s.createdBy }, reply: { toolCalls: [call("shell", s.test)] } },
    { name: "read the failure", match: { toolResult: "shell", toolResultContains: "# fail 1" }, reply: s.read },
    {
      name: "fix",
      match: { toolResult: s.readBy, toolResultContains: "return a - b;" },
      reply: { text: "sum subtracts; it must add.", ...s.fix },
    },
    { name: "run again", match: { toolResult: s.fixedBy }, reply: { toolCalls: [call("shell", s.test)] } },
    { name: "done", match: { toolResult: "shell", toolResultContains: "# fail 0" }, reply: { text: FIX_ANSWER } },
  ];
}
