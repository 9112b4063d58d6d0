// coding-agent-loop-spec §3.4 apply_patch and Appendix A operations on a real temp directory:
// add / delete / update / move, multi-file patches, and all-or-nothing application (a failing hunk
// in the second file, or a failing write, leaves every file as it was).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExecutionEnvironment } from "../../../src/env/types.js";
import { applyPatch, createApplyPatchTool } from "../../../src/tools/apply-patch/tool.js";
import { toolRunner } from "../../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../../helpers/temp-workspace.js";

let ws: TempWorkspace;
let run: ReturnType<typeof toolRunner>;
const read = (name: string) => readFile(join(ws.dir, name), "utf8");
const patch = (...lines: string[]): string => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n");

beforeEach(async () => {
  ws = await createTempWorkspace();
  run = toolRunner([createApplyPatchTool()], ws.context);
  await ws.write("src/main.py", 'def main():\n    print("Hello")\n    return 0\n');
  await ws.write("src/old_module.py", "OLD = True\n");
  await ws.write("old_name.py", "import os\nimport sys\nimport old_dep\n");
});

afterEach(async () => {
  await ws.cleanup();
});

describe("apply_patch", () => {
  it("adds, deletes, updates and moves files in one patch and lists what it did", async () => {
    const result = await run("apply_patch", {
      patch: patch(
        "*** Add File: src/utils/helpers.py",
        "+def greet(name):",
        '+    return f"Hello, {name}!"',
        "*** Delete File: src/old_module.py",
        "*** Update File: src/main.py",
        "@@ def main():",
        '     print("Hello")',
        "-    return 0",
        '+    print("World")',
        "+    return 1",
        "*** Update File: old_name.py",
        "*** Move to: new_name.py",
        "@@ import os",
        " import sys",
        "-import old_dep",
        "+import new_dep",
      ),
    });
    expect(result).toMatchObject({
      isError: false,
      output:
        "Success. Updated the following files:\nA src/utils/helpers.py\nD src/old_module.py\nM src/main.py\n" +
        "M new_name.py (moved from old_name.py)",
    });
    expect(await read("src/utils/helpers.py")).toBe('def greet(name):\n    return f"Hello, {name}!"\n');
    expect(await read("src/main.py")).toBe('def main():\n    print("Hello")\n    print("World")\n    return 1\n');
    expect(await read("new_name.py")).toBe("import os\nimport sys\nimport new_dep\n");
    expect((await readdir(ws.dir)).sort()).toEqual(["new_name.py", "src"]);
    expect((await readdir(join(ws.dir, "src"))).sort()).toEqual(["main.py", "utils"]);
  });

  it("notes hunks that matched only with fuzz", async () => {
    await ws.write("tabs.py", "x = 1  \ny = 2\n");
    const result = await run("apply_patch", {
      patch: patch("*** Update File: tabs.py", "@@", " x = 1", "-y = 2", "+y = 3"),
    });
    expect(result.output).toContain(
      "M tabs.py\nNote: some hunks matched only approximately:\n  tabs.py hunk 1: matched ignoring trailing whitespace",
    );
    expect(await read("tabs.py")).toBe("x = 1  \ny = 3\n");
  });

  it("changes nothing when a hunk in the second file fails", async () => {
    const result = await run("apply_patch", {
      patch: patch(
        "*** Update File: src/main.py",
        "@@",
        "-    return 0",
        "+    return 42",
        "*** Add File: created.txt",
        "+new",
        "*** Update File: old_name.py",
        "@@",
        "-import not_there",
        "+import x",
      ),
    });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("hunk 1 (patch line 9) does not match old_name.py");
    expect(result.output).toContain("No files were changed.");
    expect(await read("src/main.py")).toBe('def main():\n    print("Hello")\n    return 0\n');
    expect(await read("old_name.py")).toBe("import os\nimport sys\nimport old_dep\n");
    expect(await ws.env.fileExists("created.txt")).toBe(false);
  });

  it("rolls back earlier files when a later write fails", async () => {
    await ws.write("blocker", "a file, not a directory\n");
    const result = await run("apply_patch", {
      patch: patch(
        "*** Update File: src/main.py",
        "@@",
        "-    return 0",
        "+    return 42",
        "*** Add File: blocker/child.txt",
        "+x",
      ),
    });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("failed while writing blocker/child.txt");
    expect(result.output).toContain("The 1 file(s) already changed were restored; no files were changed.");
    expect(await read("src/main.py")).toBe('def main():\n    print("Hello")\n    return 0\n');
  });

  it("restores deleted and created files on rollback, and reports what it could not restore", async () => {
    let writes = 0;
    const flaky: ExecutionEnvironment = {
      ...bind(ws.env),
      async writeFile(path, content) {
        writes++;
        if (writes === 2) throw new Error("disk full");
        return ws.env.writeFile(path, content);
      },
    };
    await expect(
      applyPatch(
        flaky,
        patch("*** Delete File: src/old_module.py", "*** Add File: a.txt", "+a", "*** Add File: b.txt", "+b"),
      ),
    ).rejects.toThrow(
      "apply_patch: failed while writing b.txt: disk full. The 2 file(s) already changed were restored",
    );
    expect(await read("src/old_module.py")).toBe("OLD = True\n");
    expect(await ws.env.fileExists("a.txt")).toBe(false);

    let failing = false;
    const broken: ExecutionEnvironment = {
      ...bind(ws.env),
      async writeFile(path, content) {
        failing ||= path === "b.txt";
        if (failing) throw new Error("io error");
        return ws.env.writeFile(path, content);
      },
    };
    await expect(
      applyPatch(
        broken,
        patch(
          "*** Update File: src/main.py",
          "@@",
          "-    return 0",
          "+    return 1",
          "*** Add File: a.txt",
          "+a",
          "*** Add File: b.txt",
          "+b",
        ),
      ),
    ).rejects.toThrow(/Restoring these files failed, so they may be left modified: src\/main\.py \(io error\)/);
  });

  it("refuses to update or delete a missing file, before changing anything", async () => {
    const result = await run("apply_patch", {
      patch: patch("*** Add File: first.txt", "+1", "*** Delete File: ghost.py"),
    });
    expect(result.output).toBe(
      "Error: apply_patch: cannot delete ghost.py (patch line 4): the file does not exist. No files were changed.",
    );
    expect(await ws.env.fileExists("first.txt")).toBe(false);
  });

  it("returns grammar errors with the patch line", async () => {
    const result = await run("apply_patch", {
      patch: "*** Begin Patch\n*** Update File: src/main.py\n@@\n-    return 0\n",
    });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('invalid patch at line 4: expected the patch to end with "*** End Patch"');
  });

  it("refuses paths outside the working directory", async () => {
    const result = await run("apply_patch", { patch: patch("*** Add File: ../escape.txt", "+x") });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("outside the working directory");
  });

  it("applies a second edit to a file touched earlier in the same patch", async () => {
    const result = await run("apply_patch", {
      patch: patch("*** Add File: n.txt", "+one", "*** Update File: n.txt", "@@", "-one", "+two"),
    });
    expect(result.isError).toBe(false);
    expect(await read("n.txt")).toBe("two\n");
  });
});

/** The environment's methods bound to it, so a test can override some. */
function bind(env: ExecutionEnvironment): ExecutionEnvironment {
  return {
    readFile: env.readFile.bind(env),
    writeFile: env.writeFile.bind(env),
    deleteFile: env.deleteFile?.bind(env),
    fileExists: env.fileExists.bind(env),
    listDirectory: env.listDirectory.bind(env),
    execCommand: env.execCommand.bind(env),
    grep: env.grep.bind(env),
    glob: env.glob.bind(env),
    initialize: env.initialize.bind(env),
    cleanup: env.cleanup.bind(env),
    workingDirectory: env.workingDirectory.bind(env),
    platform: env.platform.bind(env),
    osVersion: env.osVersion.bind(env),
  };
}
