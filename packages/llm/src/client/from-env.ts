/**
 * Adapters from environment variables (unified-llm-spec §2.2).
 * @module
 */
import "../providers/register-builtins.js";
import { providerFactories } from "../providers/registry.js";
import type { ProviderAdapter } from "../types/adapter.js";

/** Options of {@link providersFromEnv}. */
export interface ProvidersFromEnvOptions {
  /** fetch implementation for every adapter (tests, proxies). */
  fetch?: typeof fetch;
}

/** One adapter per provider whose key is set in `env`, in registration order. */
export function providersFromEnv(
  env: Record<string, string | undefined>,
  options: ProvidersFromEnvOptions = {},
): Record<string, ProviderAdapter> {
  const providers: Record<string, ProviderAdapter> = {};
  for (const factory of providerFactories()) {
    const adapter = factory.fromEnv(env, options);
    if (adapter) providers[factory.name] = adapter;
  }
  return providers;
}
