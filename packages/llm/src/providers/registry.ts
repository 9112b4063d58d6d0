/**
 * The provider registry: how `Client.fromEnv()` finds the adapters it can build from
 * environment variables (unified-llm-spec §2.2). Built-ins register in `register-builtins.ts`.
 * @module
 */
import type { ProviderAdapter } from "../types/adapter.js";

/** Builds one provider's adapter from the environment, or says it is not configured. */
export interface ProviderFactory {
  /** Provider key, e.g. `openai`. */
  name: string;
  /** The adapter when its variables are set (e.g. OPENAI_API_KEY), else undefined. */
  fromEnv(env: Record<string, string | undefined>, options: { fetch?: typeof fetch }): ProviderAdapter | undefined;
}

const factories = new Map<string, ProviderFactory>();

/** Registers (or replaces) a factory. Registration order is `fromEnv` order. */
export function registerProviderFactory(factory: ProviderFactory): void {
  factories.set(factory.name, factory);
}

/** The registered factories, in registration order. */
export function providerFactories(): ProviderFactory[] {
  return [...factories.values()];
}
