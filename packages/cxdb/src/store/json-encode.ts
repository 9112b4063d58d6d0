/**
 * JSON `data` → tagged msgpack through a registry descriptor (the HTTP append route): field names
 * become numeric tags, u64 strings become integers, base64 becomes bytes, enum labels become
 * numbers, ISO times become Unix ms, nested objects follow their referenced type. Fields are
 * written in tag order, so the same data always gives the same bytes (and the same blob).
 * @module
 */
import { UnprocessableError } from "./errors.js";
import { INT32_FIELD_TYPES, INT64_FIELD_TYPES, TIME_MS_FIELD_TYPES } from "./field-types.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import type { Registry } from "./registry.js";
import type { FieldSpec, ItemsSpec, TypeVersionSpec } from "./registry-bundle.js";

/**
 * Encodes `data` with `descriptor`. Keys that are decimal digits pass through as raw tags.
 * @throws UnprocessableError for a non-object, an unknown field name, or a value that does not
 *   fit its field type (the message names the field).
 */
export function encodeTypedJson(data: unknown, descriptor: TypeVersionSpec, registry: Registry): Uint8Array {
  return encodeMsgpack(toTagged(data, descriptor, registry, `${descriptor.typeId} v${descriptor.version}`));
}

/**
 * Encodes an object whose keys are all decimal field tags (no descriptor needed).
 * @throws UnprocessableError when `data` is not such an object.
 */
export function encodeTagKeyedJson(data: unknown): Uint8Array {
  if (!isPlainObject(data)) throw new UnprocessableError({ message: "data must be a JSON object" });
  const entries = Object.entries(data);
  const bad = entries.find(([k]) => !/^\d{1,15}$/.test(k));
  if (bad !== undefined) {
    throw new UnprocessableError({
      message: `field ${JSON.stringify(bad[0])} is not a numeric tag and the type is not registered`,
    });
  }
  return encodeMsgpack(new Map(entries.map(([k, v]) => [Number(k), v] as [number, unknown]).sort(([a], [b]) => a - b)));
}

function toTagged(data: unknown, descriptor: TypeVersionSpec, registry: Registry, where: string): Map<number, unknown> {
  if (!isPlainObject(data)) throw new UnprocessableError({ message: `${where}: data must be a JSON object` });
  const byName = new Map<string, FieldSpec>();
  for (const f of descriptor.fields.values()) byName.set(f.name, f);
  const out: Array<[number, unknown]> = [];
  for (const [key, value] of Object.entries(data)) {
    const spec = byName.get(key);
    if (spec !== undefined) {
      out.push([spec.tag, value === null ? null : convertField(value, spec, registry, `${where}.${key}`)]);
    } else if (/^\d{1,15}$/.test(key)) {
      out.push([Number(key), value]);
    } else {
      throw new UnprocessableError({ message: `${where}: unknown field ${JSON.stringify(key)}` });
    }
  }
  return new Map(out.sort(([a], [b]) => a - b));
}

function convertField(value: unknown, spec: FieldSpec, registry: Registry, where: string): unknown {
  if (spec.enumRef !== undefined && typeof value === "string") {
    const mapping = registry.getEnum(spec.enumRef) ?? {};
    const hit = Object.entries(mapping).find(([, label]) => label === value);
    if (hit === undefined)
      throw new UnprocessableError({
        message: `${where}: ${JSON.stringify(value)} is not a label of enum ${spec.enumRef}`,
      });
    return Number(hit[0]);
  }
  if ((spec.type === "ref" || spec.type === "nested") && spec.ref !== undefined) {
    const nested = registry.getLatestTypeVersion(spec.ref);
    return nested === undefined ? value : toTagged(value, nested, registry, where);
  }
  return convertTyped(value, spec.type, spec.items, registry, where);
}

function convertTyped(
  value: unknown,
  type: string,
  items: ItemsSpec | undefined,
  registry: Registry,
  where: string,
): unknown {
  const fail = (expected: string): never => {
    throw new UnprocessableError({
      message: `${where}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 60)}`,
    });
  };
  if (INT64_FIELD_TYPES.has(type) || INT32_FIELD_TYPES.has(type)) return toInteger(value, type.startsWith("u"), fail);
  if (TIME_MS_FIELD_TYPES.has(type)) {
    if (typeof value === "string" && !/^\d+$/.test(value)) {
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? fail("an ISO-8601 time or Unix ms") : ms;
    }
    return toInteger(value, false, fail);
  }
  switch (type) {
    case "f32":
    case "f64":
    case "float32":
    case "float64":
      return typeof value === "number" ? value : fail("a number");
    case "string":
      return typeof value === "string" ? value : fail("a string");
    case "bool":
      return typeof value === "boolean" ? value : fail("a boolean");
    case "bytes":
    case "typed_blob":
      if (typeof value === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(value))
        return new Uint8Array(Buffer.from(value, "base64"));
      return fail("base64 text");
    case "array":
      if (!Array.isArray(value)) return fail("an array");
      return value.map((item, i) =>
        items === undefined
          ? item
          : items.kind === "ref"
            ? convertField(
                item,
                { tag: 0, name: "", type: "ref", ref: items.ref, optional: false, json: {} },
                registry,
                `${where}[${i}]`,
              )
            : convertTyped(item, items.type, undefined, registry, `${where}[${i}]`),
      );
    default:
      return value;
  }
}

function toInteger(value: unknown, unsigned: boolean, fail: (expected: string) => never): number | bigint {
  const expected = unsigned ? "a non-negative integer" : "an integer";
  if (typeof value === "number") {
    if (!Number.isInteger(value) || (unsigned && value < 0)) return fail(expected);
    return value;
  }
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) {
    const big = BigInt(value);
    if (unsigned && big < 0n) return fail(expected);
    if (big > 0xffff_ffff_ffff_ffffn || big < -(2n ** 63n)) return fail(expected);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big;
  }
  return fail(expected);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Encodes JSON `data` for a type: through its registry descriptor when registered, else only an
 * object keyed by decimal tags is accepted.
 * @throws UnprocessableError when the data does not fit or the type is unknown.
 */
export function encodeData(registry: Registry, typeId: string, typeVersion: number, data: unknown): Uint8Array {
  const descriptor = registry.getTypeVersion(typeId, typeVersion);
  if (descriptor !== undefined) return encodeTypedJson(data, descriptor, registry);
  try {
    return encodeTagKeyedJson(data);
  } catch (cause) {
    throw new UnprocessableError({
      message: `type ${typeId} v${typeVersion} is not in the registry: ${(cause as Error).message}; publish a bundle, send numeric field tags, or send payload_base64`,
      cause,
    });
  }
}
