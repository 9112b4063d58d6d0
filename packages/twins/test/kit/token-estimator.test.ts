import { describe, expect, it } from "vitest";
import { estimateTokens, splitChunks, splitDeltas, truncateToTokens } from "../../src/kit/token-estimator.js";

describe("estimateTokens", () => {
  it("counts a word (with the space before it) as one token, and 0 for the empty string", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("apple")).toBe(1);
    expect(estimateTokens("a b c d e f g h i")).toBe(9);
    // 9 words and a period, as cl100k/o200k count it.
    expect(estimateTokens("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it('lands within 10% of a BPE count on English prose: "apple " x 400 is 400 tokens', () => {
    const count = estimateTokens("apple ".repeat(400));
    expect(count).toBeGreaterThanOrEqual(360);
    expect(count).toBeLessThanOrEqual(440);
    expect(count).toBe(400);
  });

  it("costs long words, digits, punctuation, contractions and line breaks as the module doc says", () => {
    expect(estimateTokens("tokenization")).toBe(2); // 12 letters: 1 + 1 per 4 letters past 8
    expect(estimateTokens("internationalization")).toBe(4);
    expect(estimateTokens("2026")).toBe(2); // 1 token per 3 digits
    expect(estimateTokens('{"')).toBe(1); // punctuation: 1 token per 2 characters
    expect(estimateTokens('":"')).toBe(2);
    expect(estimateTokens("don't")).toBe(2); // don + 't
    expect(estimateTokens("one\ntwo")).toBe(3); // a line break is a token
    expect(estimateTokens("one  two")).toBe(3); // so is a run of spaces; one space is free
    expect(estimateTokens("日本語")).toBe(3); // CJK: 1 token each
    expect(estimateTokens("café")).toBe(2); // ASCII letters as a word, plus 1 per 2 other letters
  });

  it("counts code points, not UTF-16 units", () => {
    // Each emoji is two UTF-16 units and one token.
    expect(estimateTokens("😀😀😀😀")).toBe(4);
  });

  it("is deterministic", () => {
    const text = "Deterministic estimates make usage assertions possible.";
    expect(estimateTokens(text)).toBe(estimateTokens(text));
  });
});

describe("splitDeltas / splitChunks", () => {
  it("splits into word deltas that join back to the text", () => {
    const text = "Hello  world,\nhow are you?  ";
    const deltas = splitDeltas(text);
    expect(deltas.join("")).toBe(text);
    expect(deltas[0]).toBe("Hello");
    expect(deltas[1]).toBe("  world,");
  });

  it("cuts long words and chunks arguments", () => {
    expect(splitDeltas("supercalifragilistic").join("")).toBe("supercalifragilistic");
    expect(splitDeltas("supercalifragilistic").length).toBeGreaterThan(1);
    expect(splitChunks('{"city":"Paris"}', 8)).toEqual(['{"city":', '"Paris"}']);
    expect(splitDeltas("")).toEqual([]);
  });
});

describe("truncateToTokens", () => {
  it("keeps the longest start within the limit", () => {
    const text = "one two three four five six seven eight";
    const cut = truncateToTokens(text, 3);
    expect(cut).toBe("one two three"); // one token per word
    expect(estimateTokens(cut)).toBe(3);
    expect(truncateToTokens(text, 100)).toBe(text);
  });
});
