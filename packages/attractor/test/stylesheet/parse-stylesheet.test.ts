import { describe, expect, it } from "vitest";
import { StylesheetSyntaxError } from "../../src/index.js";
import { parseStylesheet } from "../../src/stylesheet/parse-stylesheet.js";

function syntaxError(text: string): StylesheetSyntaxError {
  try {
    parseStylesheet(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StylesheetSyntaxError);
    return error as StylesheetSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe("parseStylesheet", () => {
  it("parses the four selector kinds with specificity 0/1/2/3", () => {
    const rules = parseStylesheet(
      "* { llm_model: a; } box { llm_model: b; } .code { llm_model: c; } #review { llm_model: d; }",
    );
    expect(rules.map((r) => r.selector)).toEqual([
      { type: "universal", specificity: 0 },
      { type: "shape", shape: "box", specificity: 1 },
      { type: "class", className: "code", specificity: 2 },
      { type: "id", id: "review", specificity: 3 },
    ]);
  });

  it("parses declarations with positions, quoted or bare values, and an optional last ';'", () => {
    const [rule] = parseStylesheet(
      '\n  .fast {\n    llm_model: "gemini-3-flash-preview";\n    reasoning_effort: low\n  }',
    );
    expect(rule).toMatchObject({ line: 2, column: 3 });
    expect(rule.declarations).toEqual([
      { property: "llm_model", value: "gemini-3-flash-preview", line: 3, column: 5 },
      { property: "reasoning_effort", value: "low", line: 4, column: 5 },
    ]);
  });

  it("keeps bare values such as model globs and provider paths whole", () => {
    const [rule] = parseStylesheet("* { llm_model: gpt-[5-9]*; llm_provider: openrouter/anthropic; }");
    expect(rule.declarations.map((d) => d.value)).toEqual(["gpt-[5-9]*", "openrouter/anthropic"]);
  });

  it("skips /* */ comments anywhere between tokens, counting their lines", () => {
    const rules = parseStylesheet(
      "/* defaults */\n* { /* a */ llm_model: x; /* multi\nline */ }\n#n { llm_provider: openai; }",
    );
    expect(rules).toHaveLength(2);
    expect(rules[1]).toMatchObject({ line: 4, column: 1 });
  });

  it("accepts the spec example (§8.6) and blank stylesheets", () => {
    const rules = parseStylesheet(`
      * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
      .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
      #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
    `);
    expect(rules.map((r) => r.declarations.length)).toEqual([2, 2, 3]);
    expect(parseStylesheet("")).toEqual([]);
    expect(parseStylesheet("  /* nothing */ \n")).toEqual([]);
  });

  it("accepts empty rules and stray semicolons", () => {
    expect(parseStylesheet("* { } box { ;; llm_model: m;; }").map((r) => r.declarations.length)).toEqual([0, 1]);
  });

  it.each([
    [
      "* { model: x; }",
      1,
      5,
      "unknown property 'model': the stylesheet sets only llm_model, llm_provider, reasoning_effort",
    ],
    ["* {\n  llm_model: x;\n  temperature: 1;\n}", 3, 3, "unknown property 'temperature'"],
    ["box llm_model: x; }", 1, 5, "compound and descendant selectors are not supported"],
    ["box, .code { llm_model: x; }", 1, 4, "selector lists are not supported: write one rule per selector"],
    ["box.code { llm_model: x; }", 1, 4, "compound and descendant selectors are not supported"],
    ["* { llm_model: x;", 1, 3, "unclosed '{' (opened here)"],
    ["* { llm_model x; }", 1, 15, "expected ':' after property 'llm_model'"],
    ["* { llm_model: ; }", 1, 16, "missing value for property 'llm_model'"],
    ["* { llm_model: two words; }", 1, 20, "expected ';' or '}' after the value, found 'w'"],
    ['* { llm_model: "open; }', 1, 16, "unterminated string (opened here)"],
    ["* { llm_model: x; } /* never closed", 1, 21, "unterminated comment (opened here)"],
    ["> { llm_model: x; }", 1, 1, "expected a selector (*, a shape name, .class or #id), found '>'"],
    [". { llm_model: x; }", 1, 2, "expected a class name after '.'"],
    ["#1 { llm_model: x; }", 1, 2, "expected a node id after '#'"],
    ["*", 1, 2, "expected '{' after the selector, found end of stylesheet"],
    ["* { 42: x; }", 1, 5, "expected a property (llm_model, llm_provider, reasoning_effort), found '4'"],
  ])("rejects %j at %i:%i: %s", (text, line, column, detail) => {
    const error = syntaxError(text);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.detail).toContain(detail);
  });

  it("names the position in the message", () => {
    expect(syntaxError("* { model: x; }").message).toBe(
      "unknown property 'model': the stylesheet sets only llm_model, llm_provider, reasoning_effort at line 1, column 5 of model_stylesheet",
    );
  });
});
