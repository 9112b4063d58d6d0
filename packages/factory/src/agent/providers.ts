/**
 * Which LLM providers the factory's coding agents can use, read from the environment through the
 * unified client's registry (`Client.fromEnv`, unified-llm-spec §2.2), and which provider, model
 * and reasoning effort a stage or a `factory agent` run gets (attractor-spec §8: the stylesheet
 * resolves `llm_provider`, `llm_model` and `reasoning_effort` onto each node).
 * @module
 */
import {
  ANTHROPIC_DEFAULT_MODEL,
  createAnthropicProfile,
  createGeminiProfile,
  createOpenAIProfile,
  GEMINI_DEFAULT_MODEL,
  OPENAI_DEFAULT_MODEL,
  type ProfileOptions,
  type ProviderProfile,
} from "@darkfactory/agent";
import { Client, getModelInfo, type ReasoningEffort } from "@darkfactory/llm";

/** The providers with a coding-agent profile (coding-agent-loop-spec §3.4-3.6), in default order. */
export const AGENT_PROVIDERS = ["openai", "anthropic", "gemini"] as const;

/** One of {@link AGENT_PROVIDERS}. */
export type AgentProvider = (typeof AGENT_PROVIDERS)[number];

/** Environment variables of each provider: its key(s) and its base URL. */
export const PROVIDER_ENV: Readonly<Record<AgentProvider, { keys: readonly string[]; baseUrl: string }>> = {
  openai: { keys: ["OPENAI_API_KEY"], baseUrl: "OPENAI_BASE_URL" },
  anthropic: { keys: ["ANTHROPIC_API_KEY"], baseUrl: "ANTHROPIC_BASE_URL" },
  gemini: { keys: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], baseUrl: "GEMINI_BASE_URL" },
};

/** What to tell a user who has no provider configured (one short clause). */
export const NO_PROVIDER_HINT = "set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or a *_BASE_URL";

/** Placeholder key for a provider configured only by its base URL (a twin needs no real key). */
const LOCAL_SERVER_KEY = "local-server";

const PROFILES: Record<AgentProvider, (options: ProfileOptions) => ProviderProfile> = {
  openai: createOpenAIProfile,
  anthropic: createAnthropicProfile,
  gemini: createGeminiProfile,
};

const DEFAULT_MODELS: Record<AgentProvider, string> = {
  openai: OPENAI_DEFAULT_MODEL,
  anthropic: ANTHROPIC_DEFAULT_MODEL,
  gemini: GEMINI_DEFAULT_MODEL,
};

const EFFORTS: readonly string[] = ["low", "medium", "high"];

/** The client and the agent providers it can reach. */
export interface AgentProviders {
  client: Client;
  /** Configured providers that have an agent profile, in default order. */
  configured: AgentProvider[];
}

/**
 * Builds the unified client from `env` and lists the configured agent providers. A provider
 * counts as configured when its key is set, or when only its base URL is set (an `http(s)://`
 * URL, such as an LLM twin's from `factory twin start`): it then gets the placeholder key
 * {@link LOCAL_SERVER_KEY}. (A bare-origin base URL gets its API version path from the adapter.)
 * Never throws.
 */
export function agentProvidersFromEnv(env: Readonly<Record<string, string | undefined>>): AgentProviders {
  const effective: Record<string, string | undefined> = { ...env };
  for (const provider of AGENT_PROVIDERS) {
    const { keys, baseUrl } = PROVIDER_ENV[provider];
    const hasKey = keys.some((key) => (env[key] ?? "").trim() !== "");
    if (!hasKey && httpUrl(env[baseUrl]) !== undefined) effective[keys[0]] = LOCAL_SERVER_KEY;
  }
  const client = Client.fromEnv(effective);
  const names = client.providerNames();
  return { client, configured: AGENT_PROVIDERS.filter((p) => names.includes(p)) };
}

