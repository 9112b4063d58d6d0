/**
 * The OpenAI-compatible (Chat Completions) provider (unified-llm-spec §7.10): adapter, its
 * `fromEnv` factory and its options.
 * @module
 */
export type { OpenAICompatibleAdapterConfig, OpenAICompatibleProviderOptions } from "./adapter.js";
export {
  OPENAI_COMPATIBLE_NAME,
  OpenAICompatibleAdapter,
  openAICompatibleProviderFactory,
} from "./adapter.js";
