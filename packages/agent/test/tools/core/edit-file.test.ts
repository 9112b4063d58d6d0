// coding-agent-loop-spec §3.3 edit_file and Appendix B EditConflict: exact unique replacement,
// replace_all, clear errors naming the file (not found / ambiguous), fuzzy fallback, no half-writes.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEditFileTool, replaceInContent } from "../../../src/tools/core/edit-file.js";
import { toolRunner } from "../../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../../helpers/temp-workspace.js";

let ws: TempWorkspace;
let run: ReturnType<typeof toolRunner>;
const read = (name: string) => readFile(join(ws.dir, name), "utf8");

beforeEach(async () => {
  ws = await createTempWorkspace();
  run = toolRunner([createEditFileTool()], ws.context);
  await ws.write("app.js", "const a = 1;\nconst b = 2;\nconst a2 = 1;\n");
});

afterEach(async () => {
  await ws.cleanup();
});

describe("edit_file", () => {
  it("replaces a unique exact match", async () => {
    const result = await run("edit_file", {
      file_path: "app.js",
      old_string: "const b = 2;",
      new_string: "const b = 3;",
    });
    expect(result).toMatchObject({ output: "Edited app.js: replaced 1 occurrence", isError: false });
    expect(await read("app.js")).toBe("const a = 1;\nconst b = 3;\nconst a2 = 1;\n");
  });

  it("refuses an ambiguous match without replace_all, naming the file and count, and leaves it untouched", async () => {
    const result = await run("edit_file", { file_path: "app.js", old_string: "= 1;", new_string: "= 9;" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("old_string matches 2 locations in app.js");
    expect(result.output).toContain("replace_all");
    expect(await read("app.js")).toBe("const a = 1;\nconst b = 2;\nconst a2 = 1;\n");
  });

  it("replaces every occurrence with replace_all", async () => {
    const result = await run("edit_file", {
      file_path: "app.js",
      old_string: "= 1;",
      new_string: "= 9;",
      replace_all: true,
    });
    expect(result.output).toBe("Edited app.js: replaced 2 occurrences");
    expect(await read("app.js")).toBe("const a = 9;\nconst b = 2;\nconst a2 = 9;\n");
  });

  it("reports old_string not found, naming the file", async () => {
    const result = await run("edit_file", { file_path: "app.js", old_string: "const c", new_string: "x" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("old_string not found in app.js");
  });

  it("reports a missing file, identical strings, and creates a file from an empty old_string", async () => {
    expect((await run("edit_file", { file_path: "nope.js", old_string: "a", new_string: "b" })).output).toBe(
      "Error: File not found: nope.js",
    );
    expect((await run("edit_file", { file_path: "app.js", old_string: "a", new_string: "a" })).output).toContain(
      "identical",
    );
    expect((await run("edit_file", { file_path: "fresh.js", old_string: "", new_string: "x\n" })).output).toBe(
      "Created fresh.js (2 bytes)",
    );
    expect((await run("edit_file", { file_path: "app.js", old_string: "", new_string: "x" })).isError).toBe(true);
  });

  it("treats $ in new_string literally", async () => {
    await run("edit_file", { file_path: "app.js", old_string: "const b = 2;", new_string: "const b = '$&$1$$';" });
    expect(await read("app.js")).toContain("const b = '$&$1$$';");
  });

  it("falls back to whole-line whitespace-insensitive matching and says so", async () => {
    await ws.write("py.py", "def f():\n    if x:\n        return 1\n");
    const result = await run("edit_file", {
      file_path: "py.py",
      old_string: "  if x:\n      return 1",
      new_string: "    if y:\n        return 2",
    });
    expect(result.output).toBe("Edited py.py: replaced 1 occurrence (matched ignoring whitespace differences)");
    expect(await read("py.py")).toBe("def f():\n    if y:\n        return 2\n");
  });

  it("keeps CRLF line endings when old_string uses \\n", async () => {
    await ws.write("win.txt", "one\r\ntwo\r\nthree\r\n");
    const result = await run("edit_file", { file_path: "win.txt", old_string: "one\ntwo", new_string: "uno\ndos" });
    expect(result.output).toContain("CRLF");
    expect(await read("win.txt")).toBe("uno\r\ndos\r\nthree\r\n");
  });
});

describe("replaceInContent", () => {
  it("matches Unicode punctuation look-alikes as a last resort", () => {
    const result = replaceInContent("say(“hi”) — ok\n", 'say("hi") - ok', "say('bye')", false, "f");
    expect(result).toEqual({ content: "say('bye')\n", count: 1, level: "unicode" });
  });

  it("reports an ambiguous fuzzy match", () => {
    expect(() => replaceInContent("  a\n b\n  a\n b\n", "a\nb", "c", false, "f.txt")).toThrow(
      "old_string matches 2 locations in f.txt",
    );
  });
});
