/**
 * The models the Anthropic twin serves: ids and aliases (a request may name either; responses
 * report the id), limits, thinking support and the shortest cacheable prompt, as Anthropic
 * documents them.
 * @module
 */

/** A family of Claude models (`GET /v1/models` `line`). */
export type AnthropicModelLine = "haiku" | "sonnet" | "opus" | "fable" | "mythos";

/** One model of the catalog. */
export interface AnthropicModel {
  /** The id responses report (a dated snapshot for older models, e.g. `claude-sonnet-4-5-20250929`). */
  id: string;
  /** Other names that resolve to it (`claude-sonnet-4-5`). */
  aliases: readonly string[];
  displayName: string;
  /** Release date, RFC 3339. */
  createdAt: string;
  line: AnthropicModelLine;
  /** Context window in tokens (without the `context-1m-2025-08-07` beta). */
  maxInputTokens: number;
  /** Largest `max_tokens` the model takes. */
  maxOutputTokens: number;
  /** Extended thinking (`thinking: {type: "enabled"}`) is supported. */
  thinking: boolean;
  /** Adaptive thinking (`thinking: {type: "adaptive"}`) and `output_config.effort` are supported. */
  adaptive: boolean;
  /** Shortest prompt prefix the cache stores, in tokens (1024, 2048 or 4096). */
  minCacheTokens: number;
  /** The `context-1m-2025-08-07` beta raises the context window to 1,000,000 tokens. */
  context1m?: boolean;
  /** `output-128k-2025-02-19` raises `maxOutputTokens` to 128,000. */
  output128k?: boolean;
  lifecycle: "active" | "deprecated";
}

const M = 1_000_000;
const K200 = 200_000;

function model(
  id: string,
  displayName: string,
  createdAt: string,
  line: AnthropicModelLine,
  limits: Omit<AnthropicModel, "id" | "displayName" | "createdAt" | "line" | "aliases" | "lifecycle"> & {
    aliases?: readonly string[];
    lifecycle?: "active" | "deprecated";
  },
): AnthropicModel {
  return {
    id,
    displayName,
    createdAt: `${createdAt}T00:00:00Z`,
    line,
    aliases: [],
    lifecycle: "active",
    ...limits,
  };
}

const NEXT = { maxInputTokens: M, maxOutputTokens: 128_000, thinking: true, adaptive: true } as const;

