/**
 * Registers the built-in providers for `Client.fromEnv()`, in default-provider order.
 * @module
 */
import { anthropicProviderFactory } from "./anthropic/index.js";
import { geminiProviderFactory } from "./gemini/adapter.js";
import { openaiProviderFactory } from "./openai/adapter.js";
import { openAICompatibleProviderFactory } from "./openai-compatible/adapter.js";
import { registerProviderFactory } from "./registry.js";

registerProviderFactory(openaiProviderFactory);
registerProviderFactory(anthropicProviderFactory);
registerProviderFactory(geminiProviderFactory);
registerProviderFactory(openAICompatibleProviderFactory);
