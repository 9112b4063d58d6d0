/**
 * Unified Request → Anthropic Messages request body and beta list (unified-llm-spec §7.2-7.4,
 * §5.3, §3.10, §2.8, §2.10). Pure apart from reading local media files through the injectable
 * resolver.
 * @module
 */
import type {
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  ThinkingConfigParam,
  Tool,
  ToolChoice as WireToolChoice,
} from "@anthropic-ai/sdk/resources/messages";
import { resolveMedia } from "../../http/media.js";
import type { ReasoningEffort, Request } from "../../types/request.js";
import type { Warning } from "../../types/response.js";
import { applyAutoCache, usesPromptCaching } from "./cache.js";
import { PROVIDER } from "./errors.js";
import { convertMessages, type MediaResolver } from "./messages.js";
import type { AnthropicRequestBody, AnthropicSamplingParams, TextBlockParam, ToolUnion } from "./wire-types.js";

/** Anthropic requires `max_tokens`; used when the request sets none (§7.3). */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Extended-thinking budget (`thinking.budget_tokens`, in tokens) per `reasoningEffort` level
 * (Anthropic's minimum is 1024). When the request sets no `maxTokens`, `max_tokens` becomes
 * budget + {@link DEFAULT_MAX_TOKENS} so the answer keeps room after the thinking.
 */
export const THINKING_BUDGET_TOKENS: Readonly<Record<ReasoningEffort, number>> = Object.freeze({
  low: 2048,
  medium: 8192,
  high: 16384,
});

/** The beta the adapter adds whenever the body carries `cache_control` (§2.8, §8.6). */
export const PROMPT_CACHING_BETA = "prompt-caching-2024-07-31";

/**
 * `providerOptions.anthropic` keys the adapter reads itself; every other key is merged into the
 * body as written (so use the API's snake_case names: `top_k`, `service_tier`, `container`,
 * `mcp_servers`, `context_management`, `tool_choice`, ...).
 */
const CONSUMED_OPTIONS = new Set([
  "betaHeaders",
  "beta_headers",
  "autoCache",
  "auto_cache",
  "thinking",
  "tools",
  "structuredOutputMode",
  "structured_output_mode",
]);

/** Options of {@link buildRequest}. */
export interface BuildRequestOptions {
  /** Builds a streaming body (`stream: true`). */
  stream: boolean;
  /** The adapter's automatic caching default; a request's `autoCache`/`auto_cache` wins. */
  autoCache: boolean;
  /** Media resolver (default: the shared `resolveMedia`, which reads local paths). */
  resolveMedia?: MediaResolver;
}

/** A translated request. */
export interface BuiltRequest {
  body: AnthropicRequestBody;
  /** Values for the `anthropic-beta` header (deduplicated; empty for none). */
  betas: string[];
  /** Non-fatal adaptations (dropped parts, emulated JSON mode, raised max_tokens, ...). */
  warnings: Warning[];
}

/**
 * Builds the Messages API body (§7.2):
 * - messages and system: see `convertMessages` (§7.3);
 * - `max_tokens`: `maxTokens`, default {@link DEFAULT_MAX_TOKENS}; with thinking on, the default
 *   becomes budget + {@link DEFAULT_MAX_TOKENS}, and a `maxTokens` not above the budget is raised
 *   to `maxTokens` + budget (with a Warning), since Anthropic counts thinking in `max_tokens`;
 * - tools → `{name, description, input_schema}`, plus `providerOptions.anthropic.tools` (server
 *   tools such as web search) appended as written; tool choice auto → `{type:"auto"}`, required →
 *   `{type:"any"}`, named → `{type:"tool", name}`, none → tools omitted entirely (§5.3);
 * - `responseFormat`: `json_schema` → native structured output (`output_config.format`), or, with
 *   `providerOptions.anthropic.structuredOutputMode = "prompt"` (for models without it), a system
 *   instruction; `json` (no schema, which Anthropic cannot enforce) → a system instruction. Both
 *   emulations add a Warning (code `response_format_emulated`);
 * - `reasoningEffort` → `thinking: {type:"enabled", budget_tokens}` per
 *   {@link THINKING_BUDGET_TOKENS}, unless `providerOptions.anthropic.thinking` is set (used as is);
 * - `temperature`, `topP` → `temperature`, `top_p`; `stopSequences` → `stop_sequences`;
 *   `metadata.user_id` (or `userId`) → `metadata.user_id` (other keys are not sent: Warning);
 * - the rest of `providerOptions.anthropic` merged last; then automatic `cache_control`
 *   breakpoints (see cache.ts) unless disabled.
 * Betas: `providerOptions.anthropic.betaHeaders` (or `beta_headers`; a list or a comma-separated
 * string), plus {@link PROMPT_CACHING_BETA} when the body carries `cache_control`.
 * @throws ConfigurationError for content Anthropic cannot take (see `convertMessages`).
 */
export async function buildRequest(request: Request, options: BuildRequestOptions): Promise<BuiltRequest> {
  const providerOptions = request.providerOptions?.[PROVIDER] ?? {};
  const converted = await convertMessages(request.messages, options.resolveMedia ?? resolveMedia);
  const warnings = [...converted.warnings];
  const system: TextBlockParam[] = [...converted.system];

  const format = request.responseFormat;
  const promptMode = (providerOptions.structuredOutputMode ?? providerOptions.structured_output_mode) === "prompt";
  let outputConfig: MessageCreateParamsNonStreaming["output_config"];
  if (format?.type === "json_schema" && format.jsonSchema && !promptMode) {
    outputConfig = { format: { type: "json_schema", schema: format.jsonSchema } };
  } else if (format?.type === "json" || format?.type === "json_schema") {
    system.push({ type: "text", text: jsonInstruction(format.type === "json_schema" ? format.jsonSchema : undefined) });
    warnings.push({
      code: "response_format_emulated",
      message:
        format.type === "json"
          ? "anthropic: JSON mode without a schema is not native; the model was asked for JSON in the system prompt"
          : "anthropic: the JSON schema was given in the system prompt (structuredOutputMode 'prompt'), not enforced",
    });
  }

  const thinking = thinkingConfig(request, providerOptions.thinking);
  let maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (thinking?.type === "enabled") {
    if (request.maxTokens === undefined) {
      maxTokens = DEFAULT_MAX_TOKENS + thinking.budget_tokens;
    } else if (maxTokens <= thinking.budget_tokens) {
      maxTokens = request.maxTokens + thinking.budget_tokens;
      warnings.push({
        code: "max_tokens_raised",
        message: `anthropic: max_tokens ${request.maxTokens} does not exceed the thinking budget ${thinking.budget_tokens}; sent ${maxTokens}`,
      });
    }
  }

  const extraTools = Array.isArray(providerOptions.tools) ? (providerOptions.tools as ToolUnion[]) : [];
  const choice = request.toolChoice?.mode ?? "auto";
  const functionTools: ToolUnion[] =
    choice === "none"
      ? []
      : (request.tools ?? []).map(
          (tool): Tool => ({
            name: tool.name,
            description: tool.description,
            input_schema: tool.parameters as Tool.InputSchema,
          }),
        );
  const tools = choice === "none" ? [] : [...functionTools, ...extraTools];
  const toolChoice = tools.length > 0 ? wireToolChoice(request) : undefined;

  const metadata = metadataOf(request.metadata, warnings);
  const params = {
    model: request.model,
    max_tokens: maxTokens,
    messages: converted.messages,
    ...(system.length > 0 ? { system } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(thinking ? { thinking } : {}),
    ...(request.stopSequences && request.stopSequences.length > 0 ? { stop_sequences: request.stopSequences } : {}),
    ...(metadata ? { metadata } : {}),
    ...(outputConfig ? { output_config: outputConfig } : {}),
  } satisfies MessageCreateParamsNonStreaming;
  const typed: MessageCreateParamsNonStreaming | MessageCreateParamsStreaming = options.stream
    ? ({ ...params, stream: true } satisfies MessageCreateParamsStreaming)
    : params;

  const sampling: AnthropicSamplingParams = {
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
  };
  let body: AnthropicRequestBody = { ...typed, ...sampling };
  for (const [key, value] of Object.entries(providerOptions)) {
    if (!CONSUMED_OPTIONS.has(key) && value !== undefined) body[key] = value;
  }
  const requestAutoCache = providerOptions.autoCache ?? providerOptions.auto_cache;
  if (typeof requestAutoCache === "boolean" ? requestAutoCache : options.autoCache) body = applyAutoCache(body);

  const betas = betaList(providerOptions.betaHeaders ?? providerOptions.beta_headers);
  if (usesPromptCaching(body) && !betas.includes(PROMPT_CACHING_BETA)) betas.push(PROMPT_CACHING_BETA);
  return { body, betas, warnings };
}

function jsonInstruction(schema: Record<string, unknown> | undefined): string {
  const base = "Respond with a single valid JSON value and nothing else: no prose, no Markdown code fences.";
  return schema ? `${base} The JSON must conform to this JSON Schema:\n${JSON.stringify(schema)}` : base;
}

function thinkingConfig(request: Request, option: unknown): ThinkingConfigParam | undefined {
  if (typeof option === "object" && option !== null && typeof (option as { type?: unknown }).type === "string") {
    return option as ThinkingConfigParam;
  }
  if (!request.reasoningEffort) return undefined;
  return { type: "enabled", budget_tokens: THINKING_BUDGET_TOKENS[request.reasoningEffort] };
}

function wireToolChoice(request: Request): WireToolChoice {
  const choice = request.toolChoice;
  if (choice?.mode === "required") return { type: "any" };
  if (choice?.mode === "named" && choice.toolName) return { type: "tool", name: choice.toolName };
  return { type: "auto" };
}

function metadataOf(
  metadata: Record<string, string> | undefined,
  warnings: Warning[],
): { user_id: string } | undefined {
  if (!metadata) return undefined;
  const userId = metadata.user_id ?? metadata.userId;
  const others = Object.keys(metadata).filter((k) => k !== "user_id" && k !== "userId");
  if (others.length > 0) {
    warnings.push({
      code: "metadata_dropped",
      message: `anthropic: metadata accepts only user_id; not sent: ${others.join(", ")}`,
    });
  }
  return userId ? { user_id: userId } : undefined;
}

function betaList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  const betas: string[] = [];
  for (const item of items) {
    const beta = String(item).trim();
    if (beta !== "" && !betas.includes(beta)) betas.push(beta);
  }
  return betas;
}