/** The catalog, newest first (the order `GET /v1/models` lists them in). */
export const ANTHROPIC_MODELS: readonly AnthropicModel[] = [
  model("claude-fable-5-2", "Claude Fable 5.2", "2026-10-01", "fable", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-mythos-5-2", "Claude Mythos 5.2", "2026-10-01", "mythos", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-opus-5-5", "Claude Opus 5.5", "2026-09-15", "opus", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-sonnet-5-5", "Claude Sonnet 5.5", "2026-09-15", "sonnet", { ...NEXT, minCacheTokens: 2048 }),
  model("claude-haiku-5-5", "Claude Haiku 5.5", "2026-09-15", "haiku", {
    ...NEXT,
    maxOutputTokens: 64_000,
    minCacheTokens: 4096,
  }),
  model("claude-fable-5-1", "Claude Fable 5.1", "2026-08-01", "fable", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-mythos-5-1", "Claude Mythos 5.1", "2026-08-01", "mythos", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-fable-5", "Claude Fable 5", "2026-06-01", "fable", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-mythos-5", "Claude Mythos 5", "2026-06-01", "mythos", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-opus-5", "Claude Opus 5", "2026-05-01", "opus", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-sonnet-5", "Claude Sonnet 5", "2026-05-01", "sonnet", { ...NEXT, minCacheTokens: 2048 }),
  model("claude-opus-4-8", "Claude Opus 4.8", "2026-04-01", "opus", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-mythos-preview", "Claude Mythos Preview", "2026-03-15", "mythos", {
    ...NEXT,
    minCacheTokens: 4096,
  }),
  model("claude-opus-4-7", "Claude Opus 4.7", "2026-03-01", "opus", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-opus-4-6", "Claude Opus 4.6", "2026-02-05", "opus", { ...NEXT, minCacheTokens: 4096 }),
  model("claude-sonnet-4-6", "Claude Sonnet 4.6", "2026-02-17", "sonnet", {
    ...NEXT,
    maxOutputTokens: 64_000,
    minCacheTokens: 2048,
  }),
  model("claude-opus-4-5-20251101", "Claude Opus 4.5", "2025-11-24", "opus", {
    aliases: ["claude-opus-4-5"],
    maxInputTokens: K200,
    maxOutputTokens: 64_000,
    thinking: true,
    adaptive: true,
    minCacheTokens: 4096,
  }),
  model("claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-15", "haiku", {
    aliases: ["claude-haiku-4-5"],
    maxInputTokens: K200,
    maxOutputTokens: 64_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 4096,
  }),
  model("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29", "sonnet", {
    aliases: ["claude-sonnet-4-5"],
    maxInputTokens: K200,
    maxOutputTokens: 64_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 1024,
    context1m: true,
    lifecycle: "deprecated",
  }),
  model("claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05", "opus", {
    aliases: ["claude-opus-4-1"],
    maxInputTokens: K200,
    maxOutputTokens: 32_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 1024,
  }),
  model("claude-opus-4-20250514", "Claude Opus 4", "2025-05-22", "opus", {
    aliases: ["claude-opus-4-0"],
    maxInputTokens: K200,
    maxOutputTokens: 32_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 1024,
  }),
  model("claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-22", "sonnet", {
    aliases: ["claude-sonnet-4-0"],
    maxInputTokens: K200,
    maxOutputTokens: 64_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 1024,
    context1m: true,
  }),
  model("claude-3-7-sonnet-20250219", "Claude Sonnet 3.7", "2025-02-24", "sonnet", {
    aliases: ["claude-3-7-sonnet-latest"],
    maxInputTokens: K200,
    maxOutputTokens: 64_000,
    thinking: true,
    adaptive: false,
    minCacheTokens: 1024,
    output128k: true,
    lifecycle: "deprecated",
  }),
  model("claude-3-5-haiku-20241022", "Claude Haiku 3.5", "2024-10-22", "haiku", {
    aliases: ["claude-3-5-haiku-latest"],
    maxInputTokens: K200,
    maxOutputTokens: 8192,
    thinking: false,
    adaptive: false,
    minCacheTokens: 2048,
    lifecycle: "deprecated",
  }),
  model("claude-3-haiku-20240307", "Claude Haiku 3", "2024-03-07", "haiku", {
    maxInputTokens: K200,
    maxOutputTokens: 4096,
    thinking: false,
    adaptive: false,
    minCacheTokens: 2048,
  }),
];

/** The limits a model admitted through `TwinOptions.models` gets (a current Sonnet). */
const EXTRA_MODEL: Omit<AnthropicModel, "id" | "displayName"> = {
  aliases: [],
  createdAt: "2026-01-01T00:00:00Z",
  line: "sonnet",
  maxInputTokens: K200,
  maxOutputTokens: 64_000,
  thinking: true,
  adaptive: true,
  minCacheTokens: 1024,
  lifecycle: "active",
};

/**
 * Finds `id` in the catalog (ids and aliases), then in `extra` (`TwinOptions.models`; `"*"`
 * admits any id, with the limits of a current Sonnet).
 * @returns undefined for an unknown model.
 */
export function resolveModel(id: string, extra: readonly string[] = []): AnthropicModel | undefined {
  const found = ANTHROPIC_MODELS.find((m) => m.id === id || m.aliases.includes(id));
  if (found) return found;
  if (!extra.includes(id) && !extra.includes("*")) return undefined;
  return { ...EXTRA_MODEL, id, displayName: id };
}

/** Every model `GET /v1/models` lists: the catalog, then the extra ids (without `"*"`). */
export function listedModels(extra: readonly string[] = []): AnthropicModel[] {
  const out = [...ANTHROPIC_MODELS];
  for (const id of extra) if (id !== "*" && !resolveModel(id)) out.push({ ...EXTRA_MODEL, id, displayName: id });
  return out;
}

/** Shortest cacheable prefix of the model a request names (1024 for names outside the catalog). */
export function minCacheTokens(id: string): number {
  return resolveModel(id)?.minCacheTokens ?? 1024;
}
