/**
 * A deterministic instance of a JSON Schema, for the default (unscripted) answer to a
 * structured-output request or a forced tool call: the same schema always gives the same value.
 * @module
 */
import type { JsonSchema } from "./conversation.js";

/** Options of {@link schemaInstance}. */
export interface SchemaInstanceOptions {
  /** Value of string fields without enum, const, default or format (default: the field name, else `"text"`). */
  text?: string;
}

const MAX_DEPTH = 8;

/**
 * Builds a value that satisfies the common keywords of `schema`: `const`, `enum` (first),
 * `default`, `type` (first non-null of a list), `anyOf`/`oneOf` (first), `allOf` (merged),
 * `$ref` to `#/$defs/...` or `#/definitions/...`, object `properties` (every property),
 * `minItems` (at least one item), `minimum`/`exclusiveMinimum`, `minLength`, and string formats
 * `date-time`, `date`, `email`, `uri`, `uuid`. Unknown shapes give `null`.
 */
export function schemaInstance(schema: JsonSchema, options: SchemaInstanceOptions = {}): unknown {
  return build(schema, schema, options, undefined, 0);
}

function build(
  node: unknown,
  root: JsonSchema,
  options: SchemaInstanceOptions,
  field: string | undefined,
  depth: number,
): unknown {
  if (typeof node !== "object" || node === null || depth > MAX_DEPTH) return null;
  const s = node as Record<string, unknown>;
  if (typeof s.$ref === "string") return build(resolveRef(s.$ref, root), root, options, field, depth + 1);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("default" in s) return s.default;
  for (const key of ["anyOf", "oneOf"]) {
    const choices = s[key];
    if (Array.isArray(choices) && choices.length > 0) {
      const nonNull = choices.find((c) => (c as Record<string, unknown>)?.type !== "null") ?? choices[0];
      return build(nonNull, root, options, field, depth + 1);
    }
  }
  if (Array.isArray(s.allOf)) {
    const merged: Record<string, unknown> = {};
    for (const part of s.allOf) Object.assign(merged, resolved(part, root));
    return build(merged, root, options, field, depth + 1);
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? s.type[0]) : s.type;
  switch (type ?? (s.properties ? "object" : s.items ? "array" : undefined)) {
    case "object": {
      const out: Record<string, unknown> = {};
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      for (const [key, child] of Object.entries(properties)) out[key] = build(child, root, options, key, depth + 1);
      return out;
    }
    case "array": {
      const count = Math.max(1, typeof s.minItems === "number" ? s.minItems : 1);
      return Array.from({ length: count }, () => build(s.items, root, options, field, depth + 1));
    }
    case "string":
      return stringValue(s, options, field);
    case "integer":
    case "number":
      return numberValue(s, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return null;
  }
}

function stringValue(s: Record<string, unknown>, options: SchemaInstanceOptions, field: string | undefined): string {
  const formats: Record<string, string> = {
    "date-time": "2025-01-01T00:00:00Z",
    date: "2025-01-01",
    time: "00:00:00",
    email: "user@example.com",
    uri: "https://example.com/",
    uuid: "00000000-0000-4000-8000-000000000000",
  };
  if (typeof s.format === "string" && formats[s.format]) return formats[s.format];
  let text = options.text ?? field ?? "text";
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  while (text.length < min) text += "x";
  return typeof s.maxLength === "number" ? text.slice(0, s.maxLength) : text;
}

function numberValue(s: Record<string, unknown>, integer: boolean): number {
  let value = 0;
  if (typeof s.minimum === "number") value = s.minimum;
  if (typeof s.exclusiveMinimum === "number") value = s.exclusiveMinimum + (integer ? 1 : 0.5);
  if (typeof s.maximum === "number" && value > s.maximum) value = s.maximum;
  return integer ? Math.ceil(value) : value;
}

function resolveRef(ref: string, root: JsonSchema): unknown {
  if (ref === "#") return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const defs = root[match[1]] as Record<string, unknown> | undefined;
  return defs?.[decodeURIComponent(match[2]).replace(/~1/g, "/").replace(/~0/g, "~")];
}

function resolved(part: unknown, root: JsonSchema): Record<string, unknown> {
  const s = (part ?? {}) as Record<string, unknown>;
  return typeof s.$ref === "string" ? ((resolveRef(s.$ref, root) ?? {}) as Record<string, unknown>) : s;
}
