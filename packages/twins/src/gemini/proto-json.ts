/**
 * Reads a request body as Google's front end reads proto3 JSON: field names in lowerCamelCase or
 * snake_case, `null` = unset, numbers as numbers or numeric strings, enums by name (any case),
 * bytes as base64, a single value where a list is expected taken as a list of one. Every
 * violation is reported as the API words it (`Invalid JSON payload received. Unknown name "foo"
 * at 'generation_config': Cannot find field.`, `Invalid value at 'generation_config.temperature'
 * (TYPE_FLOAT), "hot"`) with the field path in snake_case (`contents[0].parts[1]`, map entries as
 * `properties[2].value`).
 * @module
 */
import { type FieldViolation, GeminiRequestError } from "./errors.js";

/** What a field holds. Message types are given lazily so that specs can refer to themselves. */
export type FieldType =
  | "string"
  | "bool"
  | "int32"
  | "int64"
  | "float"
  | "double"
  | "bytes"
  /** `google.protobuf.Struct`: any JSON object. */
  | "struct"
  /** `google.protobuf.Value`: any JSON value. */
  | "value"
  | { enum: string; values: readonly string[] }
  | { message: () => MessageSpec }
  | { map: FieldType };

/** A field of a message (keyed by its lowerCamelCase name). */
export interface FieldSpec {
  type: FieldType;
  repeated?: boolean;
}

/** A message: its full name (for type URLs) and fields. */
export interface MessageSpec {
  /** e.g. `GenerationConfig` (the type URL adds the package). */
  name: string;
  fields: Readonly<Record<string, FieldSpec>>;
}

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `generationConfig` -> `generation_config`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

interface Reader {
  /** `google.ai.generativelanguage.v1beta` */
  pkg: string;
  violations: FieldViolation[];
}

/**
 * Reads `body` as message `spec`: returns a copy with lowerCamelCase keys, unset (`null`) fields
 * dropped, numbers and enum names normalized.
 * @param version API version of the request path (`v1beta`, `v1`), used in type URLs.
 * @throws GeminiRequestError (400, with a `BadRequest` detail per violation) when anything does
 *   not parse.
 */
export function readProtoJson(body: unknown, spec: MessageSpec, version: string): Json {
  const reader: Reader = { pkg: `google.ai.generativelanguage.${version}`, violations: [] };
  const out = isObject(body) ? readMessage(body, spec, "", reader) : {};
  if (!isObject(body) && body !== undefined && body !== null) {
    reader.violations.push({
      description: `Invalid JSON payload received. Expected an object, got ${JSON.stringify(body)}.`,
    });
  }
  if (reader.violations.length > 0) {
    throw new GeminiRequestError({
      message: reader.violations.map((v) => v.description).join("\n"),
      violations: reader.violations,
    });
  }
  return out;
}

function readMessage(value: Json, spec: MessageSpec, path: string, reader: Reader): Json {
  const out: Json = {};
  for (const [key, raw] of Object.entries(value)) {
    const name = fieldName(spec, key);
    const at = path === "" ? "" : ` at '${path}'`;
    if (name === undefined) {
      const description = `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}${at}: Cannot find field.`;
      reader.violations.push(path === "" ? { description } : { field: path, description });
      continue;
    }
    if (raw === null || raw === undefined) continue;
    const field = spec.fields[name];
    const fieldPath = path === "" ? snakeCase(name) : `${path}.${snakeCase(name)}`;
    if (field.repeated) {
      const items = Array.isArray(raw) ? raw : [raw];
      out[name] = items.map((item, i) => readValue(item, field.type, `${fieldPath}[${i}]`, reader));
    } else if (Array.isArray(raw) && field.type !== "value") {
      const description = `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}${at}: Proto field is not repeating, cannot start list.`;
      reader.violations.push(path === "" ? { description } : { field: path, description });
    } else {
      out[name] = readValue(raw, field.type, fieldPath, reader);
    }
  }
  return out;
}

function fieldName(spec: MessageSpec, key: string): string | undefined {
  if (Object.hasOwn(spec.fields, key)) return key;
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return key.includes("_") && Object.hasOwn(spec.fields, camel) ? camel : undefined;
}

function readValue(raw: unknown, type: FieldType, path: string, reader: Reader): unknown {
  const bad = (typeName: string, shown = JSON.stringify(raw)): undefined => {
    reader.violations.push({ field: path, description: `Invalid value at '${path}' (${typeName}), ${shown}` });
    return undefined;
  };
  if (typeof type === "object") {
    if ("message" in type) {
      const spec = type.message();
      if (isObject(raw)) return readMessage(raw, spec, path, reader);
      return bad(`type.googleapis.com/${reader.pkg}.${spec.name}`);
    }
    if ("enum" in type) {
      if (typeof raw === "string") {
        const found = type.values.find((v) => v.toLowerCase() === raw.toLowerCase());
        if (found) return found;
      } else if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw < type.values.length) {
        return type.values[raw];
      }
      return bad(`type.googleapis.com/${reader.pkg}.${type.enum}`);
    }
    if (!isObject(raw)) return bad("type.googleapis.com/google.protobuf.Struct");
    const out: Json = {};
    Object.entries(raw).forEach(([k, v], i) => {
      if (v !== null) out[k] = readValue(v, type.map, `${path}[${i}].value`, reader);
    });
    return out;
  }
  if (isObject(raw) && type !== "struct" && type !== "value") {
    const key =
      path
        .replace(/\[\d+\]$/, "")
        .split(".")
        .at(-1) ?? path;
    const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    const description = `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}${parent ? ` at '${parent}'` : ""}: Starting an object on a scalar field`;
    reader.violations.push(parent ? { field: parent, description } : { description });
    return undefined;
  }
  switch (type) {
    case "string":
      return typeof raw === "string" ? raw : bad("TYPE_STRING");
    case "bool":
      return typeof raw === "boolean" ? raw : bad("TYPE_BOOL");
    case "int32":
    case "int64": {
      const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof n === "number" && Number.isInteger(n)) return n;
      return bad(type === "int32" ? "TYPE_INT32" : "TYPE_INT64");
    }
    case "float":
    case "double": {
      const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof n === "number" && !Number.isNaN(n)) return n;
      return bad(type === "float" ? "TYPE_FLOAT" : "TYPE_DOUBLE");
    }
    case "bytes":
      if (typeof raw === "string" && /^[A-Za-z0-9+/_-]*={0,2}$/.test(raw) && raw.replace(/=+$/, "").length % 4 !== 1)
        return raw;
      return bad("TYPE_BYTES", `Base64 decoding failed for ${JSON.stringify(String(raw))}`);
    case "struct":
      return isObject(raw) ? raw : bad("type.googleapis.com/google.protobuf.Struct");
    case "value":
      return raw;
  }
}
