/**
 * The one error base of `@darkfactory/twins`: bad twin names, bad options, bad scripts and bad
 * fault rules.
 * @module
 */

const MARKER = Symbol.for("darkfactory.twins.error");

/** Options of {@link TwinError}. */
export interface TwinErrorOptions {
  message: string;
  cause?: unknown;
}

/**
 * Thrown by the kit for problems of the caller's making (an unknown twin, an invalid option, a
 * script or fault rule that does not parse). Never thrown for a request a twin serves: those get
 * the provider's own error body.
 */
export class TwinError extends Error {
  readonly [MARKER] = true;
  override name = "TwinError";
  constructor(options: TwinErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
  }
  /** True when `value` is a TwinError from any copy of this package. */
  static isInstance(value: unknown): value is TwinError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** Options of {@link ScriptError}. */
export interface ScriptErrorOptions {
  /** What is wrong, without the position. */
  detail: string;
  /** The file (or `<script>` for text without a file). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  cause?: unknown;
}

/**
 * A script (or fault rule list) that does not parse or does not validate. The message is
 * `file:line:col: detail` (or `file: detail` without a position).
 */
export class ScriptError extends TwinError {
  override name = "ScriptError";
  readonly detail: string;
  readonly file: string;
  readonly line: number | undefined;
  readonly col: number | undefined;
  constructor(options: ScriptErrorOptions) {
    const at = options.line !== undefined ? `${options.file}:${options.line}:${options.col ?? 1}` : options.file;
    super({ message: `${at}: ${options.detail}`, cause: options.cause });
    this.detail = options.detail;
    this.file = options.file;
    this.line = options.line;
    this.col = options.col;
  }
}
