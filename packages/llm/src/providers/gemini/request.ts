/**
 * Unified Request -> Gemini `generateContent` body (unified-llm-spec §7.2-7.4 Gemini, §5.3, §3.10).
 * Message contents are translated in `contents.ts`.
 * @module
 */
import type { Request } from "../../types/request.js";
import type { Warning } from "../../types/response.js";
import type { ToolChoice } from "../../types/tool.js";
import type { GeminiProviderOptions } from "./adapter.js";
import { isLegacyGeminiModel, translateContents } from "./contents.js";
import { hasNoParameters, toGeminiSchema } from "./schema.js";
import type {
  GeminiGenerationConfig,
  GeminiRequest,
  GeminiSafetySetting,
  GeminiThinkingConfig,
  GeminiTool,
  GeminiToolConfig,
} from "./wire-types.js";

/** A translated request and what had to be left out of it. */
export interface GeminiRequestBuild {
  body: GeminiRequest;
  /** Content that Gemini cannot take and was dropped (e.g. redacted thinking). */
  warnings: Warning[];
}

const BUDGET_TOKENS = { low: 1024, medium: 8192, high: 24576 } as const;
const LEVEL = { low: "LOW", medium: "MEDIUM", high: "HIGH" } as const;

/**
 * §3.6 `reasoningEffort` -> `thinkingConfig`, with `includeThoughts: true` so thought summaries
 * come back as thinking parts. Gemini 1.x/2.x: `thinkingBudget` low 1024, medium 8192, high
 * 24576 tokens. Later models (Gemini 3+): `thinkingLevel` LOW/MEDIUM/HIGH, except that
 * `gemini-3-pro*` (which knows only LOW and HIGH) gets HIGH for medium. Undefined effort: no
 * thinkingConfig (the model's default).
 */
export function thinkingConfigFor(model: string, effort: Request["reasoningEffort"]): GeminiThinkingConfig | undefined {
  if (!effort) return undefined;
  if (isLegacyGeminiModel(model)) return { thinkingBudget: BUDGET_TOKENS[effort], includeThoughts: true };
  const level = effort === "medium" && /(^|\/)gemini-3-pro/.test(model) ? "HIGH" : LEVEL[effort];
  return { thinkingLevel: level, includeThoughts: true };
}

/** §5.3 tool choice -> `toolConfig.functionCallingConfig`. */
export function toolConfigFor(choice: ToolChoice): GeminiToolConfig {
  switch (choice.mode) {
    case "auto":
      return { functionCallingConfig: { mode: "AUTO" } };
    case "none":
      return { functionCallingConfig: { mode: "NONE" } };
    case "required":
      return { functionCallingConfig: { mode: "ANY" } };
    case "named":
      return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.toolName ?? ""] } };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function generationConfigFor(request: Request, options: GeminiProviderOptions): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.stopSequences?.length) config.stopSequences = request.stopSequences;
  const format = request.responseFormat;
  if (format?.type === "json") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    if (format.jsonSchema) config.responseJsonSchema = toGeminiSchema(format.jsonSchema);
  }
  const overrides = isObject(options.generationConfig) ? (options.generationConfig as GeminiGenerationConfig) : {};
  const thinking = {
    ...thinkingConfigFor(request.model, request.reasoningEffort),
    ...(isObject(options.thinkingConfig) ? (options.thinkingConfig as GeminiThinkingConfig) : {}),
    ...(isObject(overrides.thinkingConfig) ? overrides.thinkingConfig : {}),
  };
  const merged: GeminiGenerationConfig = { ...config, ...overrides };
  if (Object.keys(thinking).length > 0) merged.thinkingConfig = thinking;
  else delete merged.thinkingConfig;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

function toolsFor(request: Request, options: GeminiProviderOptions): GeminiTool[] | undefined {
  const tools: GeminiTool[] = [];
  if (request.tools?.length) {
    tools.push({
      functionDeclarations: request.tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        ...(hasNoParameters(tool.parameters) ? {} : { parametersJsonSchema: toGeminiSchema(tool.parameters) }),
      })),
    });
  }
  if (Array.isArray(options.tools)) tools.push(...(options.tools as GeminiTool[]));
  return tools.length > 0 ? tools : undefined;
}

function toolConfigOf(request: Request, options: GeminiProviderOptions): GeminiToolConfig | undefined {
  const base = request.toolChoice && request.tools?.length ? toolConfigFor(request.toolChoice) : undefined;
  if (!isObject(options.toolConfig)) return base;
  const extra = options.toolConfig as GeminiToolConfig;
  return {
    ...base,
    ...extra,
    ...(base?.functionCallingConfig || extra.functionCallingConfig
      ? { functionCallingConfig: { ...base?.functionCallingConfig, ...extra.functionCallingConfig } }
      : {}),
  };
}

const OPTION_KEYS = new Set([
  "safetySettings",
  "cachedContent",
  "generationConfig",
  "thinkingConfig",
  "tools",
  "toolConfig",
]);

/**
 * Builds the body of `models/{model}:generateContent` (streaming uses the same body):
 * system and developer messages -> `systemInstruction`; the conversation -> `contents`
 * (see `translateContents`); tools -> one `{ functionDeclarations }` entry with
 * `parametersJsonSchema` (see `toGeminiSchema`; omitted for tools without parameters);
 * tool choice -> `toolConfig` (sent only with tools); temperature, topP, maxTokens
 * (`maxOutputTokens`), stopSequences, response format (`responseMimeType` +
 * `responseJsonSchema`) and reasoning effort (`thinkingConfig`, see `thinkingConfigFor`) ->
 * `generationConfig`. Then `providerOptions.gemini` (§3.6): `safetySettings` and
 * `cachedContent` are set; `generationConfig`, `thinkingConfig` and `toolConfig` are merged
 * over ours; `tools` are appended (e.g. `{ googleSearch: {} }`); any other key is copied to the
 * body as it is.
 * @throws ConfigurationError when a tool result's function name cannot be found or a local media
 *   file cannot be read.
 */
export async function buildGeminiRequest(request: Request): Promise<GeminiRequestBuild> {
  const options: GeminiProviderOptions = request.providerOptions?.gemini ?? {};
  const { contents, systemInstruction, warnings } = await translateContents(request.messages, request.model);
  const tools = toolsFor(request, options);
  const toolConfig = toolConfigOf(request, options);
  const generationConfig = generationConfigFor(request, options);
  const body = {
    contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(Array.isArray(options.safetySettings)
      ? { safetySettings: options.safetySettings as GeminiSafetySetting[] }
      : {}),
    ...(typeof options.cachedContent === "string" ? { cachedContent: options.cachedContent } : {}),
    ...(generationConfig ? { generationConfig } : {}),
  } satisfies GeminiRequest;
  for (const [key, value] of Object.entries(options)) {
    if (!OPTION_KEYS.has(key)) (body as Record<string, unknown>)[key] = value;
  }
  return { body, warnings };
}
