/**
 * CQL parser: tokens → {@link CqlQuery}, by recursive descent over the grammar in ast.ts. Field
 * names, operators and value types are checked here, so every error carries a position.
 * @module
 */
import { CqlError, type CqlErrorType, type CqlPosition } from "../errors.js";
import {
  CQL_FIELDS,
  type CqlExpression,
  type CqlField,
  type CqlOperator,
  type CqlQuery,
  type CqlValue,
  OPERATOR_TEXT,
} from "./ast.js";
import { type Token, tokenize } from "./lexer.js";

const OPERATOR_BY_TEXT: Record<string, CqlOperator> = {
  "=": "eq",
  "!=": "neq",
  "^=": "starts",
  "~=": "eq_ci",
  "^~=": "starts_ci",
  ">": "gt",
  ">=": "gte",
  "<": "lt",
  "<=": "lte",
};

const RELATIVE_DATE = /^-(\d+)([hdm])$/;

/**
 * Parses a CQL query.
 * @throws CqlError with `errorType` syntax_error, unknown_field, invalid_operator or invalid_value
 *   and the position of the offending token.
 */
export function parseCql(input: string): CqlQuery {
  return { raw: input, ast: new Parser(tokenize(input)).parse() };
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): CqlExpression {
    if (this.peek().kind === "eof") throw this.error("syntax_error", "Empty query", this.peek().position);
    const ast = this.orExpr();
    const next = this.peek();
    if (next.kind !== "eof")
      throw this.error("syntax_error", `Unexpected ${describe(next)} after expression`, next.position);
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (token.kind !== "eof") this.pos++;
    return token;
  }

  private accept(kind: Token["kind"]): boolean {
    if (this.peek().kind !== kind) return false;
    this.pos++;
    return true;
  }

  private orExpr(): CqlExpression {
    let left = this.andExpr();
    while (this.accept("or")) left = { type: "or", left, right: this.andExpr() };
    return left;
  }

  private andExpr(): CqlExpression {
    let left = this.unary();
    while (this.accept("and")) left = { type: "and", left, right: this.unary() };
    return left;
  }

  private unary(): CqlExpression {
    if (this.accept("not")) return { type: "not", inner: this.primary() };
    return this.primary();
  }

  private primary(): CqlExpression {
    if (this.accept("lparen")) {
      const inner = this.orExpr();
      if (!this.accept("rparen")) {
        throw this.error("syntax_error", `Expected ')' but found ${describe(this.peek())}`, this.peek().position);
      }
      return inner;
    }
    return this.comparison();
  }

  private comparison(): CqlExpression {
    const fieldToken = this.next();
    if (fieldToken.kind !== "ident") {
      throw this.error("syntax_error", `Expected field name but found ${describe(fieldToken)}`, fieldToken.position);
    }
    const name = fieldToken.text.toLowerCase();
    if (!Object.hasOwn(CQL_FIELDS, name)) {
      throw this.error(
        "unknown_field",
        `Unknown field '${fieldToken.text}'. Valid fields: ${Object.keys(CQL_FIELDS).join(", ")}`,
        fieldToken.position,
        fieldToken.text,
      );
    }
    const field = name as CqlField;
    const opToken = this.next();
    let operator: CqlOperator;
    if (opToken.kind === "in") operator = "in";
    else if (opToken.kind === "op") operator = OPERATOR_BY_TEXT[opToken.text];
    else
      throw this.error(
        "syntax_error",
        `Expected operator after '${field}' but found ${describe(opToken)}`,
        opToken.position,
      );
    const allowed: readonly CqlOperator[] = CQL_FIELDS[field].operators;
    if (!allowed.includes(operator)) {
      throw this.error(
        "invalid_operator",
        `Operator ${OPERATOR_TEXT[operator]} is not supported for field '${field}' (use ${allowed.map((o) => OPERATOR_TEXT[o]).join(", ")})`,
        opToken.position,
        field,
      );
    }
    const value = operator === "in" ? this.list(field) : this.value(field);
    return { type: "comparison", field, operator, value, position: fieldToken.position };
  }

  private list(field: CqlField): CqlValue {
    if (!this.accept("lparen")) throw this.error("syntax_error", "Expected '(' after IN", this.peek().position);
    const values: CqlValue[] = [this.value(field)];
    while (this.accept("comma")) values.push(this.value(field));
    if (!this.accept("rparen")) {
      throw this.error(
        "syntax_error",
        `Expected ',' or ')' in IN list but found ${describe(this.peek())}`,
        this.peek().position,
      );
    }
    return { type: "list", values };
  }

  private value(field: CqlField): CqlValue {
    const token = this.next();
    const kind = CQL_FIELDS[field].kind;
    const invalid = (expected: string): never => {
      throw this.error(
        "invalid_value",
        `Field '${field}' expects ${expected}, got ${describe(token)}`,
        token.position,
        field,
      );
    };
    let value: CqlValue;
    if (token.kind === "string") value = { type: "string", value: token.text };
    else if (token.kind === "number") value = { type: "number", value: Number(token.text) };
    else if (token.kind === "ident" && /^(true|false)$/i.test(token.text))
      value = { type: "string", value: token.text.toLowerCase() };
    else throw this.error("syntax_error", `Expected value but found ${describe(token)}`, token.position);

    switch (kind) {
      case "id":
        if (value.type === "number" && Number.isInteger(value.value) && value.value >= 0) return value;
        if (value.type === "string" && /^\d+$/.test(value.value)) return { type: "number", value: Number(value.value) };
        return invalid("a context id (a non-negative integer)");
      case "number":
        return value.type === "number" ? value : invalid("a number");
      case "boolean":
        return value.type === "string" && (value.value === "true" || value.value === "false")
          ? value
          : invalid("true or false");
      case "date":
        if (value.type === "number") return value;
        if (RELATIVE_DATE.test(value.value)) return { type: "date", value: value.value, relative: true };
        if (Number.isNaN(parseAbsoluteDate(value.value))) {
          return invalid('a time: "-24h", "-7d", "-30m", an ISO-8601 time, a date (YYYY-MM-DD) or Unix ms');
        }
        return { type: "date", value: value.value, relative: false };
      default:
        return value.type === "string" ? value : invalid("a string");
    }
  }

  private error(errorType: CqlErrorType, message: string, position: CqlPosition, field?: string): CqlError {
    return new CqlError({
      message: `${message} (line ${position.line}, column ${position.column})`,
      errorType,
      position,
      field,
    });
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "eof":
      return "end of query";
    case "string":
      return `string ${JSON.stringify(token.text)}`;
    case "number":
      return `number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

/** Unix ms of an ISO-8601 time or a `YYYY-MM-DD` date (UTC), NaN otherwise. */
export function parseAbsoluteDate(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return Number.NaN;
  return Date.parse(text);
}

/** Unix ms a relative date (`-24h`, `-7d`, `-30m`) denotes at `now`. */
export function resolveRelativeDate(text: string, now: number): number {
  const match = RELATIVE_DATE.exec(text);
  if (match === null) return Number.NaN;
  const unit = match[2] === "h" ? 3_600_000 : match[2] === "d" ? 86_400_000 : 60_000;
  return now - Number(match[1]) * unit;
}
