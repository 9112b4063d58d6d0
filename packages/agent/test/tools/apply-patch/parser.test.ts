// coding-agent-loop-spec Appendix A grammar: parsing v4a patches into operations, and precise errors
// with the patch line number and what was expected.
import { describe, expect, it } from "vitest";
import { PatchParseError, parsePatch } from "../../../src/tools/apply-patch/parser.js";

const patch = (...lines: string[]): string => `${lines.join("\n")}\n`;

function parseError(text: string): PatchParseError {
  try {
    parsePatch(text);
  } catch (error) {
    if (error instanceof PatchParseError) return error;
    throw error;
  }
  throw new Error("expected a parse error");
}

describe("parsePatch", () => {
  it("parses add, delete and update-with-move operations", () => {
    const ops = parsePatch(
      patch(
        "*** Begin Patch",
        "*** Add File: src/helpers.py",
        "+def greet(name):",
        '+    return f"Hello, {name}!"',
        "*** Delete File: src/old.py",
        "*** Update File: old_name.py",
        "*** Move to: new_name.py",
        "@@ import os",
        " import sys",
        "-import old_dep",
        "+import new_dep",
        "*** End Patch",
      ),
    );
    expect(ops).toEqual([
      { type: "add", path: "src/helpers.py", content: 'def greet(name):\n    return f"Hello, {name}!"\n', line: 2 },
      { type: "delete", path: "src/old.py", line: 5 },
      {
        type: "update",
        path: "old_name.py",
        moveTo: "new_name.py",
        line: 6,
        hunks: [
          {
            contextHint: "import os",
            lines: [
              { kind: " ", text: "import sys" },
              { kind: "-", text: "import old_dep" },
              { kind: "+", text: "import new_dep" },
            ],
            oldLines: ["import sys", "import old_dep"],
            newLines: ["import sys", "import new_dep"],
            isEndOfFile: false,
            line: 8,
          },
        ],
      },
    ]);
  });

  it("parses multiple hunks, End of File markers, a first hunk without @@ and CRLF patches", () => {
    const ops = parsePatch(
      [
        "*** Begin Patch",
        "*** Update File: src/config.py",
        "-DEFAULT_TIMEOUT = 30",
        "+DEFAULT_TIMEOUT = 60",
        "@@ def load_config():",
        "     config = {}",
        '-    config["debug"] = False',
        '+    config["debug"] = True',
        "@@",
        "+# end",
        "*** End of File",
        "*** End Patch",
      ].join("\r\n"),
    );
    const update = ops[0];
    if (update.type !== "update") throw new Error("expected an update");
    expect(update.hunks.map((h) => [h.contextHint, h.oldLines, h.newLines, h.isEndOfFile, h.line])).toEqual([
      [undefined, ["DEFAULT_TIMEOUT = 30"], ["DEFAULT_TIMEOUT = 60"], false, 3],
      [
        "def load_config():",
        ["    config = {}", '    config["debug"] = False'],
        ["    config = {}", '    config["debug"] = True'],
        false,
        5,
      ],
      [undefined, [], ["# end"], true, 9],
    ]);
  });

  it("treats blank lines inside a hunk as empty context, but not trailing ones; ignores unified ranges", () => {
    const ops = parsePatch(
      patch("*** Begin Patch", "*** Update File: a", "@@ -1,3 +1,3 @@", " a", "", "-b", "+c", "", "", "*** End Patch"),
    );
    if (ops[0].type !== "update") throw new Error("expected an update");
    expect(ops[0].hunks[0].contextHint).toBeUndefined();
    expect(ops[0].hunks[0].oldLines).toEqual(["a", "", "b"]);
    expect(ops[0].hunks[0].newLines).toEqual(["a", "", "c"]);
  });

  it("accepts an empty Add File and a pure rename", () => {
    const ops = parsePatch(
      patch(
        "*** Begin Patch",
        "*** Add File: empty.txt",
        "*** Update File: a.txt",
        "*** Move to: b.txt",
        "*** End Patch",
      ),
    );
    expect(ops).toEqual([
      { type: "add", path: "empty.txt", content: "", line: 2 },
      { type: "update", path: "a.txt", moveTo: "b.txt", hunks: [], line: 3 },
    ]);
  });

  it("reports a missing Begin Patch at its line", () => {
    const error = parseError(patch("", "*** Update File: a", "*** End Patch"));
    expect(error.line).toBe(2);
    expect(error.message).toBe(
      'apply_patch: invalid patch at line 2: expected "*** Begin Patch", found "*** Update File: a"',
    );
  });

  it("reports a missing End Patch at the last line", () => {
    const error = parseError(patch("*** Begin Patch", "*** Delete File: a", "*** Delete File: b"));
    expect(error.line).toBe(3);
    expect(error.message).toContain('expected the patch to end with "*** End Patch"');
  });

  it("reports an Add File line without +", () => {
    const error = parseError(patch("*** Begin Patch", "*** Add File: x.txt", "+ok", "missing plus", "*** End Patch"));
    expect(error.line).toBe(4);
    expect(error.message).toContain(
      'expected a line starting with "+" in the Add File block for x.txt, found "missing plus"',
    );
  });

  it("reports a bad hunk line, an unknown header, empty paths and hunks", () => {
    expect(parseError(patch("*** Begin Patch", "*** Update File: a.py", "@@", "*bad", "*** End Patch")).line).toBe(4);
    const header = parseError(patch("*** Begin Patch", "*** Rename File: a", "*** End Patch"));
    expect(header.line).toBe(2);
    expect(header.message).toContain('expected "*** Add File: <path>"');
    expect(parseError(patch("*** Begin Patch", "*** Delete File: ", "*** End Patch")).message).toContain(
      'expected a file path after "*** Delete File:"',
    );
    const noHunks = parseError(patch("*** Begin Patch", "*** Update File: a.py", "*** End Patch"));
    expect(noHunks.line).toBe(3);
    expect(noHunks.message).toContain('expected at least one hunk ("@@") in the Update File block for a.py');
    const emptyHunk = parseError(
      patch("*** Begin Patch", "*** Update File: a.py", "@@ x", "@@ y", " z", "*** End Patch"),
    );
    expect(emptyHunk.line).toBe(4);
    expect(emptyHunk.message).toContain("expected diff lines");
  });

  it("reports an empty patch and one without operations", () => {
    expect(parseError("").message).toContain("the patch is empty");
    expect(parseError(patch("*** Begin Patch", "*** End Patch")).message).toContain("no file operations");
  });
});
