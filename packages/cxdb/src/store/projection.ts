/**
 * msgpack → typed JSON: field tags become names through a registry descriptor, and values are
 * rendered by field type (u64 as string or number, bytes as base64/hex/length, enums as labels,
 * `unix_ms`/`time_ms`/`timestamp_ms` fields as ISO-8601 or Unix ms). Integer and digit-string map
 * keys are both tags. A turn whose descriptor is missing, or whose payload does not decode, falls
 * back on its own (generic rendering plus an `error`) instead of failing the page.
 * @module
 */
import { CxdbError, UnprocessableError } from "./errors.js";
import { INT32_FIELD_TYPES, INT64_FIELD_TYPES, TIME_MS_FIELD_TYPES } from "./field-types.js";
import { decodeMsgpack, MsgExt, MsgFloat, MsgMap, type MsgValue, tagOf, tagsOf } from "./msgpack.js";
import type { Registry } from "./registry.js";
import type { FieldSpec, ItemsSpec, TypeVersionSpec } from "./registry-bundle.js";
import type { TurnRecord } from "./types.js";

/** A JSON value; `bigint` appears only for u64/i64 beyond 2^53 rendered as numbers. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** Rendering options (CXDB's query parameters of the same names). */
export interface RenderOptions {
  /** Default `base64`. */
  bytesRender: "base64" | "hex" | "len_only";
  /** Default `string`. */
  u64Format: "string" | "number";
  /** Default `label`. */
  enumRender: "label" | "number" | "both";
  /** Default `iso`. */
  timeRender: "iso" | "unix_ms";
  /** Return tags the descriptor does not know under `unknown`. Default false. */
  includeUnknown: boolean;
}

/** CXDB's defaults. */
export const DEFAULT_RENDER_OPTIONS: RenderOptions = {
  bytesRender: "base64",
  u64Format: "string",
  enumRender: "label",
  timeRender: "iso",
  includeUnknown: false,
};

/** How the descriptor of each turn is chosen (CXDB's `type_hint_mode`). */
export type TypeHint =
  | { mode: "inherit" }
  | { mode: "latest" }
  | { mode: "explicit"; typeId: string; typeVersion: number };

/** A turn's typed projection. */
export interface TypedProjection {
  /** Descriptor used; undefined when the turn fell back. */
  decodedAs?: { typeId: string; typeVersion: number };
  /** Projected fields (by name), or the generic rendering (by tag) on fallback; null when undecodable. */
  data: JsonValue;
  /** Tags not in the descriptor (only with `includeUnknown`). */
  unknown?: Record<string, JsonValue>;
  /** Why the turn fell back: 424 no descriptor, 422 payload not msgpack / not a map. */
  error?: { status: number; message: string };
}

/**
 * Projects one msgpack payload with a descriptor.
 * @throws UnprocessableError when the payload is not msgpack or not a map.
 */
export function projectPayload(
  payload: Uint8Array,
  descriptor: TypeVersionSpec,
  registry: Registry,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
): { data: Record<string, JsonValue>; unknown?: Record<string, JsonValue> } {
  const value = decodeMsgpack(payload);
  if (!(value instanceof MsgMap)) throw new UnprocessableError({ message: "payload is not a msgpack map" });
  const tags = tagsOf(value);
  const data = projectFields(tags, descriptor.fields, registry, options);
  if (!options.includeUnknown) return { data };
  const unknown: Record<string, JsonValue> = {};
  for (const [tag, v] of tags) if (!descriptor.fields.has(tag)) unknown[String(tag)] = renderGeneric(v, options);
  return { data, unknown };
}

/**
 * Projects a turn (its `payload` must be loaded) with the descriptor `hint` selects; never throws
 * for a missing descriptor or a bad payload: the turn falls back with an `error`.
 */
export function projectTurn(
  turn: TurnRecord,
  registry: Registry,
  hint: TypeHint,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
): TypedProjection {
  const payload = turn.payload ?? new Uint8Array();
  const descriptor =
    hint.mode === "explicit"
      ? registry.getTypeVersion(hint.typeId, hint.typeVersion)
      : hint.mode === "latest"
        ? registry.getLatestTypeVersion(turn.typeId)
        : registry.getTypeVersion(turn.typeId, turn.typeVersion);
  if (descriptor !== undefined) {
    try {
      const projected = projectPayload(payload, descriptor, registry, options);
      return { decodedAs: { typeId: descriptor.typeId, typeVersion: descriptor.version }, ...projected };
    } catch (error) {
      return fallback(payload, options, error);
    }
  }
  const wanted =
    hint.mode === "explicit"
      ? `${hint.typeId} v${hint.typeVersion}`
      : hint.mode === "latest"
        ? `${turn.typeId} (latest)`
        : `${turn.typeId} v${turn.typeVersion}`;
  const result = fallback(payload, options, undefined);
  result.error ??= { status: 424, message: `type descriptor not found: ${wanted}` };
  return result;
}

