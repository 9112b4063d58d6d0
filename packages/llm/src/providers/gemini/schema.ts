/**
 * JSON Schema to the subset Gemini accepts in `parametersJsonSchema` and `responseJsonSchema`
 * (unified-llm-spec §7.4; ai.google.dev "structured output" lists the supported keywords).
 * @module
 */
import type { JsonSchema } from "../../types/tool.js";

/** Keywords Gemini documents for JSON Schema input; everything else is dropped. */
const KEPT = new Set([
  "$id",
  "$defs",
  "$ref",
  "$anchor",
  "type",
  "format",
  "title",
  "description",
  "enum",
  "items",
  "prefixItems",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "anyOf",
  "oneOf",
  "properties",
  "additionalProperties",
  "required",
  "propertyOrdering",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `allOf` members merged into their parent (properties and required lists united). */
function mergeAllOf(schema: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  const merged: Record<string, unknown> = { ...rest };
  for (const member of allOf as unknown[]) {
    if (!isObject(member)) continue;
    for (const [key, value] of Object.entries(mergeAllOf(member))) {
      if (key === "properties" && isObject(value)) {
        merged.properties = { ...(isObject(merged.properties) ? merged.properties : {}), ...value };
      } else if (key === "required" && Array.isArray(value)) {
        merged.required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...value])];
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function convert(node: unknown): unknown {
  if (!isObject(node)) return node;
  const schema = mergeAllOf(node);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "definitions" && isObject(value)) {
      out.$defs = mapValues(value);
    } else if (key === "const") {
      if (typeof value === "string" || typeof value === "number") out.enum = [value];
    } else if (key === "$ref" && typeof value === "string") {
      out.$ref = value.replace(/^#\/definitions\//, "#/$defs/");
    } else if (!KEPT.has(key)) {
      // Unsupported keyword (pattern, minLength, default, examples, $schema, not, ...): dropped.
    } else if (key === "properties" || key === "$defs") {
      if (isObject(value)) out[key] = mapValues(value);
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = typeof value === "boolean" ? value : convert(value);
    } else if (key === "anyOf" || key === "oneOf" || key === "prefixItems") {
      if (Array.isArray(value)) out[key] = value.map(convert);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.type)) {
    // `type: ["string", "null"]` becomes `anyOf` of single types.
    const types = out.type as unknown[];
    delete out.type;
    if (types.length === 1) out.type = types[0];
    else out.anyOf = [...types.map((type) => ({ type })), ...((out.anyOf as unknown[] | undefined) ?? [])];
  }
  return out;
}

function mapValues(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(record)) out[name] = convert(schema);
  return out;
}

/**
 * A copy of `schema` Gemini accepts: keeps the documented keywords (`type`, `properties`,
 * `required`, `items`, `enum`, `anyOf`, `oneOf`, `$ref`/`$defs`, `minimum`/`maximum`,
 * `minItems`/`maxItems`, `format`, `description`, ...); turns `const` into a one-value `enum`,
 * `allOf` into a merged object, `definitions` into `$defs`, and type arrays into `anyOf`; drops
 * the rest (`pattern`, `minLength`, `default`, `examples`, `$schema`, `not`, ...). Property
 * names are never touched. Pure; does not modify `schema`.
 */
export function toGeminiSchema(schema: JsonSchema): Record<string, unknown> {
  return convert(schema) as Record<string, unknown>;
}

/** True when an object schema declares no properties (Gemini wants such parameters omitted). */
export function hasNoParameters(schema: JsonSchema): boolean {
  const properties = schema.properties;
  return (
    (schema.type === undefined || schema.type === "object") &&
    (!isObject(properties) || Object.keys(properties).length === 0) &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined &&
    schema.$ref === undefined
  );
}
