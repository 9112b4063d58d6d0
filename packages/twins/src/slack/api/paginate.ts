/**
 * Slack's cursor pagination: `limit` and `cursor` in, `response_metadata.next_cursor` out ("" on
 * the last page). A cursor names the first item of the next page (`base64("user:U123")`), so
 * pages stay right while items are added.
 * @module
 */
import { slackError } from "../errors.js";
import type { SlackArgs } from "./args.js";

/** How to page one list. */
export interface PageOptions<T> {
  /** Cursor prefix naming the list (`channel`, `user`, `next_ts`). */
  prefix: string;
  /** The key of an item (an id, a ts). */
  keyOf(item: T): string;
  /** Orders two keys the way the list is ordered (default: text order). */
  compare?(a: string, b: string): number;
  /** Default 100. */
  defaultLimit?: number;
  /** Default 1000. */
  maxLimit?: number;
}

/** One page and the cursor of the next one ("" when none). */
export interface Page<T> {
  items: T[];
  nextCursor: string;
}

/** The cursor that starts at key `key` of list `prefix`. */
export function encodeCursor(prefix: string, key: string): string {
  return Buffer.from(`${prefix}:${key}`).toString("base64");
}

/**
 * The page of `items` (already ordered as `options.compare` says) that `cursor` and `limit` ask for.
 * A `limit` under 1 means the default; over the maximum, the maximum.
 * @throws SlackApiError `invalid_cursor` for a cursor of another list or not a cursor.
 */
export function paginate<T>(items: readonly T[], args: SlackArgs, options: PageOptions<T>): Page<T> {
  const requested = args.int("limit", 0, { error: "invalid_limit" });
  const limit = Math.min(requested < 1 ? (options.defaultLimit ?? 100) : requested, options.maxLimit ?? 1000);
  const compare = options.compare ?? ((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  let start = 0;
  const cursor = args.string("cursor");
  if (cursor !== undefined) {
    const text = Buffer.from(cursor, "base64").toString("utf8");
    if (!text.startsWith(`${options.prefix}:`)) throw slackError("invalid_cursor");
    const key = text.slice(options.prefix.length + 1);
    start = items.findIndex((item) => compare(options.keyOf(item), key) >= 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return { items: page, nextCursor: next === undefined ? "" : encodeCursor(options.prefix, options.keyOf(next)) };
}

/** `response_metadata` of a page. */
export function pageMetadata(page: Page<unknown>): { response_metadata: { next_cursor: string } } {
  return { response_metadata: { next_cursor: page.nextCursor } };
}
