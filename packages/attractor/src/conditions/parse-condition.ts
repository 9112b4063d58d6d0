/**
 * Parser of the condition expression language (attractor-spec §10.2): clauses joined by `&&`,
 * each `key = literal`, `key != literal` or a bare key. Anything outside that grammar is an
 * error that names what is wrong and where.
 * @module
 */
import { ConditionSyntaxError } from "../errors.js";
import type { ComparisonSpelling, ConditionClause, ConditionExpr } from "./types.js";

type TokenKind = "word" | "string" | "op" | "eof";

interface Token {
  kind: TokenKind;
  /** Raw text for words and operators, the unescaped value for strings. */
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

const IDENTIFIER_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const WORD_CHAR = /[A-Za-z0-9_.:-]/;
/** Longest first, so `!=` wins over `!` and `&&` over `&`. */
const OPERATORS = ["&&", "||", "==", "!=", ">=", "<=", "=", ">", "<", "!", "&", "|"] as const;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };
const NOT_IN_GRAMMAR = "is not in the condition grammar of attractor-spec §10 (only '=', '!=' and '&&')";

/**
 * Parses a condition expression.
 * @param text the condition as written in the edge's `condition` attribute (DOT escapes already removed).
 *   Empty or blank text gives an expression with no clauses, which is always true.
 * @returns the clauses in source order; `==` is kept as `spelling: "=="` so lint can warn about it.
 * @throws ConditionSyntaxError with the 1-based column of the problem: empty clauses (`a=1 &&`),
 *   a missing key or value, `||`/`or`, `>`/`<`/`>=`/`<=`, `contains`, `matches`, `!`/`not` negation,
 *   unterminated quotes, unknown escapes, and keys that are not `outcome`, `preferred_label`,
 *   `context.<path>` or an identifier path.
 */
export function parseCondition(text: string): ConditionExpr {
  return new ConditionParser(text).parse();
}

class ConditionParser {
  private pos = 0;
  private peeked: Token | undefined;

  constructor(private readonly src: string) {}

  parse(): ConditionExpr {
    const clauses: ConditionClause[] = [];
    if (this.peek().kind === "eof") return { source: this.src, clauses };
    for (;;) {
      clauses.push(this.clause());
      const tok = this.next();
      if (tok.kind === "eof") return { source: this.src, clauses };
      if (isOp(tok, "&&")) {
        const after = this.peek();
        if (after.kind === "eof") throw this.error(tok.column, "'&&' is not followed by a clause");
        if (isOp(after, "&&")) throw this.error(after.column, "empty clause between two '&&'");
        continue;
      }
      throw this.unexpectedAfterClause(tok);
    }
  }

  private clause(): ConditionClause {
    const tok = this.next();
    if (isOp(tok, "&&")) throw this.error(tok.column, "'&&' has no clause before it");
    if (tok.kind === "string") {
      throw this.error(tok.column, "keys are not quoted: write outcome, preferred_label or context.<path> bare");
    }
    if (tok.kind === "op") throw this.misplacedOperator(tok, "at the start of a clause");
    if (tok.kind === "eof") throw this.error(tok.column, "empty condition clause");
    const key = tok.text;
    const op = this.peek();
    if (tok.text.toLowerCase() === "not" && op.kind === "word") {
      throw this.error(tok.column, `negation 'not' ${NOT_IN_GRAMMAR}: use '!=' or a separate edge`);
    }
    this.checkKey(tok);
    if (op.kind === "eof" || isOp(op, "&&")) return { type: "truthy", key, column: tok.column };
    if (isOp(op, "=") || isOp(op, "==") || isOp(op, "!=")) {
      this.next();
      const literal = this.next();
      if (literal.kind === "word" || literal.kind === "string") {
        const spelling = op.text as ComparisonSpelling;
        return {
          type: "comparison",
          key,
          operator: spelling === "!=" ? "!=" : "=",
          spelling,
          literal: literal.text,
          quoted: literal.kind === "string",
          column: tok.column,
          literalColumn: literal.column,
        };
      }
      if (literal.kind === "eof" || isOp(literal, "&&")) {
        throw this.error(literal.column, `missing value after '${op.text}': write "" to compare with the empty string`);
      }
      throw this.misplacedOperator(literal, `after '${op.text}' (expected a value)`);
    }
    if (op.kind === "op") throw this.misplacedOperator(op, `after key '${key}'`);
    if (op.kind === "word") throw this.unexpectedWord(op, `after key '${key}' (expected '=', '!=' or '&&')`);
    throw this.error(op.column, `unexpected quoted text after key '${key}': expected '=', '!=' or '&&'`);
  }

