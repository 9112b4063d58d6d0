// coding-agent-loop-spec Appendix A "Hunk Matching" fuzz levels, shared with edit_file (§3.3).
import { describe, expect, it } from "vitest";
import { findAllSequences, normalizePunctuation, seekSequence } from "../../src/tools/fuzzy-match.js";

describe("fuzzy matching", () => {
  it("normalizes typographic punctuation and odd spaces to ASCII", () => {
    expect(normalizePunctuation("“a” ‘b’ c—d e…\u00a0f\u200bg")).toBe("\"a\" 'b' c-d e... fg");
  });

  it("loosens level by level: exact, trailing whitespace, whitespace, unicode", () => {
    const lines = ["  foo(a,  b)  ", "bar() \t", "“q”"];
    expect(seekSequence(lines, ["bar()"], 0)).toEqual({ index: 1, level: "trailing_whitespace" });
    expect(seekSequence(lines, ["foo(a, b)"], 0)).toEqual({ index: 0, level: "whitespace" });
    expect(seekSequence(lines, ['"q"'], 0)).toEqual({ index: 2, level: "unicode" });
    expect(seekSequence(lines, ["foo(a,b)"], 0)).toBeUndefined();
  });

  it("searches from the start index and tries the end first for end-of-file hunks", () => {
    expect(seekSequence(["x", "y", "x"], ["x"], 1)).toEqual({ index: 2, level: "exact" });
    expect(seekSequence(["x", "y", "x"], ["x"], 0, true)).toEqual({ index: 2, level: "exact" });
  });

  it("finds all non-overlapping occurrences at the strictest level that has any", () => {
    expect(findAllSequences(["a", "a", "a"], ["a", "a"])).toEqual({ indices: [0], level: "exact" });
    expect(findAllSequences([" a", "a ", "b"], ["a"])).toEqual({ indices: [1], level: "trailing_whitespace" });
    expect(findAllSequences(["a"], [])).toBeUndefined();
  });
});
