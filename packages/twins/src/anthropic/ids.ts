/**
 * Anthropic's id formats: `msg_01` and `toolu_01` + 22 letters and digits, `req_011C` + 20.
 * @module
 */
import type { IdSource } from "../kit/prng.js";

/** Mints Anthropic-looking ids. */
export interface AnthropicIds {
  /** A Message id (`msg_01...`). */
  message(): string;
  /** A `tool_use` block id (`toolu_01...`). */
  toolUse(): string;
}

/** Anthropic ids drawn from `ids`. */
export function anthropicIds(ids: IdSource): AnthropicIds {
  return {
    message: () => `msg_01${ids.alnum(22)}`,
    toolUse: () => `toolu_01${ids.alnum(22)}`,
  };
}

/** A request id as the `request-id` header carries it (`req_011C...`). */
export function mintRequestId(ids: IdSource): string {
  return `req_011C${ids.alnum(20)}`;
}
