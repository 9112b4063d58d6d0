/**
 * Typed errors of the Attractor engine. Every error extends {@link AttractorError}, takes an
 * options object, and says where it happened when the input has a position.
 * @module
 */
import type { SourceLocation } from "./model/graph.js";

const MARKER = Symbol.for("darkfactory.attractor.error");

/** Options common to every Attractor error. */
export interface AttractorErrorOptions {
  message: string;
  cause?: unknown;
}

/** Base class of every error the engine throws. `isInstance` survives duplicate package copies. */
export class AttractorError extends Error {
  readonly [MARKER] = true;
  override name = "AttractorError";
  constructor(options: AttractorErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
  }
  /** True when `value` is an AttractorError from any copy of this package. */
  static isInstance(value: unknown): value is AttractorError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/**
 * A DOT syntax error (attractor-spec §2.2): what was expected, what was found, and where.
 * `location` is 1-based line and column in `file` (or in the source string).
 */
export class DotSyntaxError extends AttractorError {
  override name = "DotSyntaxError";
  readonly location: SourceLocation;
  readonly file: string | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  /** The message without the location prefix. */
  readonly detail: string;
  constructor(options: {
    detail: string;
    location: SourceLocation;
    file?: string;
    expected?: string;
    found?: string;
  }) {
    const where = `${options.file ?? "<input>"}:${options.location.line}:${options.location.column}`;
    super({ message: `${where}: ${options.detail}` });
    this.detail = options.detail;
    this.location = options.location;
    this.file = options.file;
    this.expected = options.expected;
    this.found = options.found;
  }
}

/**
 * A malformed condition expression (attractor-spec §10). `column` is the 1-based column inside
 * the expression text where the problem starts.
 */
export class ConditionSyntaxError extends AttractorError {
  override name = "ConditionSyntaxError";
  readonly expression: string;
  readonly column: number;
  readonly detail: string;
  constructor(options: { detail: string; expression: string; column: number }) {
    super({ message: `${options.detail} at column ${options.column} of condition "${options.expression}"` });
    this.detail = options.detail;
    this.expression = options.expression;
    this.column = options.column;
  }
}

/**
 * A malformed model stylesheet (attractor-spec §8.2). `line`/`column` are 1-based inside the
 * stylesheet text.
 */
export class StylesheetSyntaxError extends AttractorError {
  override name = "StylesheetSyntaxError";
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  constructor(options: { detail: string; line: number; column: number }) {
    super({ message: `${options.detail} at line ${options.line}, column ${options.column} of model_stylesheet` });
    this.detail = options.detail;
    this.line = options.line;
    this.column = options.column;
  }
}

/** A checkpoint that cannot be read or does not match the pipeline (attractor-spec §5.3). */
export class CheckpointError extends AttractorError {
  override name = "CheckpointError";
  readonly path: string;
  constructor(options: { message: string; path: string; cause?: unknown }) {
    super(options);
    this.path = options.path;
  }
}
