import { describe, expect, it } from "vitest";
import { answerForOption, findMatchingOption, parseYesNo } from "../../src/interviewer/option-matching.js";

const options = [
  { key: "A", label: "[A] Approve" },
  { key: "R", label: "R) Request changes" },
  { key: "F", label: "Fix later" },
];

describe("findMatchingOption (attractor-spec §6.4 find_matching_option)", () => {
  it("matches the key, case-insensitive", () => {
    expect(findMatchingOption("r", options)).toBe(options[1]);
    expect(findMatchingOption(" A ", options)).toBe(options[0]);
  });

  it("matches the normalized label, with or without its accelerator prefix", () => {
    expect(findMatchingOption("request changes", options)).toBe(options[1]);
    expect(findMatchingOption("[A] APPROVE", options)).toBe(options[0]);
    expect(findMatchingOption("fix later", options)).toBe(options[2]);
  });

  it("matches a 1-based number", () => {
    expect(findMatchingOption("3", options)).toBe(options[2]);
  });

  it("prefers a key over a position when keys are digits", () => {
    const numbered = [
      { key: "2", label: "Two" },
      { key: "1", label: "One" },
    ];
    expect(findMatchingOption("1", numbered)).toBe(numbered[1]);
  });

  it("does not pick by a key that several options share, but still by label or number", () => {
    const clash = [
      { key: "R", label: "Retry" },
      { key: "R", label: "Reject" },
    ];
    expect(findMatchingOption("r", clash)).toBeUndefined();
    expect(findMatchingOption("reject", clash)).toBe(clash[1]);
    expect(findMatchingOption("1", clash)).toBe(clash[0]);
  });

  it("returns undefined for empty, unknown or out-of-range responses", () => {
    expect(findMatchingOption("", options)).toBeUndefined();
    expect(findMatchingOption("   ", options)).toBeUndefined();
    expect(findMatchingOption("maybe", options)).toBeUndefined();
    expect(findMatchingOption("0", options)).toBeUndefined();
    expect(findMatchingOption("4", options)).toBeUndefined();
  });
});

describe("parseYesNo", () => {
  it.each([
    ["y", "yes"],
    ["YES", "yes"],
    [" n ", "no"],
    ["No", "no"],
  ])("reads %j as %j", (response, value) => {
    expect(parseYesNo(response)).toBe(value);
  });

  it.each(["", "maybe", "yep", "1"])("rejects %j", (response) => {
    expect(parseYesNo(response)).toBeUndefined();
  });
});

describe("answerForOption", () => {
  it("answers with the key and the full option", () => {
    expect(answerForOption(options[0]!)).toEqual({ value: "A", selectedOption: options[0] });
  });
});
