// coding-agent-loop-spec §3.3 read_file (line numbers, offset/limit, errors) and write_file
// (creates parents, reports bytes), through ToolRegistry.execute on a real temp directory.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createReadFileTool } from "../../../src/tools/core/read-file.js";
import { createWriteFileTool } from "../../../src/tools/core/write-file.js";
import { toolRunner } from "../../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../../helpers/temp-workspace.js";

let ws: TempWorkspace;
let run: ReturnType<typeof toolRunner>;

beforeEach(async () => {
  ws = await createTempWorkspace();
  run = toolRunner([createReadFileTool(), createWriteFileTool()], ws.context);
});

afterEach(async () => {
  await ws.cleanup();
});

describe("read_file", () => {
  it("returns line-numbered content in the NNN | content format", async () => {
    await ws.write("a.py", "def f():\n    return 1\n");
    const result = await run("read_file", { file_path: join(ws.dir, "a.py") });
    expect(result).toMatchObject({ output: "  1 | def f():\n  2 |     return 1", isError: false });
  });

  it("respects offset and limit and says how to continue", async () => {
    await ws.write("long.txt", `${Array.from({ length: 1200 }, (_, i) => `line ${i + 1}`).join("\n")}\n`);
    const result = await run("read_file", { file_path: "long.txt", offset: 998, limit: 3 });
    expect(result.output).toBe(
      " 998 | line 998\n 999 | line 999\n1000 | line 1000\n" +
        "[The file has more lines. To read more, call read_file again with offset=1001.]",
    );
    const tail = await run("read_file", { file_path: "long.txt", offset: 1199 });
    expect(tail.output).toBe("1199 | line 1199\n1200 | line 1200");
  });

  it("reads 2000 lines by default", async () => {
    await ws.write("big.txt", Array.from({ length: 2500 }, (_, i) => `${i + 1}`).join("\n"));
    const result = await run("read_file", { file_path: "big.txt" });
    const lines = result.fullOutput.split("\n");
    expect(lines[1999]).toBe("2000 | 2000");
    expect(lines[2000]).toContain("offset=2001");
  });

  it("reports empty files and offsets past the end", async () => {
    await ws.write("empty.txt", "");
    await ws.write("short.txt", "one\n");
    expect((await run("read_file", { file_path: "empty.txt" })).output).toBe("(empty.txt is empty)");
    expect((await run("read_file", { file_path: "short.txt", offset: 5 })).output).toBe(
      "(short.txt has fewer than 5 lines)",
    );
  });

  it("returns error results for missing, binary and outside files and bad arguments", async () => {
    await ws.write("bin.dat", "\u0000\u0001");
    expect(await run("read_file", { file_path: "missing.txt" })).toMatchObject({
      output: "Error: File not found: missing.txt",
      isError: true,
    });
    expect((await run("read_file", { file_path: "bin.dat" })).output).toContain("binary file");
    expect((await run("read_file", { file_path: "/etc/hostname" })).output).toContain("outside the working directory");
    expect((await run("read_file", { file_path: "x", offset: 0 })).output).toContain("/offset: must be >= 1");
  });
});

describe("write_file", () => {
  it("creates files with parent directories and reports bytes", async () => {
    const result = await run("write_file", { file_path: "new/dir/f.txt", content: "héllo\n" });
    expect(result).toMatchObject({ output: "Created new/dir/f.txt (7 bytes)", isError: false });
    expect(await readFile(join(ws.dir, "new/dir/f.txt"), "utf8")).toBe("héllo\n");
    const again = await run("write_file", { file_path: "new/dir/f.txt", content: "" });
    expect(again.output).toBe("Overwrote new/dir/f.txt (0 bytes)");
  });

  it("returns an error result outside the working directory", async () => {
    const result = await run("write_file", { file_path: "../escape.txt", content: "x" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("is outside the working directory");
  });
});
