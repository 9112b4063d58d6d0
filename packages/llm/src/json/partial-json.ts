/**
 * Incremental JSON parsing (unified-llm-spec §4.6): the value a JSON text prefix describes so
 * far, for showing structured output while it streams.
 * @module
 */

/**
 * The outcome of {@link parsePartialJson}:
 * - `complete`: the text is one whole JSON value (same result as `JSON.parse`);
 * - `partial`: the text is a prefix of JSON; `value` is what it holds so far;
 * - `empty`: nothing but whitespace yet;
 * - `invalid`: the text can never become JSON; `error` says where.
 */
export type PartialJsonResult =
  | { state: "complete"; value: unknown }
  | { state: "partial"; value: unknown }
  | { state: "empty" }
  | { state: "invalid"; error: string };

/** Thrown inside the parser when the text ends; carries what the unfinished value holds so far. */
class EndOfText {
  constructor(
    readonly value: unknown,
    readonly hasValue: boolean,
  ) {}
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const LITERALS: [string, unknown][] = [
  ["true", true],
  ["false", false],
  ["null", null],
];
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_PREFIX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
/** Texts that a number can still grow from. */
const NUMBER_START = /^-?(?:(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d*)?)?$/;

function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  // Like JSON.parse: "__proto__" becomes an own property, never the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos] as string)) this.pos++;
  }

  fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.pos}`);
  }

  value(): unknown {
    this.skipWhitespace();
    if (this.atEnd()) throw new EndOfText(undefined, false);
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    return this.literal();
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    let first = true;
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) throw new EndOfText(result, true);
      if (this.text[this.pos] === "}" && first) {
        this.pos++;
        return result;
      }
      if (this.text[this.pos] !== '"') this.fail("expected a property name");
      let key: string;
      try {
        key = this.string();
      } catch (error) {
        if (error instanceof EndOfText) throw new EndOfText(result, true);
        throw error;
      }
      this.skipWhitespace();
      if (this.atEnd()) throw new EndOfText(result, true);
      if (this.text[this.pos] !== ":") this.fail("expected ':'");
      this.pos++;
      try {
        setProperty(result, key, this.value());
      } catch (error) {
        if (!(error instanceof EndOfText)) throw error;
        if (error.hasValue) setProperty(result, key, error.value);
        throw new EndOfText(result, true);
      }
      this.skipWhitespace();
      if (this.atEnd()) throw new EndOfText(result, true);
      const c = this.text[this.pos++];
      if (c === "}") return result;
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
      first = false;
    }
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    let first = true;
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) throw new EndOfText(result, true);
      if (this.text[this.pos] === "]" && first) {
        this.pos++;
        return result;
      }
      try {
        result.push(this.value());
      } catch (error) {
        if (!(error instanceof EndOfText)) throw error;
        if (error.hasValue) result.push(error.value);
        throw new EndOfText(result, true);
      }
      this.skipWhitespace();
      if (this.atEnd()) throw new EndOfText(result, true);
      const c = this.text[this.pos++];
      if (c === "]") return result;
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
      first = false;
    }
  }

  private string(): string {
    let out = "";
    this.pos++;
    for (;;) {
      if (this.atEnd()) throw new EndOfText(dropLoneHighSurrogate(out), true);
      const c = this.text[this.pos] as string;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c < " ") this.fail("control character in string");
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      if (e === undefined) throw new EndOfText(dropLoneHighSurrogate(out), true);
      if (e === "u") {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]*$/.test(hex)) this.fail("invalid \\u escape");
        if (hex.length < 4) throw new EndOfText(dropLoneHighSurrogate(out), true);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      const escaped = ESCAPES[e];
      if (escaped === undefined) this.fail("invalid escape");
      out += escaped;
      this.pos += 2;
    }
  }

  private number(): number {
    const start = this.pos;
    while (this.pos < this.text.length && /[-+0-9.eE]/.test(this.text[this.pos] as string)) this.pos++;
    const token = this.text.slice(start, this.pos);
    if (this.atEnd() && NUMBER_START.test(token)) {
      // The number may go on: report its longest prefix that is a number ("-" alone is none).
      const prefix = NUMBER_PREFIX.exec(token)?.[0];
      throw prefix === undefined ? new EndOfText(undefined, false) : new EndOfText(Number(prefix), true);
    }
    if (!NUMBER.test(token)) {
      this.pos = start;
      this.fail("invalid number");
    }
    return Number(token);
  }

  private literal(): unknown {
    const rest = this.text.slice(this.pos, this.pos + 5);
    for (const [word, value] of LITERALS) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return value;
      }
      if (this.pos + rest.length >= this.text.length && rest.length < word.length && word.startsWith(rest)) {
        this.pos = this.text.length;
        throw new EndOfText(value, true);
      }
    }
    return this.fail("unexpected character");
  }
}

function dropLoneHighSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/**
 * Parses a JSON text that may be cut off anywhere. Unfinished containers hold the members read
 * so far; an unfinished string holds its characters so far; an unfinished number its longest
 * numeric prefix (`"-"` alone yields nothing); an unfinished literal (`tr`) its value. A property
 * whose name or value has not begun is left out. Never throws.
 * @example parsePartialJson('{"items": [1, 2, {"na') // { state: "partial", value: { items: [1, 2, {}] } }
 */
export function parsePartialJson(text: string): PartialJsonResult {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.atEnd()) return { state: "empty" };
  try {
    const value = parser.value();
    parser.skipWhitespace();
    if (!parser.atEnd()) parser.fail("unexpected text after the JSON value");
    return { state: "complete", value };
  } catch (error) {
    if (error instanceof EndOfText) {
      // A bare number at the end ("12") is already a whole JSON text.
      const whole = error.hasValue && typeof error.value === "number" && NUMBER.test(text.trim());
      if (whole) return { state: "complete", value: error.value };
      return error.hasValue ? { state: "partial", value: error.value } : { state: "empty" };
    }
    return { state: "invalid", error: (error as Error).message };
  }
}
