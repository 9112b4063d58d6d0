// coding-agent-loop-spec §5.1–5.3: character truncation (head_tail / tail with the spec's warning
// text), line truncation, their order, per-tool defaults and SessionConfig overrides.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TOOL_LINE_LIMITS,
  DEFAULT_TOOL_OUTPUT_LIMITS,
  DEFAULT_TRUNCATION_MODES,
  truncateLines,
  truncateOutput,
  truncateToolOutput,
} from "../../src/tools/truncate.js";

describe("truncateOutput (§5.1)", () => {
  it("returns output at or under the limit unchanged", () => {
    expect(truncateOutput("abcde", 5, "head_tail")).toBe("abcde");
    expect(truncateOutput("", 0, "tail")).toBe("");
  });

  it("head_tail keeps floor(max/2) characters at each end around the exact warning", () => {
    const output = "A".repeat(10) + "M".repeat(80) + "Z".repeat(10);
    expect(truncateOutput(output, 20, "head_tail")).toBe(
      "A".repeat(10) +
        "\n\n[WARNING: Tool output was truncated. 80 characters were removed from the middle. " +
        "The full output is available in the event stream. " +
        "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n" +
        "Z".repeat(10),
    );
  });

  it("head_tail with an odd limit keeps floor(max/2) at each end and reports length - max removed", () => {
    const result = truncateOutput("0123456789", 5, "head_tail");
    expect(result.startsWith("01\n\n[WARNING: Tool output was truncated. 5 characters")).toBe(true);
    expect(result.endsWith("]\n\n89")).toBe(true);
  });

  it("tail keeps the last max characters after the exact warning", () => {
    expect(truncateOutput("0123456789", 4, "tail")).toBe(
      "[WARNING: Tool output was truncated. First 6 characters were removed. " +
        "The full output is available in the event stream.]\n\n6789",
    );
  });

  it("tail with a zero limit keeps nothing of the output", () => {
    expect(truncateOutput("abc", 0, "tail")).toBe(
      "[WARNING: Tool output was truncated. First 3 characters were removed. " +
        "The full output is available in the event stream.]\n\n",
    );
  });
});

describe("truncateLines (§5.3)", () => {
  it("returns output with at most max lines unchanged", () => {
    expect(truncateLines("a\nb\nc", 3)).toBe("a\nb\nc");
  });

  it("keeps floor(max/2) head lines and the rest from the tail", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `L${i}`).join("\n");
    expect(truncateLines(lines, 5)).toBe("L0\nL1\n[... 5 lines omitted ...]\nL7\nL8\nL9");
  });
});

describe("truncateToolOutput (§5.3)", () => {
  it("has the §5.2 default limits and modes and the §5.3 line limits", () => {
    expect(DEFAULT_TOOL_OUTPUT_LIMITS).toMatchObject({
      read_file: 50_000,
      shell: 30_000,
      grep: 20_000,
      glob: 20_000,
      edit_file: 10_000,
      apply_patch: 10_000,
      write_file: 1_000,
      spawn_agent: 20_000,
    });
    expect(DEFAULT_TRUNCATION_MODES).toMatchObject({
      read_file: "head_tail",
      shell: "head_tail",
      grep: "tail",
      glob: "tail",
      edit_file: "tail",
      apply_patch: "tail",
      write_file: "tail",
      spawn_agent: "head_tail",
    });
    expect(DEFAULT_TOOL_LINE_LIMITS).toMatchObject({ shell: 256, grep: 200, glob: 500 });
    expect(DEFAULT_TOOL_LINE_LIMITS.read_file).toBeUndefined();
    expect(DEFAULT_TOOL_LINE_LIMITS.edit_file).toBeUndefined();
  });

  it("truncates characters first: a 2-line output of 10 MB lines is cut by size, not passed as 2 lines", () => {
    const line = "x".repeat(10 * 1024 * 1024);
    const result = truncateToolOutput(`${line}\n${line}`, "shell");
    expect(result.length).toBeLessThan(31_000);
    expect(result).toContain(`${2 * line.length + 1 - 30_000} characters were removed from the middle`);
  });

  it("then truncates lines: shell output of many short lines ends with 256 lines plus the marker", () => {
    const output = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const result = truncateToolOutput(output, "shell");
    expect(output.length).toBeLessThan(30_000);
    const lines = result.split("\n");
    expect(lines).toHaveLength(257);
    expect(lines[128]).toBe("[... 744 lines omitted ...]");
    expect(lines[0]).toBe("line 0");
    expect(lines[256]).toBe("line 999");
  });

  it("applies line truncation to the character-truncated text (the warning lines count)", () => {
    const output = Array.from({ length: 5000 }, (_, i) => `entry-${String(i).padStart(5, "0")}`).join("\n");
    const result = truncateToolOutput(output, "grep");
    expect(result.startsWith("[WARNING: Tool output was truncated. First")).toBe(true);
    expect(result).toContain("lines omitted ...]");
    expect(result.endsWith("entry-04999")).toBe(true);
    expect(result.split("\n")).toHaveLength(201);
  });

  it("uses the tool's mode: grep keeps the tail, read_file head and tail", () => {
    const output = `HEAD${"-".repeat(60_000)}TAIL`;
    expect(truncateToolOutput(output, "grep").startsWith("[WARNING")).toBe(true);
    const read = truncateToolOutput(output, "read_file");
    expect(read.startsWith("HEAD")).toBe(true);
    expect(read.endsWith("TAIL")).toBe(true);
    expect(read).toContain("characters were removed from the middle");
  });

  it("leaves read_file without a line limit", () => {
    const output = Array.from({ length: 3000 }, () => "x").join("\n");
    expect(truncateToolOutput(output, "read_file")).toBe(output);
  });

  it("lets SessionConfig limits override characters and lines per tool", () => {
    const output = "y".repeat(500);
    expect(truncateToolOutput(output, "write_file", { toolOutputLimits: { write_file: 1000 } })).toBe(output);
    expect(truncateToolOutput(output, "write_file", { toolOutputLimits: { write_file: 100 } })).toContain(
      "First 400 characters were removed",
    );
    const lines = "a\nb\nc\nd\ne";
    expect(truncateToolOutput(lines, "shell", { toolLineLimits: { shell: 2 } })).toBe(
      "a\n[... 3 lines omitted ...]\ne",
    );
    expect(truncateToolOutput(lines, "read_file", { toolLineLimits: { read_file: 2 } })).toBe(
      "a\n[... 3 lines omitted ...]\ne",
    );
  });

  it("gives custom tools a 30k head_tail fallback and ignores prototype names", () => {
    const output = "z".repeat(40_000);
    expect(truncateToolOutput(output, "run_tests")).toContain("10000 characters were removed from the middle");
    expect(truncateToolOutput("short", "constructor")).toBe("short");
  });
});
