/**
 * Parser of the model stylesheet (attractor-spec §8.2): `selector { property: value; ... }` rules
 * with `/* *\/` comments. Every error carries the 1-based line and column inside the stylesheet text.
 * @module
 */
import { StylesheetSyntaxError } from "../errors.js";
import {
  STYLE_PROPERTIES,
  type StyleDeclaration,
  type StyleProperty,
  type StyleSelector,
  type StylesheetRule,
} from "./types.js";

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;
/** Class names: the spec's `[a-z0-9-]+`, plus upper case and `_` because explicit `class` values may use them. */
const CLASS_CHAR = /[A-Za-z0-9_-]/;
/** Characters that end a bare value. Anything else (`gpt-5.2`, `claude-sonnet-*`, `a/b`) belongs to it. */
const VALUE_END = /[\s;{}"]/;
const PROPERTY_LIST = STYLE_PROPERTIES.join(", ");

/**
 * Parses a `model_stylesheet` value into rules, in source order.
 * @param text the stylesheet (DOT escapes already removed). Blank text gives no rules.
 * @throws StylesheetSyntaxError with the 1-based line/column inside `text`: unknown selectors,
 *   selector lists or compound selectors, unknown properties (the message lists llm_model,
 *   llm_provider, reasoning_effort), a missing ':' / ';' / value, unterminated strings and comments,
 *   and unclosed '{'.
 */
export function parseStylesheet(text: string): StylesheetRule[] {
  return new StylesheetParser(text).parse();
}

class StylesheetParser {
  private pos = 0;
  private line = 1;
  /** Offset of the first character of the current line. */
  private lineStart = 0;

  constructor(private readonly src: string) {}

  parse(): StylesheetRule[] {
    const rules: StylesheetRule[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.src.length) return rules;
      rules.push(this.rule());
    }
  }

  private rule(): StylesheetRule {
    const line = this.line;
    const column = this.column();
    const selector = this.selector();
    this.skipTrivia();
    const c = this.src[this.pos];
    if (c !== "{") {
      if (c === ",") throw this.error("selector lists are not supported: write one rule per selector");
      if (c === undefined) throw this.error("expected '{' after the selector, found end of stylesheet");
      if (c === "." || c === "#" || c === "*" || IDENTIFIER_START.test(c)) {
        throw this.error(
          "expected '{' after the selector (compound and descendant selectors are not supported: use one of *, a shape name, .class or #id)",
        );
      }
      throw this.error(`expected '{' after the selector, found '${c}'`);
    }
    const open = { line: this.line, column: this.column() };
    this.pos++;
    const declarations = this.declarations(open);
    return { selector, declarations, line, column };
  }

  private selector(): StyleSelector {
    const c = this.src[this.pos];
    if (c === "*") {
      this.pos++;
      return { type: "universal", specificity: 0 };
    }
    if (c === "#") {
      this.pos++;
      const id = this.identifier("a node id after '#'");
      return { type: "id", id, specificity: 3 };
    }
    if (c === ".") {
      this.pos++;
      const start = this.pos;
      while (this.pos < this.src.length && CLASS_CHAR.test(this.src[this.pos])) this.pos++;
      if (this.pos === start) throw this.error("expected a class name after '.'");
      return { type: "class", className: this.src.slice(start, this.pos), specificity: 2 };
    }
    if (c !== undefined && IDENTIFIER_START.test(c)) {
      return { type: "shape", shape: this.identifier("a shape name"), specificity: 1 };
    }
    throw this.error(`expected a selector (*, a shape name, .class or #id), found '${c}'`);
  }

  private declarations(open: { line: number; column: number }): StyleDeclaration[] {
    const declarations: StyleDeclaration[] = [];
    for (;;) {
      this.skipTrivia();
      const c = this.src[this.pos];
      if (c === undefined) {
        throw new StylesheetSyntaxError({ detail: "unclosed '{' (opened here)", ...open });
      }
      if (c === "}") {
        this.pos++;
        return declarations;
      }
      if (c === ";") {
        this.pos++;
        continue;
      }
      declarations.push(this.declaration());
      this.skipTrivia();
      const after = this.src[this.pos];
      if (after === ";") this.pos++;
      else if (after !== "}") {
        throw this.error(
          after === undefined
            ? "expected ';' or '}' after the value, found end of stylesheet"
            : `expected ';' or '}' after the value, found '${after}' (quote values that contain spaces)`,
        );
      }
    }
  }

  private declaration(): StyleDeclaration {
    const line = this.line;
    const column = this.column();
    const c = this.src[this.pos];
    if (!IDENTIFIER_START.test(c)) throw this.error(`expected a property (${PROPERTY_LIST}), found '${c}'`);
    const name = this.identifier("a property");
    if (!(STYLE_PROPERTIES as readonly string[]).includes(name)) {
      throw new StylesheetSyntaxError({
        detail: `unknown property '${name}': the stylesheet sets only ${PROPERTY_LIST}`,
        line,
        column,
      });
    }
    this.skipTrivia();
    if (this.src[this.pos] !== ":") throw this.error(`expected ':' after property '${name}'`);
    this.pos++;
    this.skipTrivia();
    const value = this.value(name);
    return { property: name as StyleProperty, value, line, column };
  }

  private value(property: string): string {
    const c = this.src[this.pos];
    if (c === '"') return this.string();
    const start = this.pos;
    while (this.pos < this.src.length && !VALUE_END.test(this.src[this.pos]) && !this.src.startsWith("/*", this.pos)) {
      this.pos++;
    }
    if (this.pos === start) throw this.error(`missing value for property '${property}'`);
    return this.src.slice(start, this.pos);
  }

  private string(): string {
    const line = this.line;
    const column = this.column();
    let out = "";
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === "\n") {
        throw new StylesheetSyntaxError({ detail: "unterminated string (opened here)", line, column });
      }
      this.pos++;
      if (c === '"') return out;
      if (c === "\\" && this.pos < this.src.length) {
        const n = this.src[this.pos++];
        out += n === "n" ? "\n" : n === "t" ? "\t" : n;
      } else {
        out += c;
      }
    }
  }

  private identifier(what: string): string {
    const start = this.pos;
    if (!IDENTIFIER_START.test(this.src[this.pos] ?? "")) throw this.error(`expected ${what}`);
    this.pos++;
    while (this.pos < this.src.length && IDENTIFIER_CHAR.test(this.src[this.pos])) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private skipTrivia(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === "\n") {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c !== undefined && /\s/.test(c)) {
        this.pos++;
      } else if (c === "/" && src[this.pos + 1] === "*") {
        const line = this.line;
        const column = this.column();
        const end = src.indexOf("*/", this.pos + 2);
        if (end < 0) throw new StylesheetSyntaxError({ detail: "unterminated comment (opened here)", line, column });
        for (let p = this.pos; p < end; p++) {
          if (src[p] === "\n") {
            this.line++;
            this.lineStart = p + 1;
          }
        }
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private column(): number {
    return this.pos - this.lineStart + 1;
  }

  private error(detail: string): StylesheetSyntaxError {
    return new StylesheetSyntaxError({ detail, line: this.line, column: this.column() });
  }
}
