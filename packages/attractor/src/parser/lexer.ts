/**
 * DOT lexer for the Attractor subset (attractor-spec §2.2-2.3): comments are skipped, strings
 * are unescaped, and every token carries its 1-based line and column.
 * @module
 */
import { DotSyntaxError } from "../errors.js";
import type { SourceLocation } from "../model/graph.js";

/** Token kinds. `word` covers identifiers, qualified keys, numbers, durations and bare values. */
export type TokenKind = "word" | "string" | "{" | "}" | "[" | "]" | "=" | "," | ";" | "->" | "--" | "+" | ":" | "eof";

/** One lexical token. `text` is the unescaped value for strings and the raw text otherwise. */
export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
}

enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  LBrace = 123,
  RBrace = 125,
  Star = 42,
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Ch.Underscore || c === Ch.Dot;
}

/** Pull lexer over a DOT source. Throws {@link DotSyntaxError} on characters outside the subset. */
export class Lexer {
  private pos = 0;
  private line = 1;
  /** Offset of the newline before the current line (-1 on the first line), so column = offset - lineStart. */
  private lineStart = -1;
  private readonly src: string;
  private readonly file: string | undefined;

  constructor(source: string, file?: string) {
    // A byte-order mark is not part of the graph.
    this.src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    this.file = file;
  }

  /** The next token; `eof` forever once the input is exhausted. */
  next(): Token {
    this.skipTrivia();
    const src = this.src;
    const start = this.pos;
    const line = this.line;
    const column = start - this.lineStart;
    if (start >= src.length) return { kind: "eof", text: "", line, column };
    const c = src.charCodeAt(start);
    switch (c) {
      case Ch.LBrace:
      case Ch.RBrace:
      case Ch.LBracket:
      case Ch.RBracket:
      case Ch.Eq:
      case Ch.Comma:
      case Ch.Semi:
      case Ch.Plus:
      case Ch.Colon:
        this.pos++;
        return { kind: src[start] as TokenKind, text: src[start], line, column };
      case Ch.Quote:
        return this.string(line, column);
      case Ch.Lt:
        throw this.error(
          { line, column },
          "HTML-like labels (<...>) are not supported; use a quoted string",
          "a value",
          "'<'",
        );
      case Ch.Minus: {
        const n = src.charCodeAt(start + 1);
        if (n === Ch.Gt) {
          this.pos += 2;
          return { kind: "->", text: "->", line, column };
        }
        if (n === Ch.Minus) {
          this.pos += 2;
          return { kind: "--", text: "--", line, column };
        }
        break;
      }
    }
    if (isWordChar(c) || c === Ch.Minus) {
      let p = start + 1;
      for (;;) {
        const d = src.charCodeAt(p);
        if (isWordChar(d) || d === Ch.Colon) p++;
        else if (d === Ch.Minus && src.charCodeAt(p + 1) !== Ch.Gt && src.charCodeAt(p + 1) !== Ch.Minus) p++;
        else break;
      }
      this.pos = p;
      return { kind: "word", text: src.slice(start, p), line, column };
    }
    const ch = String.fromCodePoint(src.codePointAt(start) ?? c);
    throw this.error(
      { line, column },
      `unexpected character '${ch}'${c > 127 ? " (identifiers are ASCII; quote the value)" : ""}`,
      undefined,
      `'${ch}'`,
    );
  }

  private skipTrivia(): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === Ch.LF) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos - 1;
      } else if (c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === 0x0c || c === 0x0b) {
        this.pos++;
      } else if (c === Ch.Slash && src.charCodeAt(this.pos + 1) === Ch.Slash) {
        while (this.pos < src.length && src.charCodeAt(this.pos) !== Ch.LF) this.pos++;
      } else if (c === Ch.Slash && src.charCodeAt(this.pos + 1) === Ch.Star) {
        const open = { line: this.line, column: this.pos - this.lineStart };
        this.pos += 2;
        for (;;) {
          if (this.pos >= src.length)
            throw this.error(open, "unterminated block comment (opened here)", "'*/'", "end of file");
          const d = src.charCodeAt(this.pos);
          if (d === Ch.Star && src.charCodeAt(this.pos + 1) === Ch.Slash) {
            this.pos += 2;
            break;
          }
          this.pos++;
          if (d === Ch.LF) {
            this.line++;
            this.lineStart = this.pos - 1;
          }
        }
      } else if (c === Ch.Hash && this.atLineStart()) {
        // Graphviz treats '#' lines as preprocessor output and ignores them.
        while (this.pos < src.length && src.charCodeAt(this.pos) !== Ch.LF) this.pos++;
      } else {
        return;
      }
    }
  }

  private atLineStart(): boolean {
    for (let p = this.pos - 1; p >= 0; p--) {
      const c = this.src.charCodeAt(p);
      if (c === Ch.LF) return true;
      if (c !== Ch.Space && c !== Ch.Tab && c !== Ch.CR) return false;
    }
    return true;
  }

  private string(line: number, column: number): Token {
    const src = this.src;
    let p = this.pos + 1;
    let out = "";
    let chunk = p;
    for (;;) {
      if (p >= src.length) {
        throw this.error({ line, column }, "unterminated string (opened here)", "'\"'", "end of file");
      }
      const c = src.charCodeAt(p);
      if (c === Ch.Quote) break;
      if (c === Ch.LF) {
        this.line++;
        this.lineStart = p;
        p++;
        continue;
      }
      if (c === Ch.Backslash) {
        out += src.slice(chunk, p);
        const n = src[p + 1];
        switch (n) {
          case '"':
            out += '"';
            break;
          case "\\":
            out += "\\";
            break;
          case "n":
            out += "\n";
            break;
          case "t":
            out += "\t";
            break;
          case "\n":
            // Line continuation (Graphviz): backslash-newline is removed.
            this.line++;
            this.lineStart = p + 1;
            break;
          case "\r":
            if (src[p + 2] === "\n") {
              p++;
              this.line++;
              this.lineStart = p + 1;
            }
            break;
          case undefined:
            throw this.error({ line, column }, "unterminated string (opened here)", "'\"'", "end of file");
          default:
            // Graphviz escapes such as \l, \N keep their backslash.
            out += `\\${n}`;
        }
        p += 2;
        chunk = p;
        continue;
      }
      p++;
    }
    out += src.slice(chunk, p);
    this.pos = p + 1;
    return { kind: "string", text: out, line, column };
  }

  /** Builds a syntax error located in this lexer's file. */
  error(location: SourceLocation, detail: string, expected?: string, found?: string): DotSyntaxError {
    return new DotSyntaxError({ detail, location, file: this.file, expected, found });
  }
}
