/**
 * The Gemini provider (unified-llm-spec §7): adapter, its `fromEnv` factory and its options.
 * @module
 */
export type { GeminiAdapterConfig, GeminiProviderOptions } from "./adapter.js";
export { GEMINI_DEFAULT_BASE_URL, GeminiAdapter, geminiProviderFactory } from "./adapter.js";
