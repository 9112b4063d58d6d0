/**
 * Building blocks of Anthropic's request validation, worded as the API words its 400s (its
 * schema errors read like pydantic's: `max_tokens: Field required`, `temperature: Input should be
 * less than or equal to 1`, `foo: Extra inputs are not permitted`), with the path of the bad field
 * (`messages.1.content.0.tool_use.input`) first.
 * @module
 */
import { type AnthropicRequestError, invalidRequest } from "./errors.js";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `path: message` as a 400 `invalid_request_error`. */
export function fieldError(path: string, message: string): AnthropicRequestError {
  return invalidRequest(path === "" ? message : `${path}: ${message}`);
}

/** `path: Field required`. */
export function fieldRequired(path: string): AnthropicRequestError {
  return fieldError(path, "Field required");
}

/** Rejects keys of `obj` outside `allowed`: `path.key: Extra inputs are not permitted`. */
export function checkKeys(obj: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw fieldError(join(path, key), "Extra inputs are not permitted");
  }
}

/** `a.b` (or `b` at the top). */
export function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function quoteChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => `'${c}'`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** Requires a string. @throws `path: Input should be a valid string`. */
export function expectString(value: unknown, path: string): string {
  if (value === undefined) throw fieldRequired(path);
  if (typeof value !== "string") throw fieldError(path, "Input should be a valid string");
  return value;
}

/** Requires a list. @throws `path: Input should be a valid list`. */
export function expectList(value: unknown, path: string): unknown[] {
  if (value === undefined) throw fieldRequired(path);
  if (!Array.isArray(value)) throw fieldError(path, "Input should be a valid list");
  return value;
}

/** Requires an object. @throws `path: Input should be a valid dictionary`. */
export function expectObject(value: unknown, path: string): Json {
  if (value === undefined) throw fieldRequired(path);
  if (!isObject(value)) throw fieldError(path, "Input should be a valid dictionary");
  return value;
}

/** Requires a boolean. @throws `path: Input should be a valid boolean`. */
export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") throw fieldError(path, "Input should be a valid boolean");
  return value;
}

/** Requires one of `choices`. @throws `path: Input should be 'a' or 'b'`. */
export function expectChoice<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (value === undefined) throw fieldRequired(path);
  if (typeof value !== "string" || !choices.includes(value as T)) {
    throw fieldError(path, `Input should be ${quoteChoices(choices)}`);
  }
  return value as T;
}

/** Limits of {@link expectNumber}. */
export interface NumberLimits {
  integer?: boolean;
  /** Inclusive minimum. */
  min?: number;
  /** Inclusive maximum. */
  max?: number;
}

/**
 * Requires a number (an integer with `integer`) within the limits.
 * @throws `path: Input should be a valid integer`, `... greater than or equal to N`, ...
 */
export function expectNumber(value: unknown, path: string, limits: NumberLimits = {}): number {
  if (value === undefined) throw fieldRequired(path);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw fieldError(path, `Input should be a valid ${limits.integer ? "integer" : "number"}`);
  }
  if (limits.integer && !Number.isInteger(value)) {
    throw fieldError(path, "Input should be a valid integer, got a number with a fractional part");
  }
  if (limits.min !== undefined && value < limits.min) {
    throw fieldError(path, `Input should be greater than or equal to ${limits.min}`);
  }
  if (limits.max !== undefined && value > limits.max) {
    throw fieldError(path, `Input should be less than or equal to ${limits.max}`);
  }
  return value;
}

/** Checks an optional value: absent passes, otherwise `check` decides. */
export function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

/** Lifetimes of `cache_control.ttl`, in ms. */
export const CACHE_TTL_MS: Readonly<Record<"5m" | "1h", number>> = { "5m": 300_000, "1h": 3_600_000 };

/** A validated `cache_control` mark. */
export interface CacheMark {
  ttl: "5m" | "1h";
}

/**
 * Reads the `cache_control` of `owner` (absent or null: no mark): `{type: "ephemeral", ttl?}`.
 * @throws `path.cache_control.ephemeral.ttl: Input should be '5m' or '1h'`, ...
 */
export function readCacheControl(owner: Json, path: string): CacheMark | undefined {
  const value = owner.cache_control;
  if (value === undefined || value === null) return undefined;
  const at = join(path, "cache_control");
  const mark = expectObject(value, at);
  expectChoice(mark.type, join(at, "type"), ["ephemeral"]);
  checkKeys(mark, ["type", "ttl"], join(at, "ephemeral"));
  const ttl = optional(mark.ttl, (v) => expectChoice(v, join(at, "ephemeral.ttl"), ["5m", "1h"] as const));
  return { ttl: ttl ?? "5m" };
}

/**
 * Checks a tagged block (`{type: ...}`) of a union: its `type` must be one of `tags`.
 * @throws `path: Input tag 'x' found using 'type' does not match any of the expected tags: ...`.
 */
export function expectTag(block: Json, path: string, tags: readonly string[]): string {
  const type = block.type;
  if (type === undefined) throw fieldError(path, "Unable to extract tag using discriminator 'type'");
  if (typeof type !== "string" || !tags.includes(type)) {
    throw fieldError(
      path,
      `Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ${tags.map((t) => `'${t}'`).join(", ")}`,
    );
  }
  return type;
}
