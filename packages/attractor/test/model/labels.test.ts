import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLabel, parseAcceleratorKey, stripAcceleratorPrefix } from "../../src/model/labels.js";

describe("parseAcceleratorKey (attractor-spec §4.6)", () => {
  it.each([
    ["[Y] Yes, deploy", "Y"],
    ["Y) Yes, deploy", "Y"],
    ["Y - Yes, deploy", "Y"],
    ["Yes, deploy", "Y"],
  ])("extracts the key of %j as %j (spec table)", (label, key) => {
    expect(parseAcceleratorKey(label)).toBe(key);
  });

  it("uppercases the key in every pattern", () => {
    expect(parseAcceleratorKey("[a] Approve")).toBe("A");
    expect(parseAcceleratorKey("r) Reject")).toBe("R");
    expect(parseAcceleratorKey("f - Fix")).toBe("F");
    expect(parseAcceleratorKey("approve")).toBe("A");
  });

  it("takes the bracketed key even when it differs from the first letter of the label", () => {
    expect(parseAcceleratorKey("[X] Approve")).toBe("X");
    expect(parseAcceleratorKey("2) Second")).toBe("2");
    expect(parseAcceleratorKey("[Y]Yes")).toBe("Y");
  });

  it("ignores leading whitespace", () => {
    expect(parseAcceleratorKey("   [N] No")).toBe("N");
    expect(parseAcceleratorKey("  no")).toBe("N");
  });

  it("falls back to the first character when the prefix shape is incomplete", () => {
    expect(parseAcceleratorKey("e-mail the team")).toBe("E");
    expect(parseAcceleratorKey("[AB] Two letters")).toBe("[");
    expect(parseAcceleratorKey("retry_node")).toBe("R");
  });

  it("returns an empty key for an empty or blank label", () => {
    expect(parseAcceleratorKey("")).toBe("");
    expect(parseAcceleratorKey("   ")).toBe("");
  });

  it("keeps an astral first character whole", () => {
    expect(parseAcceleratorKey("🚀 Ship")).toBe("🚀");
  });

  it("keeps a character whose uppercase form is two letters", () => {
    expect(parseAcceleratorKey("ß")).toBe("ß");
  });

  it("always returns at most one character, uppercased (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (label) => {
        const key = parseAcceleratorKey(label);
        expect(Array.from(key).length).toBeLessThanOrEqual(1);
        if (Array.from(key.toUpperCase()).length === 1) expect(key).toBe(key.toUpperCase());
        expect(key === "").toBe(label.trim() === "");
      }),
    );
  });
});

describe("normalizeLabel (attractor-spec §3.3)", () => {
  it("lowercases and trims", () => {
    expect(normalizeLabel("  Approve  ")).toBe("approve");
  });

  it.each([
    ["[Y] Yes, Deploy", "yes, deploy"],
    ["Y) Yes, Deploy", "yes, deploy"],
    ["Y - Yes, Deploy", "yes, deploy"],
    ["  [a] Approve ", "approve"],
  ])("strips the accelerator prefix of %j", (label, normalized) => {
    expect(normalizeLabel(label)).toBe(normalized);
  });

  it("makes every prefix style of one label compare equal", () => {
    const forms = ["[F] Fix", "F) Fix", "F - Fix", "fix", " FIX "];
    expect(new Set(forms.map(normalizeLabel))).toEqual(new Set(["fix"]));
  });

  it("leaves hyphenated words and parenthesised text alone", () => {
    expect(normalizeLabel("e-mail")).toBe("e-mail");
    expect(normalizeLabel("A)")).toBe("a)");
    expect(normalizeLabel("(a) first")).toBe("(a) first");
  });

  it("strips only one prefix", () => {
    expect(normalizeLabel("[A] B) Both")).toBe("b) both");
  });

  it("always yields trimmed lowercase text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (label) => {
        const once = normalizeLabel(label);
        expect(once).toBe(once.trim());
        expect(once).toBe(once.toLowerCase());
      }),
    );
  });
});

describe("stripAcceleratorPrefix", () => {
  it("removes the prefix and keeps the case", () => {
    expect(stripAcceleratorPrefix("[A] Approve")).toBe("Approve");
    expect(stripAcceleratorPrefix("R) Request Changes")).toBe("Request Changes");
    expect(stripAcceleratorPrefix("Plain Label")).toBe("Plain Label");
  });

  it("returns an empty string for a label that is only a prefix", () => {
    expect(stripAcceleratorPrefix("[Y]")).toBe("");
  });
});
