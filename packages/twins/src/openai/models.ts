/**
 * The models the OpenAI twin serves: ids, the snapshot a base id resolves to (reported as the
 * response's `model`), whether it reasons and with which default effort, and whether it is only
 * available on the Responses API; and the embedding models with their vector sizes.
 * @module
 */

/** One model of the catalog. */
export interface OpenAIModel {
  id: string;
  /** Unix seconds, as `GET /v1/models` reports. */
  created: number;
  /** The dated snapshot the id resolves to (`gpt-5-mini` -> `gpt-5-mini-2025-08-07`). */
  snapshot?: string;
  /** A reasoning model: `reasoning` is supported, sampling parameters are not. */
  reasoning: boolean;
  /** Effort used when the request sets none (`none` = no reasoning unless asked). */
  defaultEffort?: "none" | "medium";
  /** Served by `/v1/responses` only (codex models). */
  responsesOnly?: boolean;
}

/** The catalog. */
export const OPENAI_MODELS: readonly OpenAIModel[] = [
  { id: "gpt-5.4", created: 1772668800, reasoning: true, defaultEffort: "none" },
  { id: "gpt-5.3-codex", created: 1770163200, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "gpt-5.2", created: 1765411200, snapshot: "gpt-5.2-2025-12-11", reasoning: true, defaultEffort: "none" },
  { id: "gpt-5.2-codex", created: 1765756800, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "gpt-5.1", created: 1762992000, snapshot: "gpt-5.1-2025-11-13", reasoning: true, defaultEffort: "none" },
  { id: "gpt-5.1-codex", created: 1762992000, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "gpt-5.1-codex-mini", created: 1762992000, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "gpt-5.1-codex-max", created: 1763596800, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "gpt-5", created: 1754524800, snapshot: "gpt-5-2025-08-07", reasoning: true, defaultEffort: "medium" },
  {
    id: "gpt-5-mini",
    created: 1754524800,
    snapshot: "gpt-5-mini-2025-08-07",
    reasoning: true,
    defaultEffort: "medium",
  },
  {
    id: "gpt-5-nano",
    created: 1754524800,
    snapshot: "gpt-5-nano-2025-08-07",
    reasoning: true,
    defaultEffort: "medium",
  },
  { id: "gpt-5-codex", created: 1758153600, reasoning: true, defaultEffort: "medium", responsesOnly: true },
  { id: "o3", created: 1744761600, snapshot: "o3-2025-04-16", reasoning: true, defaultEffort: "medium" },
  { id: "o4-mini", created: 1744761600, snapshot: "o4-mini-2025-04-16", reasoning: true, defaultEffort: "medium" },
  { id: "o3-mini", created: 1738281600, snapshot: "o3-mini-2025-01-31", reasoning: true, defaultEffort: "medium" },
  { id: "gpt-4.1", created: 1744588800, snapshot: "gpt-4.1-2025-04-14", reasoning: false },
  { id: "gpt-4.1-mini", created: 1744588800, snapshot: "gpt-4.1-mini-2025-04-14", reasoning: false },
  { id: "gpt-4.1-nano", created: 1744588800, snapshot: "gpt-4.1-nano-2025-04-14", reasoning: false },
  { id: "gpt-4o", created: 1715367049, snapshot: "gpt-4o-2024-08-06", reasoning: false },
  { id: "gpt-4o-mini", created: 1721172741, snapshot: "gpt-4o-mini-2024-07-18", reasoning: false },
];

/** A model a request may use, and the name responses report. */
export interface ResolvedModel {
  model: OpenAIModel;
  /** What the response's `model` field says (the snapshot for base ids). */
  reportedAs: string;
}

/**
 * Finds `id` in the catalog (base ids and snapshots), then in `extra` (`TwinOptions.models`;
 * `"*"` admits any id). Models admitted through `extra` reason when their id starts with `o<digit>`
 * or `gpt-5`.
 * @returns undefined for an unknown model.
 */
export function resolveModel(id: string, extra: readonly string[] = []): ResolvedModel | undefined {
  for (const model of OPENAI_MODELS) {
    if (model.id === id) return { model, reportedAs: model.snapshot ?? model.id };
    if (model.snapshot === id) return { model, reportedAs: id };
  }
  if (!extra.includes(id) && !extra.includes("*")) return undefined;
  const reasoning = /^(o\d|gpt-5)/.test(id);
  return {
    model: { id, created: 1735689600, reasoning, ...(reasoning ? { defaultEffort: "medium" as const } : {}) },
    reportedAs: id,
  };
}

/** An embedding model of `POST /v1/embeddings`. */
export interface OpenAIEmbeddingModel {
  id: string;
  /** Unix seconds, as `GET /v1/models` reports. */
  created: number;
  /** Components of a vector when the request sets no `dimensions` (and the most it may ask for). */
  dimensions: number;
  /** The model accepts the `dimensions` parameter (the `text-embedding-3` models). */
  shortens: boolean;
}

/** Tokens one input of an embedding request may have. */
export const EMBEDDING_MAX_INPUT_TOKENS = 8192;

/** The embedding models. */
export const OPENAI_EMBEDDING_MODELS: readonly OpenAIEmbeddingModel[] = [
  { id: "text-embedding-3-large", created: 1705953180, dimensions: 3072, shortens: true },
  { id: "text-embedding-3-small", created: 1705948997, dimensions: 1536, shortens: true },
  { id: "text-embedding-ada-002", created: 1671217299, dimensions: 1536, shortens: false },
];

/**
 * The embedding model `id`, or, for an id admitted by `extra` (`TwinOptions.models`, `"*"` any),
 * one like `text-embedding-3-small`.
 * @returns undefined for an unknown id (chat models included).
 */
export function resolveEmbeddingModel(id: string, extra: readonly string[] = []): OpenAIEmbeddingModel | undefined {
  const known = OPENAI_EMBEDDING_MODELS.find((m) => m.id === id);
  if (known) return known;
  if (!extra.includes(id) && !extra.includes("*")) return undefined;
  return { id, created: 1735689600, dimensions: 1536, shortens: true };
}

/**
 * Every id `GET /v1/models` lists: base ids, snapshots, the embedding models and the extra ids
 * (without `"*"`).
 */
export function listedModels(extra: readonly string[] = []): { id: string; created: number }[] {
  const out = OPENAI_MODELS.flatMap((m) => [
    { id: m.id, created: m.created },
    ...(m.snapshot ? [{ id: m.snapshot, created: m.created }] : []),
  ]);
  for (const m of OPENAI_EMBEDDING_MODELS) out.push({ id: m.id, created: m.created });
  for (const id of extra) if (id !== "*" && !out.some((m) => m.id === id)) out.push({ id, created: 1735689600 });
  return out;
}
