/**
 * The type registry: bundles (JSON, stored in SQLite in publication order), the type versions and
 * enums they define, and CXDB's evolution rules (a version is immutable, a tag keeps its type and
 * enum forever, an enum keeps its mapping). Conflicts are {@link RegistryConflictError} (HTTP 422).
 * @module
 */

import { NotFoundError, RegistryConflictError, UnprocessableError } from "./errors.js";
import { blake3Hex } from "./hash.js";
import {
  canonicalJson,
  fieldsKey,
  type Parsed,
  parseBundle,
  type RendererSpec,
  type TypeVersionSpec,
} from "./registry-bundle.js";
import type { SqliteDatabase } from "./sqlite.js";

/** A stored bundle. */
export interface StoredBundle {
  bundleId: string;
  /** The JSON text as first published. */
  body: string;
  /** Quoted strong ETag: `"<blake3 hex of body>"`. */
  etag: string;
}

/** Summary of one registered type. */
export interface TypeSummary {
  typeId: string;
  latestVersion: number;
  versions: number[];
  bundleId: string;
}

/** The registry; reads are in memory, `putBundle` writes one row. */
export class Registry {
  private readonly types = new Map<string, Map<number, TypeVersionSpec>>();
  private readonly tagSchema = new Map<string, Map<number, string>>();
  private readonly enums = new Map<string, Record<string, string>>();
  private readonly bundles = new Map<string, StoredBundle & { canonical: string }>();
  private lastId: string | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    const rows = db
      .prepare("SELECT bundle_id, body, canonical_hash, etag FROM registry_bundles ORDER BY seq")
      .all() as Array<{ bundle_id: string; body: string; canonical_hash: string; etag: string }>;
    for (const row of rows) {
      this.apply(parseBundle(JSON.parse(row.body) as unknown));
      this.bundles.set(row.bundle_id, {
        bundleId: row.bundle_id,
        body: row.body,
        etag: row.etag,
        canonical: row.canonical_hash,
      });
      this.lastId = row.bundle_id;
    }
  }

  /**
   * Publishes a bundle. `bundleId` (from the URL) must equal the body's `bundle_id`, or be its
   * prefix before `#` (clients that cannot encode `#`).
   * @returns created: false when an identical bundle (same id, same JSON content) already exists.
   * @throws UnprocessableError for malformed JSON or bundles, a missing enum, an id mismatch;
   *   RegistryConflictError for conflicting evolution or a reused bundle id.
   */
  putBundle(bundleId: string, body: string | object): { created: boolean; bundleId: string; etag: string } {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new UnprocessableError({ message: `invalid bundle JSON: ${(cause as Error).message}`, cause });
    }
    const parsed = parseBundle(json);
    if (bundleId !== parsed.bundleId && !parsed.bundleId.startsWith(`${bundleId}#`)) {
      throw new UnprocessableError({
        message: `bundle_id ${JSON.stringify(parsed.bundleId)} does not match the path's ${JSON.stringify(bundleId)}`,
      });
    }
    const canonical = blake3Hex(Buffer.from(canonicalJson(json)));
    const existing = this.bundles.get(parsed.bundleId);
    if (existing !== undefined) {
      if (existing.canonical === canonical) return { created: false, bundleId: parsed.bundleId, etag: existing.etag };
      throw new RegistryConflictError({ message: `bundle ${parsed.bundleId} already exists with different content` });
    }
    this.check(parsed);
    const etag = `"${blake3Hex(Buffer.from(text))}"`;
    this.db
      .prepare(
        "INSERT INTO registry_bundles (bundle_id, body, canonical_hash, etag, created_at_unix_ms) VALUES (?, ?, ?, ?, ?)",
      )
      .run(parsed.bundleId, text, canonical, etag, this.now());
    this.apply(parsed);
    this.bundles.set(parsed.bundleId, { bundleId: parsed.bundleId, body: text, etag, canonical });
    this.lastId = parsed.bundleId;
    return { created: true, bundleId: parsed.bundleId, etag };
  }

  /** A bundle by id, or by the prefix before `#`; undefined when absent. */
  getBundle(bundleId: string): StoredBundle | undefined {
    const exact = this.bundles.get(bundleId);
    if (exact !== undefined) return { bundleId: exact.bundleId, body: exact.body, etag: exact.etag };
    for (const b of [...this.bundles.values()].reverse()) {
      if (b.bundleId.startsWith(`${bundleId}#`)) return { bundleId: b.bundleId, body: b.body, etag: b.etag };
    }
    return undefined;
  }

  /** A type version's descriptor, or undefined. */
  getTypeVersion(typeId: string, version: number): TypeVersionSpec | undefined {
    return this.types.get(typeId)?.get(version);
  }

  /**
   * A type version's descriptor.
   * @throws NotFoundError when the type or version is not registered.
   */
  requireTypeVersion(typeId: string, version: number): TypeVersionSpec {
    const spec = this.getTypeVersion(typeId, version);
    if (spec === undefined) throw new NotFoundError({ message: `type version not found: ${typeId} v${version}` });
    return spec;
  }

  /** The highest registered version of a type, or undefined. */
  getLatestTypeVersion(typeId: string): TypeVersionSpec | undefined {
    const versions = this.types.get(typeId);
    if (versions === undefined || versions.size === 0) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  /** An enum's mapping (value as decimal string → label), or undefined. */
  getEnum(enumId: string): Record<string, string> | undefined {
    return this.enums.get(enumId);
  }

  /** Every registered type with its latest version, sorted by id. */
  listTypes(): TypeSummary[] {
    return [...this.types.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([typeId, versions]) => {
        const nums = [...versions.keys()].sort((a, b) => a - b);
        const latest = versions.get(nums[nums.length - 1]) as TypeVersionSpec;
        return { typeId, latestVersion: latest.version, versions: nums, bundleId: latest.bundleId };
      });
  }

  /** Renderer of each type's latest version that has one, by type id. */
  renderers(): Map<string, RendererSpec> {
    const out = new Map<string, RendererSpec>();
    for (const typeId of this.types.keys()) {
      const renderer = this.getLatestTypeVersion(typeId)?.renderer;
      if (renderer !== undefined) out.set(typeId, renderer);
    }
    return out;
  }

  /** Id of the most recently published bundle. */
  get lastBundleId(): string | undefined {
    return this.lastId;
  }

  /** Numbers of bundles, types and enums. */
  stats(): { bundles: number; types: number; enums: number } {
    return { bundles: this.bundles.size, types: this.types.size, enums: this.enums.size };
  }

  /** Validates `parsed` against what is registered, without changing anything. */
  private check(parsed: Parsed): void {
    for (const [enumId, mapping] of parsed.enums) {
      const existing = this.enums.get(enumId);
      if (existing !== undefined && canonicalJson(existing) !== canonicalJson(mapping)) {
        throw new RegistryConflictError({ message: `enum ${enumId} already exists with a different mapping` });
      }
    }
    for (const [typeId, versions] of parsed.types) {
      const schema = new Map(this.tagSchema.get(typeId) ?? []);
      for (const [version, spec] of versions) {
        const existing = this.types.get(typeId)?.get(version);
        if (existing !== undefined) {
          if (fieldsKey(existing.fields) !== fieldsKey(spec.fields)) {
            throw new RegistryConflictError({
              message: `type ${typeId} version ${version} differs from the registered one`,
            });
          }
          continue;
        }
        for (const f of spec.fields.values()) {
          const signature = `${f.type}|${f.enumRef ?? ""}`;
          const known = schema.get(f.tag);
          if (known !== undefined && known !== signature) {
            throw new RegistryConflictError({
              message: `type ${typeId} version ${version} reuses tag ${f.tag} with another type (${known.replace("|", " enum ")} → ${signature.replace("|", " enum ")})`,
            });
          }
          schema.set(f.tag, signature);
        }
      }
    }
    for (const [typeId, versions] of parsed.types) {
      for (const [version, spec] of versions) {
        for (const f of spec.fields.values()) {
          if (f.enumRef !== undefined && !this.enums.has(f.enumRef) && !parsed.enums.has(f.enumRef)) {
            throw new UnprocessableError({
              message: `type ${typeId} version ${version} tag ${f.tag} references missing enum ${f.enumRef}`,
            });
          }
        }
      }
    }
  }

  /** Merges a checked bundle into the in-memory model. */
  private apply(parsed: Parsed): void {
    for (const [enumId, mapping] of parsed.enums) if (!this.enums.has(enumId)) this.enums.set(enumId, mapping);
    for (const [typeId, versions] of parsed.types) {
      const known = this.types.get(typeId) ?? new Map<number, TypeVersionSpec>();
      this.types.set(typeId, known);
      const schema = this.tagSchema.get(typeId) ?? new Map<number, string>();
      this.tagSchema.set(typeId, schema);
      for (const [version, spec] of versions) {
        const existing = known.get(version);
        if (existing !== undefined) {
          if (existing.renderer === undefined && spec.renderer !== undefined) existing.renderer = spec.renderer;
          continue;
        }
        known.set(version, spec);
        for (const f of spec.fields.values()) if (!schema.has(f.tag)) schema.set(f.tag, `${f.type}|${f.enumRef ?? ""}`);
      }
    }
  }
}
