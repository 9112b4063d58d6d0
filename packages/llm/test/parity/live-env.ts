// Which live APIs the live parity tests may call: a provider runs only when its API key is set in
// the environment, and nothing in this module touches the network.
import { getLatestModel } from "../../src/catalog/catalog.js";
import type { ParityProvider } from "./parity-types.js";

/** The environment variables holding each provider's key, in order of preference. */
const KEY_VARIABLES: Record<ParityProvider, string[]> = {
  openai: ["OPENAI_API_KEY"],
  anthropic: ["ANTHROPIC_API_KEY"],
  gemini: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
};

/** Optional API roots (proxies, gateways), as `Client.fromEnv` reads them. */
const BASE_URL_VARIABLES: Record<ParityProvider, string> = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  gemini: "GEMINI_BASE_URL",
};

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

/** The provider's API key, or undefined when none is set. */
export function liveKey(provider: ParityProvider): string | undefined {
  for (const name of KEY_VARIABLES[provider]) {
    const value = env(name);
    if (value) return value;
  }
  return undefined;
}

/** The API root override, if any. */
export function liveBaseUrl(provider: ParityProvider): string | undefined {
  return env(BASE_URL_VARIABLES[provider]);
}

/** Why a provider's live tests are skipped (no key), or undefined when they run. */
export function liveSkipReason(provider: ParityProvider): string | undefined {
  return liveKey(provider) ? undefined : `${KEY_VARIABLES[provider].join(" or ")} is not set`;
}

/** The model to test: PARITY_<PROVIDER>_MODEL, else `fallback`, else the catalog's latest. */
export function liveModel(provider: ParityProvider, fallback?: string): string {
  const model = env(`PARITY_${provider.toUpperCase()}_MODEL`) ?? fallback ?? getLatestModel(provider)?.id;
  if (!model) throw new Error(`no ${provider} model: set PARITY_${provider.toUpperCase()}_MODEL`);
  return model;
}

/** A well-formed key that the provider does not know (for the 401 row). */
export const INVALID_KEYS: Record<ParityProvider, string> = {
  openai: "sk-proj-parity-invalid-key-000000000000000000000000",
  anthropic: "sk-ant-api03-parity-invalid-key-0000000000000000000000",
  gemini: "AIzaSyParityInvalidKey00000000000000000",
};
