import { describe, expect, it } from "vitest";
import { base64Floats, embedText } from "../../src/kit/embedding.js";

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const length = (v: readonly number[]) => Math.sqrt(cosine(v, v));

describe("embedText", () => {
  it("is a deterministic unit vector of the asked size, per model", () => {
    const a = embedText("The weather in Paris", "m", 256);
    expect(a).toHaveLength(256);
    expect(length(a)).toBeCloseTo(1, 5);
    expect(embedText("The weather in Paris", "m", 256)).toEqual(a);
    expect(embedText("The weather in Paris", "other", 256)).not.toEqual(a);
  });

  it("puts texts that share words closer together than unrelated ones", () => {
    const query = embedText("weather in Paris", "m", 1536);
    const related = embedText("Paris weather report: sunny", "m", 1536);
    const unrelated = embedText("banana bread recipe", "m", 1536);
    expect(cosine(query, related)).toBeGreaterThan(0.4);
    expect(Math.abs(cosine(query, unrelated))).toBeLessThan(0.2);
    // Case and punctuation do not matter; word order does not either (a bag of words).
    expect(embedText("Paris, weather IN", "m", 64)).toEqual(embedText("weather in paris", "m", 64));
  });

  it("never gives a zero vector: a text without words is hashed whole", () => {
    for (const text of ["", "?!", "🙂"]) expect(length(embedText(text, "m", 8))).toBeCloseTo(1, 5);
    expect(embedText("?!", "m", 8)).not.toEqual(embedText("🙂", "m", 8));
  });
});

describe("base64Floats", () => {
  it("encodes little-endian float32s", () => {
    const bytes = Buffer.from(base64Floats([1, -0.5]), "base64");
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([1, -0.5]);
  });
});
