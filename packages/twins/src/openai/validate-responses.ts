/**
 * Validation of `POST /v1/responses` bodies as strict as the API: unknown parameters, types,
 * ranges, input items, tools, tool choice, text format (strict schemas included), reasoning, and
 * what the model supports.
 * @module
 */
import { OpenAIRequestError } from "./errors.js";
import { type ResolvedModel, resolveModel } from "./models.js";
import { strictSchemaProblem } from "./strict-schema.js";
import {
  checkChoice,
  checkFunctionName,
  checkKnownKeys,
  checkMetadata,
  checkNumber,
  checkType,
  invalidType,
  invalidValue,
  isObject,
  type Json,
  missingParam,
  requireString,
  requireTyped,
  unsupportedParam,
} from "./validate.js";
import { checkFunctionParameters, toolChoiceObject } from "./validate-tools.js";

const PARAMS = new Set(
  (
    "background context_management conversation include input instructions max_output_tokens " +
    "max_tool_calls metadata model parallel_tool_calls previous_response_id prompt prompt_cache_key " +
    "prompt_cache_retention reasoning safety_identifier service_tier store stream stream_options " +
    "temperature text tool_choice tools top_logprobs top_p truncation user"
  ).split(" "),
);

/** Tool types the Responses API knows. The twin only ever calls `function` tools. */
export const RESPONSES_TOOL_TYPES: readonly string[] = (
  "function file_search computer computer_use_preview web_search web_search_2025_08_26 " +
  "web_search_preview web_search_preview_2025_03_11 mcp code_interpreter image_generation " +
  "local_shell shell custom namespace tool_search apply_patch"
).split(" ");

/** Input item types the Responses API knows. */
export const INPUT_ITEM_TYPES: readonly string[] = (
  "message file_search_call computer_call computer_call_output web_search_call function_call " +
  "function_call_output tool_search_call tool_search_output reasoning compaction " +
  "image_generation_call code_interpreter_call local_shell_call local_shell_call_output shell_call " +
  "shell_call_output apply_patch_call apply_patch_call_output mcp_list_tools mcp_approval_request " +
  "mcp_approval_response mcp_call custom_tool_call_output custom_tool_call item_reference"
).split(" ");

const INCLUDABLE = (
  "file_search_call.results web_search_call.results web_search_call.action.sources " +
  "message.input_image.image_url computer_call_output.output.image_url " +
  "code_interpreter_call.outputs reasoning.encrypted_content message.output_text.logprobs"
).split(" ");
const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"];
const ROLES = ["assistant", "system", "developer", "user"];
const USER_PARTS = ["input_text", "input_image", "input_file", "input_audio"];
const ASSISTANT_PARTS = ["output_text", "refusal"];

/**
 * Checks a Responses API body and resolves its model.
 * @param extraModels `TwinOptions.models`.
 * @throws OpenAIRequestError with OpenAI's message, `param` and `code`.
 */
export function validateResponsesBody(body: unknown, extraModels?: readonly string[]): ResolvedModel {
  if (!isObject(body)) throw invalidType("body", "an object", body);
  checkKnownKeys(body, PARAMS);
  const modelId = requireString(body.model, "model");
  checkInput(body.input);
  if (body.input === undefined && body.previous_response_id === undefined && body.prompt === undefined) {
    throw missingParam("input");
  }
  checkType(body.instructions, "instructions", "string");
  checkTools(body.tools);
  checkToolChoice(body.tool_choice, body.tools);
  checkNumber(body.temperature, "temperature", { min: 0, max: 2 });
  checkNumber(body.top_p, "top_p", { min: 0, max: 1 });
  checkNumber(body.max_output_tokens, "max_output_tokens", { integer: true, min: 16 });
  checkNumber(body.max_tool_calls, "max_tool_calls", { integer: true, min: 1 });
  checkNumber(body.top_logprobs, "top_logprobs", { integer: true, min: 0, max: 20 });
  for (const key of ["parallel_tool_calls", "stream", "store", "background"]) checkType(body[key], key, "boolean");
  for (const key of ["previous_response_id", "user", "prompt_cache_key", "safety_identifier"])
    checkType(body[key], key, "string");
  checkMetadata(body.metadata);
  checkChoice(body.truncation, "truncation", ["auto", "disabled"]);
  checkChoice(body.service_tier, "service_tier", ["auto", "default", "flex", "scale", "priority"]);
  checkType(body.include, "include", "array");
  for (const [i, item] of ((body.include as unknown[]) ?? []).entries()) checkChoice(item, `include[${i}]`, INCLUDABLE);
  checkReasoning(body.reasoning);
  checkText(body.text);
  if (body.stream_options !== undefined && body.stream_options !== null) {
    checkType(body.stream_options, "stream_options", "object");
    if (body.stream !== true) {
      throw new OpenAIRequestError({
        message: "Invalid value for 'stream_options': 'stream_options' is only allowed when 'stream' is enabled.",
        param: "stream_options",
        code: "invalid_value",
      });
    }
  }
  if (body.background === true) {
    throw new OpenAIRequestError({
      message: "The twin does not support background responses ('background': true).",
      param: "background",
      code: "unsupported_value",
    });
  }
  const resolved = resolveModel(modelId, extraModels);
  if (!resolved) {
    throw new OpenAIRequestError({
      message: `The requested model '${modelId}' does not exist.`,
      param: "model",
      code: "model_not_found",
    });
  }
  checkModelSupport(body, resolved);
  return resolved;
}

