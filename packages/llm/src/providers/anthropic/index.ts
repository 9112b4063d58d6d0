/**
 * The Anthropic provider (Messages API): the adapter and its environment factory.
 * @module
 */
import type { ProviderFactory } from "../registry.js";
import { anthropicFromEnv } from "./adapter.js";

export type { AnthropicAdapterConfig } from "./adapter.js";
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_VERSION,
  AnthropicAdapter,
  anthropicFromEnv,
  messagesUrl,
} from "./adapter.js";
export { applyAutoCache, countCacheBreakpoints, MAX_CACHE_BREAKPOINTS } from "./cache.js";
export { errorFromErrorBody, parseErrorBody } from "./errors.js";
export type { BuildRequestOptions, BuiltRequest } from "./request.js";
export {
  buildRequest,
  DEFAULT_MAX_TOKENS,
  PROMPT_CACHING_BETA,
  THINKING_BUDGET_TOKENS,
} from "./request.js";
export { convertUsage, estimateTokens, mapStopReason, parseResponse } from "./response.js";
export type { StreamContext } from "./stream.js";
export { translateStream } from "./stream.js";

/** §2.2 the `anthropic` provider factory: ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL). */
export const anthropicProviderFactory: ProviderFactory = {
  name: "anthropic",
  fromEnv: (env, options) => anthropicFromEnv(env, options),
};