/** `value` as an `http(s)://` URL, or undefined. */
function httpUrl(value: string | undefined): URL | undefined {
  try {
    const url = new URL(value?.trim() ?? "");
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `name` as an agent provider, or undefined (case-insensitive; `google` means gemini). */
export function asAgentProvider(name: string | undefined): AgentProvider | undefined {
  const lower = name?.trim().toLowerCase();
  if (lower === "google") return "gemini";
  return (AGENT_PROVIDERS as readonly string[]).includes(lower ?? "") ? (lower as AgentProvider) : undefined;
}

/** The provider of a model id: from the model catalog, else by its family prefix. */
export function providerOfModel(model: string): AgentProvider | undefined {
  const known = asAgentProvider(getModelInfo(model)?.provider);
  if (known) return known;
  const id = model.toLowerCase();
  if (id.startsWith("claude")) return "anthropic";
  if (id.startsWith("gemini")) return "gemini";
  if (/^(gpt|o\d|codex|chatgpt)/.test(id)) return "openai";
  return undefined;
}

/** `value` as a reasoning effort (`low`, `medium`, `high`), or undefined. */
function asReasoningEffort(value: string | undefined): ReasoningEffort | undefined {
  const lower = value?.trim().toLowerCase();
  return lower !== undefined && EFFORTS.includes(lower) ? (lower as ReasoningEffort) : undefined;
}

/** The default model of a provider's profile (e.g. `gpt-5.2-codex`). */
function defaultModelOf(provider: AgentProvider): string {
  return DEFAULT_MODELS[provider];
}

/** A profile of `provider` for `model` (its default model when undefined). */
export function createAgentProfile(provider: AgentProvider, model: string | undefined): ProviderProfile {
  return PROFILES[provider](model !== undefined ? { model } : {});
}

/** What an agent runs on. */
export interface AgentTarget {
  provider: AgentProvider;
  model: string;
  /** Undefined: the provider's default. */
  reasoningEffort: ReasoningEffort | undefined;
  /** Why the request could not be honoured as asked (a provider that is not configured...). */
  warnings: string[];
}

/** What was asked for: by a node's attributes, or by command-line flags. */
export interface TargetRequest {
  provider?: string | undefined;
  model?: string | undefined;
  reasoningEffort?: string | undefined;
}

/**
 * Resolves what an agent runs on. Provider: the requested one, else the model's provider, else
 * `defaults.provider`, else the first configured. A requested provider that is not configured
 * falls back to the default provider with its default model (and a warning), so a pipeline
 * written for one provider still runs on another. Model: the requested one, else the default's
 * (`defaults.model`, when the provider is the default's), else the profile's default. An unknown
 * reasoning effort is ignored with a warning.
 * @throws Error when no provider is configured.
 */
export function resolveTarget(
  request: TargetRequest,
  defaults: TargetRequest,
  configured: readonly AgentProvider[],
): AgentTarget {
  if (configured.length === 0) throw new Error(`no LLM provider configured: ${NO_PROVIDER_HINT}`);
  const warnings: string[] = [];
  const fallbackProvider = pickConfigured(defaults, configured);
  const requestedName = request.provider?.trim() || undefined;
  const requestedModel = request.model?.trim() || undefined;
  let provider = requestedName ? asAgentProvider(requestedName) : undefined;
  let model = requestedModel;
  if (requestedName && !provider) {
    warnings.push(`unknown provider '${requestedName}': using ${fallbackProvider}`);
  } else if (!provider && model) {
    provider = providerOfModel(model);
  }
  if (provider && !configured.includes(provider)) {
    warnings.push(
      `provider ${provider} is not configured (${PROVIDER_ENV[provider].keys[0]}): using ${fallbackProvider}`,
    );
    provider = undefined;
    model = undefined;
  } else if (!provider && model) {
    warnings.push(`cannot tell the provider of model '${model}': using ${fallbackProvider} and its default model`);
    model = undefined;
  }
  provider ??= fallbackProvider;
  const defaultModel = defaults.model?.trim() || undefined;
  model ??=
    defaultModel && provider === fallbackProvider && (providerOfModel(defaultModel) ?? provider) === provider
      ? defaultModel
      : defaultModelOf(provider);
  const effortText = request.reasoningEffort?.trim() || defaults.reasoningEffort?.trim() || undefined;
  const reasoningEffort = asReasoningEffort(effortText);
  if (effortText && !reasoningEffort) warnings.push(`unknown reasoning effort '${effortText}': using the default`);
  return { provider, model, reasoningEffort, warnings };
}

/** The default provider: `defaults.provider`, else the provider of `defaults.model`, else the first configured. */
function pickConfigured(defaults: TargetRequest, configured: readonly AgentProvider[]): AgentProvider {
  const named = asAgentProvider(defaults.provider);
  if (named && configured.includes(named)) return named;
  const ofModel = defaults.model ? providerOfModel(defaults.model) : undefined;
  if (ofModel && configured.includes(ofModel)) return ofModel;
  return configured[0];
}

/**
 * What is wrong with `--provider` / `--model` flags, or undefined when they can be used: an
 * unknown provider, a provider that is not configured, a model of a known provider that is not
 * configured (without `--provider`), or no provider configured at all.
 */
export function providerFlagProblem(flags: TargetRequest, configured: readonly AgentProvider[]): string | undefined {
  const provider = flags.provider?.trim() || undefined;
  const model = flags.model?.trim() || undefined;
  if (provider !== undefined && asAgentProvider(provider) === undefined) {
    return `unknown provider '${provider}': use ${AGENT_PROVIDERS.join(", ")}`;
  }
  const named =
    provider !== undefined ? asAgentProvider(provider) : model !== undefined ? providerOfModel(model) : undefined;
  if (named !== undefined && !configured.includes(named)) {
    const { keys, baseUrl } = PROVIDER_ENV[named];
    const what = provider === undefined ? `model ${model} needs provider ${named}, which` : `provider ${named}`;
    return `${what} is not configured: set ${keys.join(" or ")} (or ${baseUrl})`;
  }
  return configured.length === 0 ? `no LLM provider configured: ${NO_PROVIDER_HINT}` : undefined;
}
