/** Property tests of the stylesheet parser: print/parse round trips and located errors on any input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StylesheetSyntaxError } from "../../src/index.js";
import { parseStylesheet } from "../../src/stylesheet/parse-stylesheet.js";
import { STYLE_PROPERTIES, type StyleSelector } from "../../src/stylesheet/types.js";

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const selector: fc.Arbitrary<StyleSelector> = fc.oneof(
  fc.constant({ type: "universal", specificity: 0 } as const),
  identifier.map((shape) => ({ type: "shape", shape, specificity: 1 }) as const),
  fc.stringMatching(/^[a-z0-9-]{1,8}$/).map((className) => ({ type: "class", className, specificity: 2 }) as const),
  identifier.map((id) => ({ type: "id", id, specificity: 3 }) as const),
);
const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.:*[\]/-]{1,12}$/).filter((v) => !v.includes("/*")),
  fc.string({ maxLength: 12 }).filter((v) => !v.includes("\n")),
);
const declaration = fc.record({ property: fc.constantFrom(...STYLE_PROPERTIES), value });
const rule = fc.record({ selector, declarations: fc.array(declaration, { maxLength: 4 }) });

function printSelector(s: StyleSelector): string {
  switch (s.type) {
    case "universal":
      return "*";
    case "shape":
      return s.shape;
    case "class":
      return `.${s.className}`;
    case "id":
      return `#${s.id}`;
  }
}

function printValue(v: string): string {
  return /^[^\s;{}"]+$/.test(v) && !v.includes("/*") ? v : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

describe("stylesheet parser (fuzz)", () => {
  it("parses printed stylesheets back to the same rules", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 5 }), fc.constantFrom(" ", "\n", "\n  /* c */ "), (rules, sep) => {
        const text = rules
          .map(
            (r) =>
              `${printSelector(r.selector)}${sep}{${r.declarations.map((d) => `${sep}${d.property}:${sep}${printValue(d.value)};`).join("")}${sep}}`,
          )
          .join(sep);
        const parsed = parseStylesheet(text);
        expect(
          parsed.map((r) => ({
            selector: r.selector,
            declarations: r.declarations.map(({ property, value: v }) => ({ property, value: v })),
          })),
        ).toEqual(rules);
      }),
      { numRuns: 500 },
    );
  });

  it("throws only StylesheetSyntaxError, located inside the text, on arbitrary input", () => {
    const soup = fc
      .array(
        fc.constantFrom(
          "*",
          "box",
          ".c",
          "#n",
          "{",
          "}",
          ";",
          ":",
          "llm_model",
          "model",
          '"',
          "/*",
          "*/",
          ",",
          "\n",
          " ",
          "x y",
        ),
        {
          maxLength: 20,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), soup), (text) => {
        try {
          parseStylesheet(text);
        } catch (error) {
          expect(error).toBeInstanceOf(StylesheetSyntaxError);
          const { line, column } = error as StylesheetSyntaxError;
          const lines = text.split("\n");
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          expect(column).toBeGreaterThanOrEqual(1);
          expect(column).toBeLessThanOrEqual(lines[line - 1].length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
