/**
 * CQL lexer: text → tokens, each with its line, column and offset.
 * @module
 */
import { CqlError, type CqlPosition } from "../errors.js";

/** A token kind. */
export type TokenKind =
  | "and"
  | "or"
  | "not"
  | "in"
  | "lparen"
  | "rparen"
  | "comma"
  | "op"
  | "string"
  | "number"
  | "ident"
  | "eof";

/** A token; `text` is the operator spelling, the identifier, or the decoded string/number text. */
export interface Token {
  kind: TokenKind;
  text: string;
  position: CqlPosition;
}

const OPERATORS = ["^~=", "!=", "^=", "~=", ">=", "<=", "=", ">", "<"];

/**
 * Splits `input` into tokens, ending with one `eof` token.
 * @throws CqlError (syntax_error) for an unterminated string or an unexpected character.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let column = 1;
  const here = (): CqlPosition => ({ line, column, offset: i });
  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (input[i] === "\n") {
        line++;
        column = 1;
      } else {
        column++;
      }
      i++;
    }
  };
  const syntax = (message: string, position: CqlPosition): CqlError =>
    new CqlError({
      message: `${message} at line ${position.line}, column ${position.column}`,
      errorType: "syntax_error",
      position,
    });

  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      advance(1);
      continue;
    }
    const start = here();
    if (ch === '"' || ch === "'") {
      advance(1);
      let value = "";
      for (;;) {
        if (i >= input.length) throw syntax("Unterminated string", start);
        const c = input[i];
        if (c === ch) {
          advance(1);
          break;
        }
        if (c === "\\") {
          if (i + 1 >= input.length) throw syntax("Unterminated escape sequence", here());
          const e = input[i + 1];
          value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
          advance(2);
          continue;
        }
        value += c;
        advance(1);
      }
      tokens.push({ kind: "string", text: value, position: start });
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(input.slice(i));
    if (number !== null && (ch !== "-" || /\d/.test(input[i + 1] ?? ""))) {
      advance(number[0].length);
      tokens.push({ kind: "number", text: number[0], position: start });
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i));
    if (ident !== null) {
      advance(ident[0].length);
      const upper = ident[0].toUpperCase();
      const kind: TokenKind =
        upper === "AND" ? "and" : upper === "OR" ? "or" : upper === "NOT" ? "not" : upper === "IN" ? "in" : "ident";
      tokens.push({ kind, text: ident[0], position: start });
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      advance(1);
      tokens.push({ kind: ch === "(" ? "lparen" : ch === ")" ? "rparen" : "comma", text: ch, position: start });
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op !== undefined) {
      advance(op.length);
      tokens.push({ kind: "op", text: op, position: start });
      continue;
    }
    if (ch === "!") throw syntax("Expected '=' after '!'", start);
    if (ch === "^") throw syntax("Expected '=' or '~=' after '^'", start);
    if (ch === "~") throw syntax("Expected '=' after '~'", start);
    throw syntax(`Unexpected character '${ch}'`, start);
  }
  tokens.push({ kind: "eof", text: "", position: here() });
  return tokens;
}
