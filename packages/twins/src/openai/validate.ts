/**
 * Building blocks of OpenAI's request validation, worded as the API words its 400s
 * (`Missing required parameter: 'model'.`, `Invalid type for 'input': ...`, `Unknown parameter:
 * 'foo'.`), with the offending parameter in `param`.
 * @module
 */
import { OpenAIRequestError } from "./errors.js";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How OpenAI names the type of a value in messages: `a string`, `an integer`, `a decimal`, ... */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** `Missing required parameter: 'x'.` */
export function missingParam(param: string): OpenAIRequestError {
  return new OpenAIRequestError({
    message: `Missing required parameter: '${param}'.`,
    param,
    code: "missing_required_parameter",
  });
}

/** `Invalid type for 'x': expected <expected>, but got <actual> instead.` */
export function invalidType(param: string, expected: string, value: unknown): OpenAIRequestError {
  return new OpenAIRequestError({
    message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
    param,
    code: "invalid_type",
  });
}

/** `Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'.` */
export function invalidValue(param: string, value: unknown, supported: readonly string[]): OpenAIRequestError {
  const list =
    supported.length <= 2
      ? supported.map((s) => `'${s}'`).join(" and ")
      : `${supported
          .slice(0, -1)
          .map((s) => `'${s}'`)
          .join(", ")}, and '${supported.at(-1)}'`;
  return new OpenAIRequestError({
    message: `Invalid value: '${String(value)}'. Supported values are: ${list}.`,
    param,
    code: "invalid_value",
  });
}

/** `Unknown parameter: 'x'.` */
export function unknownParam(param: string): OpenAIRequestError {
  return new OpenAIRequestError({ message: `Unknown parameter: '${param}'.`, param, code: "unknown_parameter" });
}

/** `Unsupported parameter: 'x' is not supported with this model.` (plus an optional hint). */
export function unsupportedParam(param: string, hint = ""): OpenAIRequestError {
  return new OpenAIRequestError({
    message: `Unsupported parameter: '${param}' is not supported with this model.${hint ? ` ${hint}` : ""}`,
    param,
    code: "unsupported_parameter",
  });
}

/** `Invalid 'x': empty array. Expected an array with minimum length 1, but got an empty array instead.` */
export function emptyArray(param: string): OpenAIRequestError {
  return new OpenAIRequestError({
    message: `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
    param,
    code: "empty_array",
  });
}

/** Limits of {@link checkNumber}. */
export interface NumberRange {
  integer?: boolean;
  min?: number;
  max?: number;
}

/**
 * Checks an optional number parameter: absent or null passes; otherwise it must be a number (an
 * integer with `integer`) within the range.
 * @throws OpenAIRequestError `invalid_type`, `decimal_above_max_value`, `integer_below_min_value`, ...
 */
export function checkNumber(value: unknown, param: string, range: NumberRange = {}): void {
  if (value === undefined || value === null) return;
  const kind = range.integer ? "integer" : "decimal";
  if (typeof value !== "number" || !Number.isFinite(value))
    throw invalidType(param, `${range.integer ? "an integer" : "a decimal"}`, value);
  if (range.integer && !Number.isInteger(value)) throw invalidType(param, "an integer", value);
  if (range.min !== undefined && value < range.min) {
    throw new OpenAIRequestError({
      message: `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${range.min}, but got ${value} instead.`,
      param,
      code: `${kind}_below_min_value`,
    });
  }
  if (range.max !== undefined && value > range.max) {
    throw new OpenAIRequestError({
      message: `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${range.max}, but got ${value} instead.`,
      param,
      code: `${kind}_above_max_value`,
    });
  }
}

/** Checks an optional parameter's type (absent or null passes). @throws OpenAIRequestError `invalid_type`. */
export function checkType(value: unknown, param: string, type: "string" | "boolean" | "object" | "array"): void {
  if (value === undefined || value === null) return;
  const ok = type === "object" ? isObject(value) : type === "array" ? Array.isArray(value) : typeof value === type;
  if (!ok)
    throw invalidType(param, type === "array" ? "an array" : type === "object" ? "an object" : `a ${type}`, value);
}

/** Checks an optional enum parameter. @throws OpenAIRequestError `invalid_value`. */
export function checkChoice(value: unknown, param: string, choices: readonly string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string") throw invalidType(param, "a string", value);
  if (!choices.includes(value)) throw invalidValue(param, value, choices);
}

/**
 * Requires an object whose `type` is one of `types` (a content part, a tool).
 * @param param The parameter path of the object, e.g. `messages[0].content[1]`.
 * @throws OpenAIRequestError `invalid_type` (not an object), `missing_required_parameter` (no `type`) or
 *   `invalid_value` (another `type`).
 */
export function requireTyped(value: unknown, param: string, types: readonly string[]): Json {
  if (!isObject(value)) throw invalidType(param, "an object", value);
  if (value.type === undefined) throw missingParam(`${param}.type`);
  if (!types.includes(String(value.type))) throw invalidValue(`${param}.type`, value.type, types);
  return value;
}

/** Requires a non-empty string. @throws OpenAIRequestError `missing_required_parameter` or `invalid_type`. */
export function requireString(value: unknown, param: string): string {
  if (value === undefined || value === null) throw missingParam(param);
  if (typeof value !== "string") throw invalidType(param, "a string", value);
  return value;
}

/** Rejects keys of `body` that are not in `known`. @throws OpenAIRequestError `unknown_parameter`. */
export function checkKnownKeys(body: Json, known: ReadonlySet<string>, prefix = ""): void {
  for (const key of Object.keys(body)) if (!known.has(key)) throw unknownParam(`${prefix}${key}`);
}

/** Function names: 1-64 of `[a-zA-Z0-9_-]`. @throws OpenAIRequestError `invalid_value`. */
export function checkFunctionName(name: string, param: string): void {
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw new OpenAIRequestError({
      message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      param,
      code: "invalid_value",
    });
  }
}

/** Metadata: an object of at most 16 string values of at most 512 characters. */
export function checkMetadata(value: unknown, param = "metadata"): void {
  if (value === undefined || value === null) return;
  checkType(value, param, "object");
  const entries = Object.entries(value as Json);
  if (entries.length > 16) {
    throw new OpenAIRequestError({
      message: `Invalid '${param}': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
      param,
      code: "object_above_max_properties",
    });
  }
  for (const [key, v] of entries) {
    if (typeof v !== "string") throw invalidType(`${param}.${key}`, "a string", v);
    if (v.length > 512) {
      throw new OpenAIRequestError({
        message: `Invalid '${param}.${key}': string too long. Expected a string with maximum length 512, but got a string with length ${v.length} instead.`,
        param: `${param}.${key}`,
        code: "string_above_max_length",
      });
    }
  }
}
