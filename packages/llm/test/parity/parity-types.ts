// The contract between the §8.9 parity matrix and a backend (scripted servers, live APIs, the
// digital twins): per provider, a configured Client, a model and what the backend can do.
import type { Client } from "../../src/client/client.js";
import type { RecordedRequest } from "../helpers/provider-server.js";
import type { NeutralUsage, ParityProvider, WireView } from "./wire/types.js";

export type { ParityProvider } from "./wire/types.js";

/** The rows of the §8.9 matrix, in the spec's order. */
export const PARITY_ROWS = [
  "simple_text",
  "streaming_text",
  "image_base64",
  "image_url",
  "single_tool",
  "parallel_tools",
  "tool_loop",
  "streaming_tools",
  "structured_output",
  "reasoning",
  "invalid_api_key",
  "rate_limit",
  "usage",
  "prompt_caching",
  "provider_options",
] as const;

export type ParityRowId = (typeof PARITY_ROWS)[number];

export const PARITY_PROVIDERS: readonly ParityProvider[] = ["openai", "anthropic", "gemini"];

/**
 * What a backend saw while one row ran. Only backends that can observe the wire (the scripted
 * servers, the twins) give one; the rows then check what the client sent as well as what it got.
 */
export interface ParityProbe {
  /** HTTP requests the provider received since the row began, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Those requests read into the provider-neutral view (see wire/types.ts). */
  readonly views: readonly WireView[];
  /** Token counts the provider reported, one per answered request, in order (errors excluded). */
  readonly usage: readonly NeutralUsage[];
}

/** One provider of one backend, once started. */
export interface ParityTarget {
  provider: ParityProvider;
  /** A client with this provider's adapter registered under the provider's name. */
  client: Client;
  /** The model every row uses. */
  model: string;
  /** A client for the same provider whose API key is wrong (the 401 row). */
  invalidKeyClient(): Client;
  /** An image reachable by URL and what a model should say about it. */
  imageUrl: { url: string; expect: RegExp };
  /** Called as each row starts: resets per-row state, arranges faults (a 429), and returns a probe. */
  begin?(row: ParityRowId): ParityProbe | undefined;
  /** Releases servers and clients. */
  close?(): Promise<void>;
}

/** How a backend provides one provider's column. */
export interface ParityProviderSetup {
  /** Why the whole column is skipped (e.g. no API key); it is then never started. */
  skip?: string;
  /** Rows this backend cannot run for this provider, with the reason. */
  skipRows?: Partial<Record<ParityRowId, string>>;
  /** Per-test timeout in ms (live models need more than the default 30 s). */
  timeoutMs?: number;
  /** Starts the column (servers, clients); called once, before its first row. */
  start(): Promise<ParityTarget>;
}

/** A backend: one setup per provider. Called at collection time, so it must not do I/O itself. */
export type ParitySetup = () => Record<ParityProvider, ParityProviderSetup>;