function checkInput(input: unknown): void {
  if (input === undefined || typeof input === "string") return;
  if (!Array.isArray(input)) throw invalidType("input", "one of a string or array of input items", input);
  for (const [i, item] of input.entries()) {
    const at = `input[${i}]`;
    if (!isObject(item)) throw invalidType(at, "an object", item);
    const type = item.type ?? (item.role !== undefined ? "message" : undefined);
    if (type === undefined) throw missingParam(`${at}.type`);
    if (typeof type !== "string" || !INPUT_ITEM_TYPES.includes(type))
      throw invalidValue(`${at}.type`, type, INPUT_ITEM_TYPES);
    if (type === "message") checkMessage(item, at);
    else if (type === "function_call") {
      requireString(item.call_id, `${at}.call_id`);
      requireString(item.name, `${at}.name`);
      requireString(item.arguments, `${at}.arguments`);
    } else if (type === "function_call_output") {
      requireString(item.call_id, `${at}.call_id`);
      if (item.output === undefined) throw missingParam(`${at}.output`);
      if (typeof item.output !== "string" && !Array.isArray(item.output)) {
        throw invalidType(`${at}.output`, "one of a string or array of content items", item.output);
      }
    } else if (type === "reasoning") {
      if (item.summary === undefined) throw missingParam(`${at}.summary`);
      checkType(item.summary, `${at}.summary`, "array");
    } else if (type === "item_reference") requireString(item.id, `${at}.id`);
  }
}

function checkMessage(item: Json, at: string): void {
  if (item.role === undefined) throw missingParam(`${at}.role`);
  checkChoice(item.role, `${at}.role`, ROLES);
  if (item.content === undefined) throw missingParam(`${at}.content`);
  if (typeof item.content === "string") return;
  if (!Array.isArray(item.content))
    throw invalidType(`${at}.content`, "one of a string or array of input content", item.content);
  const allowed = item.role === "assistant" ? ASSISTANT_PARTS : USER_PARTS;
  for (const [j, content] of item.content.entries()) {
    const pat = `${at}.content[${j}]`;
    const part = requireTyped(content, pat, allowed);
    if (part.type === "input_text" || part.type === "output_text") requireString(part.text, `${pat}.text`);
    if (part.type === "input_image" && part.image_url === undefined && part.file_id === undefined) {
      throw missingParam(`${pat}.image_url`);
    }
  }
}

function checkTools(tools: unknown): void {
  if (tools === undefined || tools === null) return;
  if (!Array.isArray(tools)) throw invalidType("tools", "an array", tools);
  for (const [i, entry] of tools.entries()) {
    const at = `tools[${i}]`;
    const tool = requireTyped(entry, at, RESPONSES_TOOL_TYPES);
    if (tool.type !== "function") continue;
    const name = requireString(tool.name, `${at}.name`);
    checkFunctionName(name, `${at}.name`);
    checkType(tool.description, `${at}.description`, "string");
    checkFunctionParameters(tool, at, name);
  }
}

function checkToolChoice(toolChoice: unknown, tools: unknown): void {
  const choice = toolChoiceObject(toolChoice);
  if (choice?.type !== "function") return;
  const name = requireString(choice.name, "tool_choice.name");
  const declared = Array.isArray(tools) && tools.some((t) => isObject(t) && t.type === "function" && t.name === name);
  if (!declared) {
    throw new OpenAIRequestError({
      message: `Tool choice 'function' not found in 'tools' parameter.`,
      param: "tool_choice",
      code: null,
    });
  }
}

function checkReasoning(reasoning: unknown): void {
  if (reasoning === undefined || reasoning === null) return;
  checkType(reasoning, "reasoning", "object");
  const r = reasoning as Json;
  checkKnownKeys(r, new Set(["effort", "summary", "generate_summary", "context", "mode"]), "reasoning.");
  checkChoice(r.effort, "reasoning.effort", EFFORTS);
  checkChoice(r.summary, "reasoning.summary", ["auto", "concise", "detailed"]);
  checkChoice(r.generate_summary, "reasoning.generate_summary", ["auto", "concise", "detailed"]);
}

function checkText(text: unknown): void {
  if (text === undefined || text === null) return;
  checkType(text, "text", "object");
  const t = text as Json;
  checkKnownKeys(t, new Set(["format", "verbosity"]), "text.");
  checkChoice(t.verbosity, "text.verbosity", ["low", "medium", "high"]);
  if (t.format === undefined || t.format === null) return;
  checkType(t.format, "text.format", "object");
  const format = t.format as Json;
  if (format.type === undefined) throw missingParam("text.format.type");
  checkChoice(format.type, "text.format.type", ["text", "json_schema", "json_object"]);
  if (format.type !== "json_schema") return;
  const name = requireString(format.name, "text.format.name");
  checkFunctionName(name, "text.format.name");
  if (format.schema === undefined) throw missingParam("text.format.schema");
  checkType(format.schema, "text.format.schema", "object");
  checkType(format.strict, "text.format.strict", "boolean");
  if (format.strict === true) {
    const problem = strictSchemaProblem(format.schema as Json);
    if (problem) {
      throw new OpenAIRequestError({
        message: `Invalid schema for response_format '${name}': ${problem}`,
        param: "text.format.schema",
        code: null,
      });
    }
  }
}

/** Reasoning parameters need a reasoning model; sampling parameters need reasoning off. */
function checkModelSupport(body: Json, resolved: ResolvedModel): void {
  const reasoning = isObject(body.reasoning) ? body.reasoning : undefined;
  if (!resolved.model.reasoning) {
    if (reasoning?.effort !== undefined && reasoning.effort !== null) throw unsupportedParam("reasoning.effort");
    return;
  }
  const effort = (reasoning?.effort as string | undefined) ?? resolved.model.defaultEffort ?? "medium";
  if (effort === "none") return;
  for (const key of ["temperature", "top_p"]) {
    if (body[key] !== undefined && body[key] !== null && body[key] !== 1) throw unsupportedParam(key);
  }
}
