// coding-agent-loop-spec §3.3 grep and glob, §3.6 list_dir and read_many_files, through
// ToolRegistry.execute on a real temp directory (native grep so the output is machine-independent).
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGlobTool } from "../../../src/tools/core/glob.js";
import { createGrepTool } from "../../../src/tools/core/grep.js";
import { createListDirTool } from "../../../src/tools/core/list-dir.js";
import { createReadManyFilesTool } from "../../../src/tools/core/read-many-files.js";
import { toolRunner } from "../../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../../helpers/temp-workspace.js";

let ws: TempWorkspace;
let run: ReturnType<typeof toolRunner>;

beforeEach(async () => {
  ws = await createTempWorkspace({ ripgrep: false });
  run = toolRunner([createGrepTool(), createGlobTool(), createListDirTool(), createReadManyFilesTool()], ws.context);
  await ws.write("src/main.py", "import os\n\ndef main():\n    print('Hello')\n");
  await ws.write("src/util.py", "def helper():\n    return 'hello'\n");
  await ws.write("docs/guide.md", "# Guide\n");
});

afterEach(async () => {
  await ws.cleanup();
});

describe("grep tool", () => {
  it("returns matching lines with paths and line numbers", async () => {
    const result = await run("grep", { pattern: "def \\w+", glob_filter: "*.py" });
    expect(result).toMatchObject({ output: "src/main.py:3:def main():\nsrc/util.py:1:def helper():", isError: false });
  });

  it("supports case_insensitive, path and max_results (with a note when the limit is hit)", async () => {
    const result = await run("grep", { pattern: "hello", path: "src", case_insensitive: true, max_results: 1 });
    expect(result.output).toBe(
      "src/main.py:4:    print('Hello')\n[Results limited to 1. Narrow the pattern or path, or raise the limit, to see more.]",
    );
  });

  it("says when nothing matched, and errors on a bad regex", async () => {
    expect((await run("grep", { pattern: "zzz" })).output).toBe(
      'No matches found for pattern "zzz" in the working directory.',
    );
    const bad = await run("grep", { pattern: "(" });
    expect(bad.isError).toBe(true);
    expect(bad.output).toContain("Invalid regex pattern");
  });
});

describe("glob tool", () => {
  it("lists absolute paths newest first", async () => {
    const old = new Date("2021-01-01T00:00:00Z");
    await utimes(join(ws.dir, "src/main.py"), old, old);
    const result = await run("glob", { pattern: "**/*.py" });
    expect(result.output).toBe(`${join(ws.dir, "src/util.py")}\n${join(ws.dir, "src/main.py")}`);
    expect((await run("glob", { pattern: "*.rs", path: "src" })).output).toBe('No files found matching "*.rs" in src.');
  });
});

describe("list_dir tool", () => {
  it("lists entries with sizes to a depth, honouring ignore globs", async () => {
    const result = await run("list_dir", { dir_path: ".", depth: 2, ignore: ["*.md"] });
    expect(result.output).toBe("Directory listing for .:\ndocs/\nsrc/\nsrc/main.py (42 bytes)\nsrc/util.py (33 bytes)");
    expect((await run("list_dir", { dir_path: "nope" })).output).toBe("Error: Directory not found: nope");
  });
});

describe("read_many_files tool", () => {
  it("concatenates matching files with separators, directories meaning all files below", async () => {
    const result = await run("read_many_files", { include: ["src/*.py", "docs/"], exclude: ["**/util.py"] });
    expect(result.output).toBe(
      `--- ${join(ws.dir, "docs/guide.md")} ---\n# Guide\n\n` +
        `--- ${join(ws.dir, "src/main.py")} ---\nimport os\n\ndef main():\n    print('Hello')\n\n` +
        "--- End of content ---",
    );
  });

  it("fails when nothing matches and rejects an empty include list", async () => {
    expect((await run("read_many_files", { include: ["*.rs"] })).output).toBe('Error: No files matched ["*.rs"].');
    expect((await run("read_many_files", { include: [] })).output).toContain("must NOT have fewer than 1 items");
  });
});
