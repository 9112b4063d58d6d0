/**
 * The models the Gemini twin serves: ids, what `GET /v1beta/models` says about them, the methods
 * they support, how they think (thinking levels for Gemini 3, token budgets for Gemini 2.5, none
 * before) and the shortest prompt prefix implicit caching stores for them.
 * @module
 */

/** How a model thinks. */
export type ThinkingSpec =
  /** Gemini 3: `thinkingLevel` (`thinkingBudget` still accepted); thinking cannot be turned off. */
  | { kind: "level"; levels: readonly string[]; defaultLevel: string }
  /**
   * Gemini 2.5: `thinkingBudget` in [min, max], `-1` = dynamic, `0` = off when `canDisable`;
   * `defaultOn` = thinks when the request says nothing.
   */
  | { kind: "budget"; min: number; max: number; canDisable: boolean; defaultOn: boolean }
  /** No thinking (Gemini 2.0, embeddings). */
  | { kind: "none" };

/** One model of the catalog. */
export interface GeminiModel {
  /** The id after `models/`. */
  id: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  /** `generateContent`, `countTokens`, ... (`streamGenerateContent` goes with `generateContent`). */
  methods: readonly string[];
  thinking: ThinkingSpec;
  /** Embedding models: components of a vector (the most `outputDimensionality` may ask for). */
  dimensions?: number;
  /** Sampling defaults shown by the models API (absent for embedding models). */
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
}

const GENERATE = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"] as const;
const LEVELS_PRO_3 = ["LOW", "HIGH"] as const;
const LEVELS_PRO_31 = ["LOW", "MEDIUM", "HIGH"] as const;
const LEVELS_FLASH_3 = ["MINIMAL", "LOW", "MEDIUM", "HIGH"] as const;
const M = 1_048_576;

function chat(
  id: string,
  version: string,
  displayName: string,
  description: string,
  thinking: ThinkingSpec,
  outputTokenLimit = 65_536,
): GeminiModel {
  return {
    id,
    version,
    displayName,
    description,
    inputTokenLimit: M,
    outputTokenLimit,
    methods: GENERATE,
    thinking,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
  };
}

/** The catalog, in the order `GET /v1beta/models` lists it. */
export const GEMINI_MODELS: readonly GeminiModel[] = [
  chat(
    "gemini-2.5-flash",
    "001",
    "Gemini 2.5 Flash",
    "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.",
    { kind: "budget", min: 1, max: 24_576, canDisable: true, defaultOn: true },
  ),
  chat("gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro", {
    kind: "budget",
    min: 128,
    max: 32_768,
    canDisable: false,
    defaultOn: true,
  }),
  chat(
    "gemini-2.5-flash-lite",
    "001",
    "Gemini 2.5 Flash-Lite",
    "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025",
    { kind: "budget", min: 512, max: 24_576, canDisable: true, defaultOn: false },
  ),
  chat("gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", { kind: "none" }, 8_192),
  chat("gemini-2.0-flash-lite", "2.0", "Gemini 2.0 Flash-Lite", "Gemini 2.0 Flash-Lite", { kind: "none" }, 8_192),
  chat("gemini-3-pro-preview", "3-pro-preview-11-2025", "Gemini 3 Pro Preview", "Gemini 3 Pro Preview", {
    kind: "level",
    levels: LEVELS_PRO_3,
    defaultLevel: "HIGH",
  }),
  chat("gemini-3.1-pro-preview", "3.1-pro-preview-02-2026", "Gemini 3.1 Pro Preview", "Gemini 3.1 Pro Preview", {
    kind: "level",
    levels: LEVELS_PRO_31,
    defaultLevel: "HIGH",
  }),
  chat("gemini-3-flash-preview", "3-flash-preview-12-2025", "Gemini 3 Flash Preview", "Gemini 3 Flash Preview", {
    kind: "level",
    levels: LEVELS_FLASH_3,
    defaultLevel: "HIGH",
  }),
  {
    id: "gemini-embedding-001",
    version: "001",
    displayName: "Gemini Embedding 001",
    description: "Obtain a distributed representation of a text.",
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    methods: ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"],
    thinking: { kind: "none" },
    dimensions: 3072,
  },
];

/** True for Gemini 3 and later: thought signatures on function calls are required. */
export function requiresThoughtSignatures(model: GeminiModel): boolean {
  return model.thinking.kind === "level";
}

/**
 * Shortest prompt (in tokens) implicit caching stores: 4096 for the Pro models, 1024 for the
 * rest (Gemini's documented minimums).
 */
export function implicitCacheMinTokens(model: string): number {
  return /-pro/.test(model) ? 4096 : 1024;
}

/**
 * Finds `id` (with or without `models/`) in the catalog, then in `extra` (`TwinOptions.models`;
 * `"*"` admits any id). Extra models think like their family: `gemini-3*` by level,
 * `gemini-2.5*` by budget, others not at all.
 * @returns undefined for an unknown model.
 */
export function resolveModel(id: string, extra: readonly string[] = []): GeminiModel | undefined {
  const bare = id.replace(/^models\//, "");
  const known = GEMINI_MODELS.find((m) => m.id === bare);
  if (known) return known;
  if (!extra.includes(bare) && !extra.includes("*")) return undefined;
  const thinking: ThinkingSpec = /^gemini-([3-9]|\d\d)/.test(bare)
    ? { kind: "level", levels: LEVELS_FLASH_3, defaultLevel: "HIGH" }
    : /^gemini-2\.5/.test(bare)
      ? { kind: "budget", min: 1, max: 32_768, canDisable: true, defaultOn: true }
      : { kind: "none" };
  return chat(bare, "001", bare, `${bare} (admitted by the twin's models option)`, thinking);
}

/** Every model `GET /v1beta/models` lists: the catalog, then the extra ids (without `"*"`). */
export function listedModels(extra: readonly string[] = []): GeminiModel[] {
  const out = [...GEMINI_MODELS];
  for (const id of extra) {
    const model = id === "*" || out.some((m) => m.id === id) ? undefined : resolveModel(id, extra);
    if (model) out.push(model);
  }
  return out;
}

/** The model resource as the models API sends it (`name: "models/<id>"`, wire field names). */
export function modelResource(model: GeminiModel): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    version: model.version,
    displayName: model.displayName,
    description: model.description,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: [...model.methods],
    ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
    ...(model.topP !== undefined ? { topP: model.topP } : {}),
    ...(model.topK !== undefined ? { topK: model.topK } : {}),
    ...(model.maxTemperature !== undefined ? { maxTemperature: model.maxTemperature } : {}),
    ...(model.thinking.kind !== "none" ? { thinking: true } : {}),
  };
}
