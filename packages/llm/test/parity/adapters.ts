// One adapter per parity provider, for the backends' setups.
import { Client } from "../../src/client/client.js";
import { AnthropicAdapter } from "../../src/providers/anthropic/adapter.js";
import { GeminiAdapter } from "../../src/providers/gemini/adapter.js";
import { OpenAIAdapter } from "../../src/providers/openai/adapter.js";
import type { ProviderAdapter } from "../../src/types/adapter.js";
import type { ParityProvider } from "./parity-types.js";

/** The adapter of `provider` for `apiKey`; `baseUrl` undefined means the real API. */
export function parityAdapter(provider: ParityProvider, apiKey: string, baseUrl?: string): ProviderAdapter {
  const config = { apiKey, ...(baseUrl ? { baseUrl } : {}) };
  switch (provider) {
    case "openai":
      return new OpenAIAdapter(config);
    case "anthropic":
      return new AnthropicAdapter(config);
    case "gemini":
      return new GeminiAdapter(config);
  }
}

/** A client with only `provider`'s adapter, registered under the provider's name. */
export function parityClient(provider: ParityProvider, apiKey: string, baseUrl?: string): Client {
  return new Client({ providers: { [provider]: parityAdapter(provider, apiKey, baseUrl) } });
}
