/**
 * The model catalog (unified-llm-spec §2.9): known models, their limits, capabilities and
 * prices, read from the data file `models.json`. Advisory only: unknown model ids still work.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";
import catalogFile from "./models.json" with { type: "json" };

/** §2.9 what the catalog knows about a model. */
export interface ModelInfo {
  /** The model's API id, e.g. `claude-opus-4-6`. */
  readonly id: string;
  /** Provider key, e.g. `anthropic`. */
  readonly provider: string;
  readonly displayName: string;
  /** Maximum input + output tokens. */
  readonly contextWindow: number;
  /** Maximum output tokens, when known. */
  readonly maxOutput?: number;
  readonly supportsTools: boolean;
  readonly supportsVision: boolean;
  readonly supportsReasoning: boolean;
  /** USD per million input tokens, when known. */
  readonly inputCostPerMillion?: number;
  /** USD per million output tokens, when known. */
  readonly outputCostPerMillion?: number;
  /** Short names, e.g. `sonnet`. */
  readonly aliases: readonly string[];
}

/** A capability `getLatestModel()` can filter on. */
export type ModelCapability = "tools" | "vision" | "reasoning";

const CAPABILITIES: Record<ModelCapability, (model: ModelInfo) => boolean> = {
  tools: (m) => m.supportsTools,
  vision: (m) => m.supportsVision,
  reasoning: (m) => m.supportsReasoning,
};

const MODELS: readonly ModelInfo[] = Object.freeze(
  (catalogFile.models as ModelInfo[]).map((m) => Object.freeze({ ...m, aliases: Object.freeze([...m.aliases]) })),
);

/**
 * §2.9 the catalog entry for a model id or alias (exact match first, then case-insensitive), or
 * undefined when the model is unknown.
 */
export function getModelInfo(idOrAlias: string): ModelInfo | undefined {
  const exact = MODELS.find((m) => m.id === idOrAlias) ?? MODELS.find((m) => m.aliases.includes(idOrAlias));
  if (exact) return exact;
  const lower = idOrAlias.toLowerCase();
  return MODELS.find((m) => m.id.toLowerCase() === lower || m.aliases.some((a) => a.toLowerCase() === lower));
}

/** §2.9 all known models, or those of one provider; within a provider, best first. */
export function listModels(provider?: string): ModelInfo[] {
  return MODELS.filter((m) => provider === undefined || m.provider === provider);
}

/**
 * §2.9 the newest/best model of `provider`, optionally one with `capability`; undefined when the
 * provider has none.
 * @throws ConfigurationError for an unknown capability.
 */
export function getLatestModel(provider: string, capability?: ModelCapability): ModelInfo | undefined {
  const has = capability === undefined ? () => true : CAPABILITIES[capability];
  if (!has) {
    throw new ConfigurationError({
      message: `unknown capability '${capability}': use one of ${Object.keys(CAPABILITIES).join(", ")}`,
    });
  }
  return MODELS.find((m) => m.provider === provider && has(m));
}
