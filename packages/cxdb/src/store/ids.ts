/**
 * Turn and context ids: why they are `number`, and how inputs (`number | bigint | string`) are checked.
 *
 * The wire carries ids as u64. This store allocates them itself, sequentially from 1 (one global
 * counter for turns, one for contexts: SQLite `INTEGER PRIMARY KEY` rowids, never deleted, so each
 * new id is the previous maximum + 1). Reaching 2^53 would take 285 years at a million appends per
 * second, and {@link assertAllocatable} refuses to allocate past `Number.MAX_SAFE_INTEGER` anyway,
 * so every id the store hands out is a safe integer and the public API returns `number`. Inputs
 * accept `bigint` too (the binary protocol decodes u64 as bigint): a value above 2^53 − 1 names no
 * object this store could have created, and lookups answer NotFound for it, never a rounded id.
 * @module
 */
import { InternalError, InvalidArgumentError } from "./errors.js";

/** A turn or context id as callers may pass it: a non-negative integer (u64). */
export type IdInput = number | bigint;

/** Largest id this store ever allocates (2^53 − 1). */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** An id that no object can have: inputs above {@link MAX_ID} are mapped to it so lookups miss. */
export const UNREACHABLE_ID = -1;

/**
 * Checks an id input and returns it as a number: 0..2^53−1 as is, larger u64 values as
 * {@link UNREACHABLE_ID} (so a lookup finds nothing).
 * @throws InvalidArgumentError for negative, fractional, non-finite values and values over 2^64 − 1.
 */
export function toId(value: IdInput, what = "id"): number {
  if (typeof value === "bigint") {
    if (value < 0n || value > 0xffff_ffff_ffff_ffffn) {
      throw new InvalidArgumentError({ message: `${what} must be a u64, got ${value}` });
    }
    return value > BigInt(MAX_ID) ? UNREACHABLE_ID : Number(value);
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError({ message: `${what} must be a non-negative integer, got ${String(value)}` });
  }
  return value > MAX_ID ? UNREACHABLE_ID : value;
}

/**
 * Parses an id from text (a URL segment, a query parameter, a JSON string): decimal digits only.
 * @throws InvalidArgumentError when `text` is not a u64 in decimal.
 */
export function parseId(text: string | number | bigint | undefined | null, what = "id"): number {
  if (typeof text === "number" || typeof text === "bigint") return toId(text, what);
  if (typeof text !== "string" || !/^\d{1,20}$/.test(text)) {
    throw new InvalidArgumentError({ message: `${what} must be a decimal u64, got ${JSON.stringify(text ?? null)}` });
  }
  return toId(BigInt(text), what);
}

/** @throws InternalError when `next` is past {@link MAX_ID} (the store stops allocating ids). */
export function assertAllocatable(next: number, what: string): void {
  if (next > MAX_ID) throw new InternalError({ message: `${what} id space exhausted (ids stay below 2^53)` });
}
