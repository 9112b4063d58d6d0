// coding-agent-loop-spec Appendix A "Hunk Matching" / "Multi-Hunk Updates": locating hunks with the
// @@ hint and increasing fuzz (exact, trailing whitespace, whitespace, Unicode punctuation).
import { describe, expect, it } from "vitest";
import { applyHunks } from "../../../src/tools/apply-patch/hunks.js";
import { parsePatch } from "../../../src/tools/apply-patch/parser.js";
import { seekSequence } from "../../../src/tools/fuzzy-match.js";

/** Applies the hunks of a one-file update patch (body lines only) to `content`. */
function apply(content: string, ...body: string[]) {
  const [op] = parsePatch(["*** Begin Patch", "*** Update File: f.py", ...body, "*** End Patch"].join("\n"));
  if (op.type !== "update") throw new Error("expected an update");
  return applyHunks(content, op.hunks, "f.py");
}

describe("applyHunks", () => {
  it("applies the spec's update example", () => {
    const result = apply(
      'def main():\n    print("Hello")\n    return 0\n',
      "@@ def main():",
      '     print("Hello")',
      "-    return 0",
      '+    print("World")',
      "+    return 1",
    );
    expect(result).toEqual({
      content: 'def main():\n    print("Hello")\n    print("World")\n    return 1\n',
      fuzzy: [],
    });
  });

  it("applies several hunks in order, using each hint to pick the right occurrence", () => {
    const file = ["def a():", "    x = 1", "    return x", "", "def b():", "    x = 1", "    return x", ""].join("\n");
    const result = apply(file, "@@ def b():", "-    x = 1", "+    x = 2", "@@", "     return x", "+    # done");
    expect(result.content).toBe(
      ["def a():", "    x = 1", "    return x", "", "def b():", "    x = 2", "    return x", "    # done", ""].join(
        "\n",
      ),
    );
  });

  it("runs the spec's multi-hunk example", () => {
    const file =
      'DEFAULT_TIMEOUT = 30\n\ndef load_config():\n    config = {}\n    config["debug"] = False\n    return config\n';
    const result = apply(
      file,
      "@@ DEFAULT_TIMEOUT = 30",
      "-DEFAULT_TIMEOUT = 30",
      "+DEFAULT_TIMEOUT = 60",
      "@@ def load_config():",
      "     config = {}",
      '-    config["debug"] = False',
      '+    config["debug"] = True',
    );
    expect(result.content).toBe(
      'DEFAULT_TIMEOUT = 60\n\ndef load_config():\n    config = {}\n    config["debug"] = True\n    return config\n',
    );
  });

  it("matches ignoring trailing whitespace and keeps the file's own context lines", () => {
    const result = apply("a = 1   \nb = 2\t\nc = 3\n", "@@", " a = 1", "-b = 2", "+b = 20", " c = 3");
    expect(result.content).toBe("a = 1   \nb = 20\nc = 3\n");
    expect(result.fuzzy).toEqual([{ hunk: 1, level: "trailing_whitespace" }]);
  });

  it("matches ignoring indentation differences, then Unicode punctuation", () => {
    expect(apply("if x:\n        y()\n", "@@", " if x:", "-    y()", "+    z()").fuzzy).toEqual([
      { hunk: 1, level: "whitespace" },
    ]);
    const unicode = apply("msg = “hi” — ok\n", "@@", '-msg = "hi" - ok', '+msg = "bye"');
    expect(unicode).toEqual({ content: 'msg = "bye"\n', fuzzy: [{ hunk: 1, level: "unicode" }] });
  });

  it("anchors End of File hunks at the end and appends pure additions", () => {
    const result = apply("x\ny\nx\n", "@@", "-x", "+z", "*** End of File");
    expect(result.content).toBe("x\ny\nz\n");
    expect(apply("a\n", "@@", "+b", "*** End of File").content).toBe("a\nb\n");
    expect(apply("a\nb\n", "@@ a", "+inserted").content).toBe("a\ninserted\nb\n");
  });

  it("keeps CRLF endings and a missing final newline", () => {
    expect(apply("a\r\nb\r\n", "@@", "-b", "+c").content).toBe("a\r\nc\r\n");
    expect(apply("a\nb", "@@", " a", "-b", "+c").content).toBe("a\nc");
  });

  it("tolerates a hint repeated as the first context line", () => {
    expect(apply("def f():\n    pass\n", "@@ def f():", " def f():", "-    pass", "+    return 1").content).toBe(
      "def f():\n    return 1\n",
    );
  });

  it("fails naming the hunk, its patch line, the file and the lines sought", () => {
    expect(() => apply("a\nb\n", "@@", " a", "-b", "+c", "@@", "-nope", "+x")).toThrow(
      "apply_patch: hunk 2 (patch line 7) does not match f.py. Expected these lines:\n  nope\n",
    );
    expect(() => apply("a\n", "@@ missing hint", "-a", "+b")).toThrow(
      'apply_patch: could not find the context line "missing hint" (from "@@") in f.py for hunk 1 at patch line 3.',
    );
  });
});

describe("seekSequence", () => {
  it("prefers the strictest level over an earlier looser match", () => {
    expect(seekSequence(["x ", "x"], ["x"], 0)).toEqual({ index: 1, level: "exact" });
    expect(seekSequence(["a", "b"], ["c"], 0)).toBeUndefined();
    expect(seekSequence(["a"], [], 0)).toEqual({ index: 0, level: "exact" });
  });
});
