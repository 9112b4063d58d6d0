// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings test ${...} template references
import { describe, expect, it } from "vitest";
import { Context, expandTemplate, parseDot } from "../../src/index.js";

const g = parseDot(`digraph G { goal="Ship the feature"; owner="ops" }`);
const expand = (text: string, values: Record<string, unknown> = {}) => expandTemplate(text, g, new Context(values));

describe("expandTemplate", () => {
  it("§11.6 replaces $goal and ${goal} with the graph goal", () => {
    expect(expand("Plan $goal; then ${goal}.")).toBe("Plan Ship the feature; then Ship the feature.");
  });

  it("does not touch words that merely start with $goal", () => {
    expect(expand("$goalie")).toBe("$goalie");
  });

  it("expands ${key} from the context, and ${context.key} with or without the prefix stored", () => {
    expect(expand("${name} / ${context.name} / ${context.full}", { name: "ada", "context.full": "x" })).toBe(
      "ada / ada / x",
    );
  });

  it("expands ${graph.attr} from the graph attributes", () => {
    expect(expand("owner=${graph.owner}")).toBe("owner=ops");
  });

  it("renders non-string values as JSON and numbers plainly", () => {
    expect(expand("${n} ${obj} ${flag}", { n: 3, obj: { a: [1] }, flag: false })).toBe('3 {"a":[1]} false');
  });

  it("leaves unknown references as written", () => {
    expect(expand("keep ${missing} and $other")).toBe("keep ${missing} and $other");
  });

  it("turns $${...} into a literal ${...}", () => {
    expect(expand("literal $${name}", { name: "ada" })).toBe("literal ${name}");
  });

  it("returns text without $ unchanged", () => {
    expect(expand("plain text")).toBe("plain text");
  });

  it("is simple replacement: an expanded value is not expanded again", () => {
    expect(expand("${a}", { a: "${b}", b: "deep" })).toBe("${b}");
  });
});
