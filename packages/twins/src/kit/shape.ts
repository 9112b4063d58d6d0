/**
 * Readers that check the shape of plain JSON-like values (scripts, fault rules) and report the
 * first problem with its path (`rules[0].match.turn`), so that a YAML source can point at it.
 * @module
 */

/** A path into a value: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

/** A value of the wrong shape at `path`; `at: "key"` blames the key itself (an unknown key). */
export class ShapeError extends Error {
  override name = "ShapeError";
  constructor(
    readonly path: ValuePath,
    readonly detail: string,
    readonly at: "key" | "value" = "value",
  ) {
    super(path.length > 0 ? `${formatPath(path)}: ${detail}` : detail);
  }
}

/** `["rules", 0, "match"]` -> `rules[0].match`. */
export function formatPath(path: ValuePath): string {
  let out = "";
  for (const segment of path)
    out += typeof segment === "number" ? `[${segment}]` : out === "" ? segment : `.${segment}`;
  return out;
}

/** A short description of a value's type for messages: `a string`, `a list`, `null`, ... */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return `a ${typeof value}`;
}

/**
 * Checks that `value` is a mapping whose keys are all in `allowed`.
 * @throws ShapeError for a non-mapping or an unknown key (naming the allowed ones).
 */
export function readObject(value: unknown, path: ValuePath, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(path, `expected a mapping, got ${describeValue(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ShapeError([...path, key], `unknown key '${key}' (expected one of: ${allowed.join(", ")})`, "key");
    }
  }
  return value as Record<string, unknown>;
}

/** @throws ShapeError unless `value` is a list. */
export function readList(value: unknown, path: ValuePath): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(path, `expected a list, got ${describeValue(value)}`);
  return value;
}

/** `obj[key]` as a string, or undefined when absent. @throws ShapeError for another type. */
export function optString(obj: Record<string, unknown>, key: string, path: ValuePath): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ShapeError([...path, key], `expected a string, got ${describeValue(value)}`);
  return value;
}

/** Limits of {@link optNumber}. */
export interface NumberLimits {
  integer?: boolean;
  /** Inclusive minimum. */
  min?: number;
  /** Inclusive maximum. */
  max?: number;
  /** Exclusive minimum. */
  above?: number;
}

/** `obj[key]` as a number within `limits`, or undefined when absent. @throws ShapeError otherwise. */
export function optNumber(
  obj: Record<string, unknown>,
  key: string,
  path: ValuePath,
  limits: NumberLimits = {},
): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  const at = [...path, key];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ShapeError(at, `expected ${limits.integer ? "an integer" : "a number"}, got ${describeValue(value)}`);
  }
  if (limits.integer && !Number.isInteger(value)) throw new ShapeError(at, `expected an integer, got ${value}`);
  if (limits.min !== undefined && value < limits.min)
    throw new ShapeError(at, `must be >= ${limits.min}, got ${value}`);
  if (limits.max !== undefined && value > limits.max)
    throw new ShapeError(at, `must be <= ${limits.max}, got ${value}`);
  if (limits.above !== undefined && value <= limits.above)
    throw new ShapeError(at, `must be > ${limits.above}, got ${value}`);
  return value;
}

/** `obj[key]` as one of `choices`, or undefined when absent. @throws ShapeError otherwise. */
export function optChoice<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  path: ValuePath,
  choices: readonly T[],
): T | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !choices.includes(value as T)) {
    const shown = typeof value === "string" ? `'${value}'` : describeValue(value);
    throw new ShapeError([...path, key], `expected one of ${choices.map((c) => `'${c}'`).join(", ")}, got ${shown}`);
  }
  return value as T;
}
