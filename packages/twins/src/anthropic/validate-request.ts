/**
 * Validation of `POST /v1/messages` (and `/v1/messages/count_tokens`) bodies as strict as the API:
 * unknown parameters, types and ranges, system, tools, tool choice, thinking, output config,
 * cache marks (at most 4, 1-hour ones first), the model and its limits, and the messages (see
 * validate-messages.ts).
 * @module
 */
import { BETA } from "./betas.js";
import { AnthropicRequestError, invalidRequest } from "./errors.js";
import { type AnthropicModel, resolveModel } from "./models.js";
import {
  type CacheMark,
  checkKeys,
  expectBoolean,
  expectChoice,
  expectList,
  expectNumber,
  expectObject,
  expectString,
  expectTag,
  fieldError,
  isObject,
  type Json,
  join,
  optional,
  readCacheControl,
} from "./validate.js";
import { checkMessages } from "./validate-messages.js";

const PARAMS = (
  "model messages max_tokens system metadata stop_sequences stream temperature top_p top_k tools " +
  "tool_choice thinking service_tier container mcp_servers context_management output_config " +
  "cache_control inference_geo speed diagnostics"
).split(" ");

/** Server tool types (the twin never calls them, but accepts their declarations). */
const SERVER_TOOL =
  /^(bash|text_editor|web_search|web_fetch|code_execution|computer|memory|tool_search_tool_(bm25|regex)|advisor|mcp_toolset)(_\d{8})?/;
const CUSTOM_TOOL_KEYS = [
  "type",
  "name",
  "description",
  "input_schema",
  "cache_control",
  "defer_loading",
  "allowed_callers",
  "input_examples",
  "strict",
  "eager_input_streaming",
];
const EFFORTS = ["low", "medium", "high", "xhigh", "max"] as const;

/** What validation learnt about a request. */
export interface ValidatedRequest {
  model: AnthropicModel;
  /** Thinking as asked: `enabled` (with its budget) or `adaptive`; absent when off. */
  thinking?: { type: "enabled" | "adaptive"; budgetTokens?: number; display: "summarized" | "omitted" };
  /** The active betas of the request. */
  betas: ReadonlySet<string>;
}

/** Options of {@link validateMessagesRequest}. */
export interface ValidateOptions {
  betas: ReadonlySet<string>;
  /** `TwinOptions.models`. */
  extraModels?: readonly string[];
  /** `/v1/messages/count_tokens`: no `max_tokens`, no `stream`. */
  countTokens?: boolean;
}

/**
 * Checks a Messages API body and resolves its model.
 * @throws AnthropicRequestError: 400 `invalid_request_error` naming the field, 404
 *   `not_found_error` (`model: <id>`) for an unknown model.
 */
export function validateMessagesRequest(body: unknown, options: ValidateOptions): ValidatedRequest {
  if (!isObject(body)) throw invalidRequest("Input should be a valid dictionary");
  const params = options.countTokens ? PARAMS.filter((p) => p !== "max_tokens" && p !== "stream") : PARAMS;
  checkKeys(body, [...params, ...(options.betas.has(BETA.structuredOutputs) ? ["output_format"] : [])], "");
  const modelId = expectString(body.model, "model");
  const maxTokens = options.countTokens
    ? undefined
    : expectNumber(body.max_tokens, "max_tokens", { integer: true, min: 1 });
  const marks: CacheMark[] = [];
  const toolNames = checkTools(body.tools, marks);
  marks.push(...checkSystem(body.system));
  const thinking = checkThinking(body.thinking);
  const forced = checkToolChoice(body.tool_choice, toolNames);
  const messageMarks = checkMessages(body.messages, { thinking: thinking !== undefined });
  marks.push(...messageMarks);
  const topMark = readCacheControl(body, "");
  if (topMark) marks.push(topMark);
  optional(body.temperature, (v) => expectNumber(v, "temperature", { min: 0, max: 1 }));
  optional(body.top_p, (v) => expectNumber(v, "top_p", { min: 0, max: 1 }));
  optional(body.top_k, (v) => expectNumber(v, "top_k", { integer: true, min: 0 }));
  checkStopSequences(body.stop_sequences);
  optional(body.stream, (v) => expectBoolean(v, "stream"));
  optional(body.service_tier, (v) => expectChoice(v, "service_tier", ["auto", "standard_only"]));
  optional(body.speed, (v) => (v === null ? null : expectChoice(v, "speed", ["standard", "fast"])));
  if (body.metadata !== undefined) {
    const metadata = expectObject(body.metadata, "metadata");
    checkKeys(metadata, ["user_id"], "metadata");
    if (metadata.user_id !== undefined && metadata.user_id !== null) expectString(metadata.user_id, "metadata.user_id");
  }
  checkOutputConfig(body.output_config);
  if (body.output_format !== undefined) checkFormat(body.output_format, "output_format");
  checkCacheMarks(marks);

  const model = resolveModel(modelId, options.extraModels);
  if (!model) throw new AnthropicRequestError({ status: 404, type: "not_found_error", message: `model: ${modelId}` });
  const ceiling = model.output128k && options.betas.has(BETA.output128k) ? 128_000 : model.maxOutputTokens;
  if (maxTokens !== undefined && maxTokens > ceiling) {
    throw invalidRequest(
      `max_tokens: ${maxTokens} > ${ceiling}, which is the maximum allowed number of output tokens for ${model.id}`,
    );
  }
  if (thinking) checkThinkingUse(thinking, { body, model, maxTokens, forced, betas: options.betas });
  if (isObject(body.output_config) && body.output_config.effort != null && !model.adaptive) {
    throw invalidRequest(`output_config.effort: effort is not supported by model ${model.id}`);
  }
  return { model, ...(thinking ? { thinking } : {}), betas: options.betas };
}

