/**
 * JSON Schema checks with ajv: is a schema valid, does a value conform (tool arguments,
 * structured output).
 * @module
 */
import { Ajv, type ValidateFunction } from "ajv";

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Why `schema` is not usable, or undefined when it is: it must be an object, compile as JSON
 * Schema, and (with `objectRoot`) have `type: "object"` at the root (unified-llm-spec §5.1).
 */
export function schemaProblem(schema: unknown, options: { objectRoot: boolean }): string | undefined {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return "must be a JSON Schema object";
  if (options.objectRoot && (schema as { type?: unknown }).type !== "object") {
    return `must have "type": "object" at the root (found ${JSON.stringify((schema as { type?: unknown }).type ?? null)})`;
  }
  try {
    validatorFor(schema);
  } catch (error) {
    return `is not a valid JSON Schema: ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * Validates `value` against `schema`.
 * @returns undefined when valid, else a readable list of problems (`/path: message`).
 */
export function validateAgainst(schema: object, value: unknown): string | undefined {
  const validate = validatorFor(schema);
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? "invalid"}`).join("; ");
}

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
