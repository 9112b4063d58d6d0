/**
 * Loads the codec's own layout vectors from test/fixtures/protocol/: each lists a message's fields as
 * annotated hex (written by hand from the documented layout) and the decoded value, where `"u64:N"`
 * stands for a bigint and `"hex:..."` for bytes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface LayoutFixture {
  name: string;
  msg_type: number;
  flags: number;
  direction: "request" | "response";
  notes: string;
  fields: [string, string][];
  decoded: unknown;
  include_payload?: boolean;
  encode?: boolean;
}

export const layoutFixtureDir = fileURLToPath(new URL("../../fixtures/protocol/", import.meta.url));

/** Turns `"u64:N"` into bigint and `"hex:..."` into bytes, recursively. */
export function revive(value: unknown): unknown {
  if (typeof value === "string") {
    if (value.startsWith("u64:")) return BigInt(value.slice(4));
    if (value.startsWith("hex:")) return new Uint8Array(Buffer.from(value.slice(4), "hex"));
    return value;
  }
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** The payload bytes: every field's hex, concatenated. */
export function fixtureBytes(fixture: LayoutFixture): Uint8Array {
  return new Uint8Array(Buffer.from(fixture.fields.map(([, hex]) => hex).join(""), "hex"));
}

/** Every layout fixture, optionally only those of one msg_type. */
export function loadLayoutFixtures(msgType?: number): LayoutFixture[] {
  return readdirSync(layoutFixtureDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(layoutFixtureDir, f), "utf8")) as LayoutFixture)
    .filter((f) => msgType === undefined || f.msg_type === msgType);
}