function checkSystem(value: unknown): CacheMark[] {
  if (value === undefined || typeof value === "string") return [];
  const marks: CacheMark[] = [];
  expectList(value, "system").forEach((item, i) => {
    const block = expectObject(item, `system.${i}`);
    expectTag(block, `system.${i}`, ["text"]);
    checkKeys(block, ["type", "text", "cache_control", "citations"], `system.${i}`);
    expectString(block.text, `system.${i}.text`);
    const mark = readCacheControl(block, `system.${i}`);
    if (mark) marks.push(mark);
  });
  return marks;
}

/** Checks the tools and returns the names of the custom ones. */
function checkTools(value: unknown, marks: CacheMark[]): string[] {
  if (value === undefined) return [];
  const names: string[] = [];
  expectList(value, "tools").forEach((item, i) => {
    const at = `tools.${i}`;
    const tool = expectObject(item, at);
    const type = tool.type;
    if (type !== undefined && type !== null && type !== "custom") {
      if (typeof type !== "string" || !SERVER_TOOL.test(type)) {
        throw fieldError(at, `Input tag '${String(type)}' found using 'type' does not match any of the expected tags`);
      }
      const mark = readCacheControl(tool, join(at, type));
      if (mark) marks.push(mark);
      if (typeof tool.name === "string") names.push(tool.name);
      return;
    }
    const tagged = join(at, "custom");
    checkKeys(tool, CUSTOM_TOOL_KEYS, tagged);
    const name = expectString(tool.name, join(tagged, "name"));
    if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) {
      throw fieldError(join(tagged, "name"), "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
    }
    if (tool.description !== undefined) expectString(tool.description, join(tagged, "description"));
    const schema = expectObject(tool.input_schema, join(tagged, "input_schema"));
    expectChoice(schema.type, join(tagged, "input_schema.type"), ["object"]);
    const mark = readCacheControl(tool, tagged);
    if (mark) marks.push(mark);
    names.push(name);
  });
  if (new Set(names).size !== names.length) throw invalidRequest("tools: Tool names must be unique.");
  return names;
}

/** Checks `tool_choice`; returns true when it forces tool use (`any` or `tool`). */
function checkToolChoice(value: unknown, toolNames: readonly string[]): boolean {
  if (value === undefined) return false;
  const choice = expectObject(value, "tool_choice");
  const type = expectTag(choice, "tool_choice", ["auto", "any", "tool", "none"]);
  const tagged = `tool_choice.${type}`;
  const keys =
    type === "none"
      ? ["type"]
      : type === "tool"
        ? ["type", "name", "disable_parallel_tool_use"]
        : ["type", "disable_parallel_tool_use"];
  checkKeys(choice, keys, tagged);
  optional(choice.disable_parallel_tool_use, (v) => expectBoolean(v, join(tagged, "disable_parallel_tool_use")));
  if (toolNames.length === 0 && type !== "none") {
    throw invalidRequest("tool_choice may only be specified while providing tools.");
  }
  if (type === "tool") {
    const name = expectString(choice.name, join(tagged, "name"));
    if (!toolNames.includes(name)) throw invalidRequest(`tool_choice.name: Tool '${name}' not found in 'tools'`);
  }
  return type === "any" || type === "tool";
}

