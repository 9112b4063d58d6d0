/**
 * Unified Request -> OpenAI Responses API body and headers (unified-llm-spec §7.2, §7.3, §7.4,
 * §5.3, §3.10). Pure apart from reading local media files (§3.5).
 * @module
 */
import type { Request, ResponseFormat } from "../../types/request.js";
import type { Warning } from "../../types/response.js";
import type { ToolChoice, ToolDefinition } from "../../types/tool.js";
import { apiRoot } from "../config.js";
import { translateMessages } from "./input.js";
import type { FunctionTool, OpenAIRequestBody, OpenAIStreamingRequestBody } from "./wire-types.js";

/** The default API root (§2.2). */
export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * The Responses endpoint for a base URL. A bare origin (`http://localhost:8080`) gets `/v1`
 * appended; a URL with any path (`https://api.openai.com/v1`, `https://proxy.example/openai`) is
 * used as given. Trailing slashes are ignored. `{base}/responses` is returned.
 * @throws ConfigurationError when `baseUrl` is not an absolute URL.
 */
export function responsesUrl(baseUrl: string = DEFAULT_OPENAI_BASE_URL): string {
  return `${apiRoot(baseUrl, "/v1", "openai")}/responses`;
}

/** Credentials and extra headers of {@link buildHeaders}. */
export interface HeaderOptions {
  apiKey: string;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  /** Added last, so they override the adapter's own (names compared case-insensitively). */
  defaultHeaders?: Record<string, string>;
  stream?: boolean;
}

/** Request headers (lower-case names): bearer auth, organization, project, then `defaultHeaders`. */
export function buildHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
  if (options.organization) headers["openai-organization"] = options.organization;
  if (options.project) headers["openai-project"] = options.project;
  if (options.stream) headers.accept = "text/event-stream";
  for (const [name, value] of Object.entries(options.defaultHeaders ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** A translated request: the body, warnings about what could not be sent, and the declared tool names. */
export interface BuiltRequest<Body> {
  body: Body;
  warnings: Warning[];
  /** Names of the function tools in `request.tools`. */
  declaredTools: Set<string>;
}

type Base = Omit<OpenAIRequestBody, "stream">;

function toolsOf(tools: ToolDefinition[] | undefined): FunctionTool[] {
  return (tools ?? []).map((tool) => ({
    type: "function" as const,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    // The Responses API defaults to strict schemas, which reject optional properties.
    strict: false,
  }));
}

/** §5.3: auto/none/required as strings, named as `{ type: "function", name }`. */
export function toolChoiceOf(choice: ToolChoice): NonNullable<Base["tool_choice"]> {
  switch (choice.mode) {
    case "auto":
    case "none":
    case "required":
      return choice.mode;
    case "named":
      return { type: "function", name: choice.toolName ?? "" };
  }
}

/** §3.10: json_schema (name default `response`, strict default false) or json_object; text sends nothing. */
export function textFormatOf(format: ResponseFormat): NonNullable<Base["text"]>["format"] | undefined {
  switch (format.type) {
    case "text":
      return undefined;
    case "json":
      return { type: "json_object" };
    case "json_schema":
      return {
        type: "json_schema",
        name: format.name ?? "response",
        schema: format.jsonSchema ?? {},
        strict: format.strict ?? false,
      };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merges `providerOptions.openai` into the body (§3.6 escape hatch): `tools` are appended to the
 * function tools (built-in tools such as `{ type: "web_search" }`), `include` entries are added,
 * `reasoning`, `text` and `metadata` objects are merged one level deep, and any other key
 * (`store`, `previous_response_id`, `parallel_tool_calls`, `service_tier`, `truncation`, ...)
 * replaces the body's. `stream` is ignored (the adapter sets it). Not type-checked: not portable.
 */
export function mergeProviderOptions(body: Base, options: Record<string, unknown> | undefined): Base {
  if (!options) return body;
  const merged: Record<string, unknown> = { ...body };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || key === "stream") continue;
    const current = merged[key];
    if (key === "tools" && Array.isArray(value)) merged.tools = [...((current as unknown[]) ?? []), ...value];
    else if (key === "include" && Array.isArray(value))
      merged.include = [...new Set([...((current as unknown[]) ?? []), ...value])];
    else if ((key === "reasoning" || key === "text" || key === "metadata") && isPlainObject(value))
      merged[key] = { ...(isPlainObject(current) ? current : {}), ...value };
    else merged[key] = value;
  }
  return merged as Base;
}

async function buildBase(request: Request): Promise<BuiltRequest<Base>> {
  const warnings: Warning[] = [];
  const { instructions, input } = await translateMessages(request.messages, warnings);
  const tools = toolsOf(request.tools);
  const declaredTools = new Set(tools.map((t) => t.name));
  const format = request.responseFormat ? textFormatOf(request.responseFormat) : undefined;
  if (request.stopSequences && request.stopSequences.length > 0) {
    warnings.push({
      code: "unsupported_parameter",
      message: "openai: the Responses API has no stop sequences; stopSequences was not sent",
    });
  }
  const base = {
    model: request.model,
    input,
    ...(instructions !== undefined ? { instructions } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.maxTokens !== undefined ? { max_output_tokens: request.maxTokens } : {}),
    ...(request.reasoningEffort ? { reasoning: { effort: request.reasoningEffort } } : {}),
    ...(format ? { text: { format } } : {}),
    ...(request.metadata ? { metadata: request.metadata } : {}),
  } satisfies Base;
  const body = mergeProviderOptions(base, request.providerOptions?.openai);
  if (request.toolChoice) {
    if (body.tools && body.tools.length > 0) body.tool_choice = toolChoiceOf(request.toolChoice);
    else if (request.toolChoice.mode !== "auto" && request.toolChoice.mode !== "none") {
      warnings.push({
        code: "unsupported_parameter",
        message: `openai: toolChoice '${request.toolChoice.mode}' was not sent because the request has no tools`,
      });
    }
  }
  return { body, warnings, declaredTools };
}

/**
 * Translates a unified request into a Responses API body (§7.2): system messages become
 * `instructions`; developer/user/assistant messages, tool calls, tool results and replayed
 * provider items become `input` items; tools, tool choice, response format (`text.format`),
 * `reasoning.effort`, `max_output_tokens`, sampling and metadata are mapped; then
 * `providerOptions.openai` is merged. Stop sequences are not supported: a Warning, not sent.
 * @param stream true for a streaming body (`stream: true`).
 * @throws ConfigurationError for audio input (not accepted by the Responses API) or unreadable media files.
 */
export async function buildRequestBody(request: Request, stream: false): Promise<BuiltRequest<OpenAIRequestBody>>;
export async function buildRequestBody(
  request: Request,
  stream: true,
): Promise<BuiltRequest<OpenAIStreamingRequestBody>>;
export async function buildRequestBody(
  request: Request,
  stream: boolean,
): Promise<BuiltRequest<OpenAIRequestBody | OpenAIStreamingRequestBody>> {
  const built = await buildBase(request);
  const body = stream
    ? ({ ...built.body, stream: true } satisfies OpenAIStreamingRequestBody)
    : (built.body satisfies OpenAIRequestBody);
  return { ...built, body };
}
