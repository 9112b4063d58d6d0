import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/validation/edit-distance.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions", () => {
    expect(editDistance("prompt", "prompt")).toBe(0);
    expect(editDistance("promt", "prompt")).toBe(1);
    expect(editDistance("promtp", "prompt")).toBe(1);
    expect(editDistance("timeout", "timeouts")).toBe(1);
    expect(editDistance("shape", "sharp")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("closestName", () => {
  it("suggests the nearest candidate within two edits, ignoring case", () => {
    expect(closestName("max_retires", ["max_retries", "retry_target"])).toBe("max_retries");
    expect(closestName("Shape", ["shape"])).toBe("shape");
  });

  it("needs closer matches for short names and returns undefined when nothing is close", () => {
    expect(closestName("lane", ["label"])).toBeUndefined();
    expect(closestName("shpe", ["shape"])).toBe("shape");
    expect(closestName("max_agent_turns", ["max_retries", "prompt"])).toBeUndefined();
  });
});