function fallback(payload: Uint8Array, options: RenderOptions, error: unknown): TypedProjection {
  try {
    const value = decodeMsgpack(payload);
    const out: TypedProjection = { data: renderGeneric(value, options) };
    if (error !== undefined) out.error = describe(error);
    return out;
  } catch (decodeError) {
    return { data: null, error: describe(decodeError) };
  }
}

function describe(error: unknown): { status: number; message: string } {
  if (CxdbError.isInstance(error)) return { status: error.status, message: error.message };
  return { status: 500, message: error instanceof Error ? error.message : String(error) };
}

function projectFields(
  tags: Map<number, MsgValue>,
  fields: Map<number, FieldSpec>,
  registry: Registry,
  options: RenderOptions,
): Record<string, JsonValue> {
  const data: Record<string, JsonValue> = {};
  for (const [tag, spec] of [...fields.entries()].sort(([a], [b]) => a - b)) {
    const value = tags.get(tag);
    if (value !== undefined) data[spec.name] = renderField(value, spec, registry, options);
  }
  return data;
}

function renderField(value: MsgValue, spec: FieldSpec, registry: Registry, options: RenderOptions): JsonValue {
  if (spec.enumRef !== undefined) {
    const n = toUnsigned(value);
    const label = n === undefined ? undefined : registry.getEnum(spec.enumRef)?.[String(n)];
    if (label !== undefined && n !== undefined) {
      if (options.enumRender === "label") return label;
      if (options.enumRender === "number") return n;
      return { label, value: n };
    }
  }
  if ((spec.type === "ref" || spec.type === "nested") && spec.ref !== undefined) {
    return renderRef(value, spec.ref, registry, options);
  }
  return renderTyped(value, spec.type, spec.items, registry, options);
}

function renderTyped(
  value: MsgValue,
  type: string,
  items: ItemsSpec | undefined,
  registry: Registry,
  options: RenderOptions,
): JsonValue {
  if (INT64_FIELD_TYPES.has(type)) return isInt(value) ? renderInt(value, options) : null;
  if (INT32_FIELD_TYPES.has(type)) return isInt(value) ? Number(value) : null;
  if (TIME_MS_FIELD_TYPES.has(type)) return renderTime(value, options);
  switch (type) {
    case "string":
      return typeof value === "string" ? value : null;
    case "bool":
      return typeof value === "boolean" ? value : null;
    case "bytes":
    case "typed_blob":
      return value instanceof Uint8Array ? renderBytes(value, options) : null;
    case "array":
      if (!Array.isArray(value)) return null;
      return value.map((item) =>
        items === undefined
          ? renderGeneric(item, options)
          : items.kind === "ref"
            ? renderRef(item, items.ref, registry, options)
            : renderTyped(item, items.type, undefined, registry, options),
      );
    default:
      return renderGeneric(value, options);
  }
}

function renderRef(value: MsgValue, typeId: string, registry: Registry, options: RenderOptions): JsonValue {
  const spec = registry.getLatestTypeVersion(typeId);
  if (spec === undefined || !(value instanceof MsgMap)) return renderGeneric(value, options);
  return projectFields(tagsOf(value), spec.fields, registry, options);
}

/**
 * Renders a msgpack value without a descriptor: maps keep their keys (tags as decimal strings),
 * non-negative integers follow `u64Format` (as CXDB renders them), bytes follow `bytesRender`.
 */
export function renderGeneric(value: MsgValue, options: RenderOptions = DEFAULT_RENDER_OPTIONS): JsonValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return renderInt(value, options);
  if (value instanceof MsgFloat) return Number.isFinite(value.value) ? value.value : null;
  if (value instanceof Uint8Array) return renderBytes(value, options);
  if (Array.isArray(value)) return value.map((v) => renderGeneric(v, options));
  if (value instanceof MsgMap) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of value.entries) {
      const tag = tagOf(k);
      const key =
        typeof k === "string"
          ? k
          : tag !== undefined
            ? String(tag)
            : typeof k === "number" || typeof k === "bigint"
              ? String(k)
              : "";
      out[key] = renderGeneric(v, options);
    }
    return out;
  }
  if (value instanceof MsgExt) return { ext_type: value.type, data: renderBytes(value.data, options) };
  return null;
}

function renderInt(value: number | bigint, options: RenderOptions): JsonValue {
  // Negative integers stay numbers; unsigned ones follow u64_format, as CXDB renders them.
  return value >= 0 && options.u64Format === "string" ? String(value) : value;
}

function renderBytes(bytes: Uint8Array, options: RenderOptions): JsonValue {
  switch (options.bytesRender) {
    case "hex":
      return Buffer.from(bytes).toString("hex");
    case "len_only":
      return bytes.byteLength;
    default:
      return Buffer.from(bytes).toString("base64");
  }
}

function renderTime(value: MsgValue, options: RenderOptions): JsonValue {
  if (!isInt(value)) return null;
  const ms = Number(value);
  if (options.timeRender === "unix_ms") return ms;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function isInt(value: MsgValue): value is number | bigint {
  return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
}

function toUnsigned(value: MsgValue): number | bigint | undefined {
  return isInt(value) && value >= 0 ? value : undefined;
}