function checkThinking(value: unknown): ValidatedRequest["thinking"] {
  if (value === undefined) return undefined;
  const config = expectObject(value, "thinking");
  const type = expectTag(config, "thinking", ["enabled", "disabled", "adaptive", "between_tools"]);
  const tagged = `thinking.${type}`;
  if (type === "disabled" || type === "between_tools") {
    checkKeys(config, ["type"], tagged);
    return undefined;
  }
  checkKeys(config, type === "enabled" ? ["type", "budget_tokens", "display"] : ["type", "display"], tagged);
  const display =
    config.display === undefined || config.display === null
      ? "summarized"
      : expectChoice(config.display, join(tagged, "display"), ["summarized", "omitted"] as const);
  if (type === "adaptive") return { type: "adaptive", display };
  const budgetTokens = expectNumber(config.budget_tokens, join(tagged, "budget_tokens"), { integer: true, min: 1024 });
  return { type: "enabled", budgetTokens, display };
}

/** Thinking against the model, `max_tokens`, forced tool use and sampling parameters. */
function checkThinkingUse(
  thinking: NonNullable<ValidatedRequest["thinking"]>,
  context: {
    body: Json;
    model: AnthropicModel;
    maxTokens: number | undefined;
    forced: boolean;
    betas: ReadonlySet<string>;
  },
): void {
  const { body, model, maxTokens } = context;
  if (!model.thinking || (thinking.type === "adaptive" && !model.adaptive)) {
    throw invalidRequest(`thinking.${thinking.type}: ${thinking.type} thinking is not supported by model ${model.id}`);
  }
  const budget = thinking.budgetTokens;
  if (
    budget !== undefined &&
    maxTokens !== undefined &&
    budget >= maxTokens &&
    !context.betas.has(BETA.interleavedThinking)
  ) {
    throw invalidRequest(
      "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size",
    );
  }
  if (context.forced) throw invalidRequest("Thinking may not be enabled when tool_choice forces tool use.");
  const docs =
    "Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility";
  if (body.temperature !== undefined && body.temperature !== 1) {
    throw invalidRequest(`\`temperature\` may only be set to 1 when thinking is enabled. ${docs}`);
  }
  if (body.top_k !== undefined) throw invalidRequest(`\`top_k\` must be unset when thinking is enabled. ${docs}`);
  if (typeof body.top_p === "number" && body.top_p < 0.95) {
    throw invalidRequest(`\`top_p\` must be greater than or equal to 0.95 or unset when thinking is enabled. ${docs}`);
  }
}

function checkStopSequences(value: unknown): void {
  if (value === undefined) return;
  expectList(value, "stop_sequences").forEach((item, i) => {
    const sequence = expectString(item, `stop_sequences.${i}`);
    if (sequence.trim() === "") throw invalidRequest("stop_sequences: each stop sequence must contain non-whitespace");
  });
}

function checkOutputConfig(value: unknown): void {
  if (value === undefined) return;
  const config = expectObject(value, "output_config");
  checkKeys(config, ["effort", "format"], "output_config");
  if (config.effort !== undefined && config.effort !== null)
    expectChoice(config.effort, "output_config.effort", EFFORTS);
  if (config.format !== undefined && config.format !== null) checkFormat(config.format, "output_config.format");
}

function checkFormat(value: unknown, at: string): void {
  const format = expectObject(value, at);
  expectTag(format, at, ["json_schema"]);
  checkKeys(format, ["type", "schema"], `${at}.json_schema`);
  expectObject(format.schema, `${at}.json_schema.schema`);
}

/** At most 4 marks; a 1-hour mark never after a 5-minute one (tools, system, messages order). */
function checkCacheMarks(marks: readonly CacheMark[]): void {
  if (marks.length > 4) {
    throw invalidRequest(`A maximum of 4 blocks with cache_control may be provided. Found ${marks.length}.`);
  }
  const firstShort = marks.findIndex((m) => m.ttl === "5m");
  if (firstShort >= 0 && marks.slice(firstShort).some((m) => m.ttl === "1h")) {
    throw invalidRequest(
      "a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
    );
  }
}