  /** A token where `&&` or the end of the condition should follow a clause. */
  private unexpectedAfterClause(tok: Token): ConditionSyntaxError {
    if (tok.kind === "op") return this.misplacedOperator(tok, "after a complete clause");
    if (tok.kind === "word") {
      return this.unexpectedWord(tok, "after a complete clause (expected '&&'; quote values that contain spaces)");
    }
    return this.error(tok.column, "unexpected quoted text after a complete clause: expected '&&'");
  }

  private unexpectedWord(tok: Token, where: string): ConditionSyntaxError {
    const word = tok.text.toLowerCase();
    if (word === "or") return this.error(tok.column, "disjunction is not supported: use separate edges");
    if (word === "and") return this.error(tok.column, "write '&&' instead of 'and'");
    if (word === "contains" || word === "matches" || word === "in" || word === "like") {
      return this.error(tok.column, `operator '${tok.text}' ${NOT_IN_GRAMMAR}`);
    }
    return this.error(tok.column, `unexpected '${tok.text}' ${where}`);
  }

  private misplacedOperator(tok: Token, where: string): ConditionSyntaxError {
    switch (tok.text) {
      case "||":
      case "|":
        return this.error(tok.column, "disjunction is not supported: use separate edges");
      case ">":
      case "<":
      case ">=":
      case "<=":
        return this.error(tok.column, `comparison '${tok.text}' ${NOT_IN_GRAMMAR}`);
      case "!":
        return this.error(tok.column, `negation '!' ${NOT_IN_GRAMMAR}: use '!=' or a separate edge`);
      case "&":
        return this.error(tok.column, "single '&' is not an operator: write '&&'");
      case "=":
      case "==":
      case "!=":
        return where === "at the start of a clause"
          ? this.error(tok.column, `missing key before '${tok.text}'`)
          : this.error(tok.column, `unexpected '${tok.text}' ${where}`);
      default:
        return this.error(tok.column, `unexpected '${tok.text}' ${where}`);
    }
  }

  private checkKey(tok: Token): void {
    const key = tok.text;
    if (key.startsWith("context.") && !IDENTIFIER_PATH.test(key.slice("context.".length))) {
      throw this.error(
        tok.column,
        key === "context."
          ? "'context.' must be followed by a path, e.g. context.tests_passed"
          : `'${key}' is not a valid key: the path after 'context.' is identifiers separated by '.'`,
      );
    }
    if (!IDENTIFIER_PATH.test(key)) {
      throw this.error(
        tok.column,
        `'${key}' is not a valid key: use outcome, preferred_label, context.<path> or an identifier path (letters, digits and '_', separated by '.')`,
      );
    }
  }

  private peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    return tok;
  }

  private lex(): Token {
    const src = this.src;
    while (this.pos < src.length && /\s/.test(src[this.pos])) this.pos++;
    const start = this.pos;
    const column = start + 1;
    if (start >= src.length) return { kind: "eof", text: "", column };
    const c = src[start];
    if (c === '"') return this.string(start);
    for (const op of OPERATORS) {
      if (src.startsWith(op, start)) {
        this.pos += op.length;
        return { kind: "op", text: op, column };
      }
    }
    if (WORD_CHAR.test(c)) {
      let p = start + 1;
      while (p < src.length && WORD_CHAR.test(src[p])) p++;
      this.pos = p;
      return { kind: "word", text: src.slice(start, p), column };
    }
    const ch = String.fromCodePoint(src.codePointAt(start) ?? 0);
    throw this.error(column, `unexpected character '${ch}': quote literals that contain it`);
  }

  private string(start: number): Token {
    const src = this.src;
    let out = "";
    let p = start + 1;
    for (;;) {
      if (p >= src.length) throw this.error(start + 1, "unterminated quoted literal (opened here)");
      const c = src[p];
      if (c === '"') break;
      if (c === "\\") {
        const escaped = ESCAPES[src[p + 1]];
        if (escaped === undefined) {
          if (p + 1 >= src.length) throw this.error(start + 1, "unterminated quoted literal (opened here)");
          throw this.error(p + 1, `unknown escape '\\${src[p + 1]}': use \\", \\\\, \\n or \\t`);
        }
        out += escaped;
        p += 2;
        continue;
      }
      out += c;
      p++;
    }
    this.pos = p + 1;
    return { kind: "string", text: out, column: start + 1 };
  }

  private error(column: number, detail: string): ConditionSyntaxError {
    return new ConditionSyntaxError({ detail, expression: this.src, column });
  }
}

function isOp(tok: Token, text: string): boolean {
  return tok.kind === "op" && tok.text === text;
}
