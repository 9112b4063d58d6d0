/**
 * Gemini's OpenAPI-style `Schema` (function `parameters`, `responseSchema`) -> JSON Schema, for
 * the kit's schema instances. Property order follows the API: `responseSchema` output is ordered
 * by `propertyOrdering`, else alphabetically; `responseJsonSchema` keeps the schema's own order.
 * @module
 */
import type { JsonSchema } from "../kit/conversation.js";
import { isObject, type Json } from "./proto-json.js";

const COPIED = ["format", "description", "title", "enum", "minimum", "maximum", "pattern", "required", "default"];
const COUNTS = ["minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"];

/**
 * Converts a (parsed) `Schema`: upper-case `type` -> JSON Schema type (`nullable` adds `"null"`),
 * `properties` reordered when `ordered` (by `propertyOrdering`, then alphabetically), `items` and
 * `anyOf` converted recursively; counts become numbers.
 */
export function toJsonSchema(schema: Json, ordered: boolean): JsonSchema {
  const out: JsonSchema = {};
  const type =
    typeof schema.type === "string" && schema.type !== "TYPE_UNSPECIFIED" ? schema.type.toLowerCase() : undefined;
  if (type !== undefined) out.type = schema.nullable === true ? [type, "null"] : type;
  for (const key of COPIED) if (schema[key] !== undefined) out[key] = schema[key];
  for (const key of COUNTS) if (schema[key] !== undefined) out[key] = Number(schema[key]);
  if (isObject(schema.properties)) {
    const properties = schema.properties;
    const names = Object.keys(properties);
    const order = Array.isArray(schema.propertyOrdering) ? schema.propertyOrdering.map(String) : [];
    const sorted = ordered
      ? [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n)).sort()]
      : names;
    const converted: Json = {};
    for (const name of sorted) {
      const child = properties[name];
      converted[name] = isObject(child) ? toJsonSchema(child, ordered) : {};
    }
    out.properties = converted;
  }
  if (isObject(schema.items)) out.items = toJsonSchema(schema.items, ordered);
  if (Array.isArray(schema.anyOf)) out.anyOf = schema.anyOf.filter(isObject).map((s) => toJsonSchema(s, ordered));
  return out;
}
