/**
 * The registry bundle format: its JSON shape-check (`parseBundle`) into type-version descriptors,
 * and the canonical JSON that decides whether two bundles are identical.
 * @module
 */
import { UnprocessableError } from "./errors.js";

/** Item type of an array field: a scalar type name, or a reference to a registered type. */
export type ItemsSpec = { kind: "simple"; type: string } | { kind: "ref"; ref: string };

/** A renderer for a type's payloads in the UI (CXDB's `RendererSpec`). */
export interface RendererSpec {
  /** ESM module URL, or `builtin:Name`. */
  esmUrl: string;
  /** Named export (default export when absent). */
  component?: string;
  /** Subresource Integrity hash. */
  integrity?: string;
}

/** One field of a type version. */
export interface FieldSpec {
  /** Numeric field tag (msgpack map key). */
  tag: number;
  /** Name in the JSON projection. */
  name: string;
  /** Field type: bool, i8..i64, u8..u64, f32, f64, string, bytes, array, map, ref, nested, typed_blob, unix_ms, time_ms, timestamp_ms, ... */
  type: string;
  /** Enum id whose labels render this field. */
  enumRef?: string;
  /** Referenced type id (`type: "ref"`, or `nested`). */
  ref?: string;
  optional: boolean;
  items?: ItemsSpec;
  /** The field's JSON as published (for the descriptor route). */
  json: Record<string, unknown>;
}

/** A registered type version. */
export interface TypeVersionSpec {
  typeId: string;
  version: number;
  fields: Map<number, FieldSpec>;
  renderer?: RendererSpec;
  /** Bundle that introduced this version. */
  bundleId: string;
}

/** A checked bundle: its id, its type versions by type id, its enums. */
export interface Parsed {
  bundleId: string;
  types: Map<string, Map<number, TypeVersionSpec>>;
  enums: Map<string, Record<string, string>>;
}

/**
 * Parses and shape-checks a bundle document.
 * @throws UnprocessableError naming the first malformed part.
 */
export function parseBundle(json: unknown): Parsed {
  const bad = (message: string): never => {
    throw new UnprocessableError({ message: `malformed bundle: ${message}` });
  };
  if (!isObject(json)) return bad("not a JSON object");
  const rv = json.registry_version;
  if (typeof rv !== "number" || !Number.isInteger(rv) || rv <= 0) bad("registry_version must be a positive integer");
  if (typeof json.bundle_id !== "string" || json.bundle_id === "") bad("bundle_id must be a non-empty string");
  const bundleId = json.bundle_id as string;
  const enums = new Map<string, Record<string, string>>();
  if (json.enums !== undefined && json.enums !== null) {
    if (!isObject(json.enums)) bad("enums must be an object");
    for (const [enumId, mapping] of Object.entries(json.enums as Record<string, unknown>)) {
      if (!isObject(mapping) || !Object.values(mapping).every((v) => typeof v === "string")) {
        bad(`enum ${enumId} must map values to string labels`);
      }
      enums.set(enumId, { ...(mapping as Record<string, string>) });
    }
  }
  const types = new Map<string, Map<number, TypeVersionSpec>>();
  if (json.types !== undefined && json.types !== null) {
    if (!isObject(json.types)) bad("types must be an object keyed by type id");
    for (const [typeId, entry] of Object.entries(json.types as Record<string, unknown>)) {
      if (typeId === "") bad("empty type id");
      if (!isObject(entry) || (entry.versions !== undefined && !isObject(entry.versions))) {
        bad(`type ${typeId} must be an object with "versions"`);
      }
      const versions = new Map<number, TypeVersionSpec>();
      for (const [versionText, def] of Object.entries(
        (entry as { versions?: Record<string, unknown> }).versions ?? {},
      )) {
        if (!/^\d{1,10}$/.test(versionText) || Number(versionText) > 0xffffffff) {
          bad(`type ${typeId}: version ${JSON.stringify(versionText)} is not a u32`);
        }
        const version = Number(versionText);
        versions.set(version, parseVersion(typeId, version, def, bundleId, bad));
      }
      types.set(typeId, versions);
    }
  }
  return { bundleId, types, enums };
}

function parseVersion(
  typeId: string,
  version: number,
  def: unknown,
  bundleId: string,
  bad: (message: string) => never,
): TypeVersionSpec {
  const where = `type ${typeId} version ${version}`;
  if (!isObject(def)) return bad(`${where} must be an object`);
  if (def.fields !== undefined && !isObject(def.fields)) bad(`${where}: fields must be an object keyed by tag`);
  const fields = new Map<number, FieldSpec>();
  const names = new Set<string>();
  for (const [tagText, raw] of Object.entries((def.fields as Record<string, unknown>) ?? {})) {
    if (!/^\d{1,15}$/.test(tagText) || Number(tagText) === 0)
      bad(`${where}: field tag ${JSON.stringify(tagText)} is not a positive integer`);
    const tag = Number(tagText);
    if (
      !isObject(raw) ||
      typeof raw.name !== "string" ||
      raw.name === "" ||
      typeof raw.type !== "string" ||
      raw.type === ""
    ) {
      bad(`${where} tag ${tag}: a field needs a non-empty "name" and "type"`);
    }
    const f = raw as Record<string, unknown>;
    if (names.has(f.name as string)) bad(`${where}: field name ${JSON.stringify(f.name)} is used twice`);
    names.add(f.name as string);
    for (const key of ["enum", "ref", "nested"] as const) {
      if (f[key] !== undefined && typeof f[key] !== "string") bad(`${where} tag ${tag}: "${key}" must be a string`);
    }
    if (f.optional !== undefined && typeof f.optional !== "boolean")
      bad(`${where} tag ${tag}: "optional" must be a boolean`);
    let items: ItemsSpec | undefined;
    if (typeof f.items === "string") items = { kind: "simple", type: f.items };
    else if (isObject(f.items)) {
      // `{ "type": "ref", "ref": "T" }`, or CXDB's shorthand `{ "ref": "T" }` (its conversation bundle uses it).
      if ((f.items.type === "ref" || f.items.type === undefined) && typeof f.items.ref === "string")
        items = { kind: "ref", ref: f.items.ref };
      else if (typeof f.items.type === "string") items = { kind: "simple", type: f.items.type };
    }
    const ref = typeof f.ref === "string" ? f.ref : typeof f.nested === "string" ? f.nested : undefined;
    fields.set(tag, {
      tag,
      name: f.name as string,
      type: f.type as string,
      enumRef: typeof f.enum === "string" ? f.enum : undefined,
      ref,
      optional: f.optional === true,
      items,
      json: { ...f },
    });
  }
  let renderer: RendererSpec | undefined;
  if (def.renderer !== undefined && def.renderer !== null) {
    const r = def.renderer;
    if (!isObject(r) || typeof r.esm_url !== "string") bad(`${where}: renderer needs an "esm_url"`);
    const spec = r as Record<string, unknown>;
    renderer = {
      esmUrl: spec.esm_url as string,
      component: typeof spec.component === "string" ? spec.component : undefined,
      integrity: typeof spec.integrity === "string" ? spec.integrity : undefined,
    };
  }
  return { typeId, version, fields, renderer, bundleId };
}

/** A comparable key of a version's fields (tag, name, type, enum, ref, optional, items). */
export function fieldsKey(fields: Map<number, FieldSpec>): string {
  return JSON.stringify(
    [...fields.values()]
      .sort((a, b) => a.tag - b.tag)
      .map((f) => [f.tag, f.name, f.type, f.enumRef ?? null, f.ref ?? null, f.optional, f.items ?? null]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted (identity of bundles regardless of key order and whitespace). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
