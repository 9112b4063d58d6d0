/**
 * Validation of `POST /v1/chat/completions` bodies as strict as the API: unknown parameters,
 * message roles and contents, tool messages that answer the assistant's `tool_calls`, tools,
 * tool choice, response format, ranges, and what the model supports.
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
  emptyArray,
  invalidType,
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
    "messages model audio frequency_penalty function_call functions logit_bias logprobs " +
    "max_completion_tokens max_tokens metadata modalities n parallel_tool_calls prediction " +
    "presence_penalty prompt_cache_key prompt_cache_retention reasoning_effort response_format " +
    "safety_identifier seed service_tier stop store stream stream_options temperature tool_choice " +
    "tools top_logprobs top_p user verbosity web_search_options"
  ).split(" "),
);
const ROLES = ["system", "assistant", "user", "function", "tool", "developer"];
const USER_PARTS = ["text", "image_url", "input_audio", "file"];

/**
 * Checks a Chat Completions body and resolves its model.
 * @param extraModels `TwinOptions.models`.
 * @throws OpenAIRequestError with OpenAI's message, `param`, `code` (404 for unknown models).
 */
export function validateChatBody(body: unknown, extraModels?: readonly string[]): ResolvedModel {
  if (!isObject(body)) throw invalidType("body", "an object", body);
  checkKnownKeys(body, PARAMS);
  const modelId = requireString(body.model, "model");
  if (body.messages === undefined) throw missingParam("messages");
  if (!Array.isArray(body.messages)) throw invalidType("messages", "an array", body.messages);
  if (body.messages.length === 0) throw emptyArray("messages");
  for (const [i, message] of body.messages.entries()) checkMessage(message, i);
  checkToolPairing(body.messages as Json[]);
  checkTools(body.tools);
  checkToolChoice(body.tool_choice, body.tools);
  checkResponseFormat(body.response_format, body.messages as Json[]);
  checkNumber(body.temperature, "temperature", { min: 0, max: 2 });
  checkNumber(body.top_p, "top_p", { min: 0, max: 1 });
  checkNumber(body.n, "n", { integer: true, min: 1, max: 128 });
  checkNumber(body.max_tokens, "max_tokens", { integer: true, min: 1 });
  checkNumber(body.max_completion_tokens, "max_completion_tokens", { integer: true, min: 1 });
  checkNumber(body.presence_penalty, "presence_penalty", { min: -2, max: 2 });
  checkNumber(body.frequency_penalty, "frequency_penalty", { min: -2, max: 2 });
  checkNumber(body.seed, "seed", { integer: true });
  checkNumber(body.top_logprobs, "top_logprobs", { integer: true, min: 0, max: 20 });
  for (const key of ["logprobs", "stream", "parallel_tool_calls", "store"]) checkType(body[key], key, "boolean");
  for (const key of ["user", "prompt_cache_key", "safety_identifier"]) checkType(body[key], key, "string");
  checkMetadata(body.metadata);
  checkChoice(body.reasoning_effort, "reasoning_effort", ["none", "minimal", "low", "medium", "high", "xhigh"]);
  checkChoice(body.verbosity, "verbosity", ["low", "medium", "high"]);
  checkChoice(body.service_tier, "service_tier", ["auto", "default", "flex", "scale", "priority"]);
  if (body.stop !== undefined && body.stop !== null && typeof body.stop !== "string") {
    if (!Array.isArray(body.stop)) throw invalidType("stop", "one of a string or array of strings", body.stop);
    if (body.stop.length > 4) {
      throw new OpenAIRequestError({
        message: `Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length ${body.stop.length} instead.`,
        param: "stop",
        code: "array_above_max_length",
      });
    }
  }
  if (body.stream_options !== undefined && body.stream_options !== null) {
    checkType(body.stream_options, "stream_options", "object");
    if (body.stream !== true) {
      throw new OpenAIRequestError({
        message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        param: "stream_options",
        code: "invalid_value",
      });
    }
    checkType((body.stream_options as Json).include_usage, "stream_options.include_usage", "boolean");
  }
  const resolved = resolveModel(modelId, extraModels);
  if (!resolved) {
    throw new OpenAIRequestError({
      message: `The model \`${modelId}\` does not exist or you do not have access to it.`,
      code: "model_not_found",
      status: 404,
    });
  }
  if (resolved.model.responsesOnly) {
    throw new OpenAIRequestError({
      message: "This model is only supported in v1/responses and not in v1/chat/completions.",
      param: "model",
      status: 404,
    });
  }
  checkModelSupport(body, resolved);
  return resolved;
}

function checkMessage(message: unknown, i: number): void {
  const at = `messages[${i}]`;
  if (!isObject(message)) throw invalidType(at, "an object", message);
  if (message.role === undefined) throw missingParam(`${at}.role`);
  checkChoice(message.role, `${at}.role`, ROLES);
  const content = message.content;
  if (message.role === "assistant") {
    if (
      (content === undefined || content === null) &&
      message.tool_calls === undefined &&
      message.function_call === undefined
    ) {
      throw new OpenAIRequestError({
        message: "Invalid value for 'content': expected a string, got null.",
        param: `messages.[${i}].content`,
      });
    }
    checkType(message.tool_calls, `${at}.tool_calls`, "array");
    for (const [j, call] of ((message.tool_calls as unknown[]) ?? []).entries()) {
      const cat = `${at}.tool_calls[${j}]`;
      if (!isObject(call)) throw invalidType(cat, "an object", call);
      requireString(call.id, `${cat}.id`);
      if (call.type === undefined) throw missingParam(`${cat}.type`);
      checkChoice(call.type, `${cat}.type`, ["function", "custom"]);
      if (call.type === "function") {
        if (!isObject(call.function)) throw missingParam(`${cat}.function`);
        requireString(call.function.name, `${cat}.function.name`);
        requireString(call.function.arguments, `${cat}.function.arguments`);
      }
    }
  } else if (content === undefined || content === null) {
    throw missingParam(`${at}.content`);
  }
  if (content !== undefined && content !== null && typeof content !== "string") {
    if (!Array.isArray(content)) throw invalidType(`${at}.content`, "one of a string or array of objects", content);
    const allowed =
      message.role === "user" ? USER_PARTS : message.role === "assistant" ? ["text", "refusal"] : ["text"];
    for (const [j, item] of content.entries()) {
      const pat = `${at}.content[${j}]`;
      const part = requireTyped(item, pat, allowed);
      if (part.type === "text") requireString(part.text, `${pat}.text`);
      if (part.type === "image_url" && !isObject(part.image_url)) throw missingParam(`${pat}.image_url`);
    }
  }
  if (message.role === "tool") requireString(message.tool_call_id, `${at}.tool_call_id`);
  if (message.role === "function") requireString(message.name, `${at}.name`);
}

/** Tool messages answer the `tool_calls` of the assistant message right before them, all of them. */
function checkToolPairing(messages: Json[]): void {
  let open: { index: number; ids: Set<string> } | undefined;
  const unanswered = (): never => {
    const missing = [...(open?.ids ?? [])].join(", ");
    throw new OpenAIRequestError({
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing}`,
      param: `messages.[${open?.index ?? 0}].role`,
    });
  };
  for (const [i, message] of messages.entries()) {
    if (message.role === "tool") {
      const id = String(message.tool_call_id);
      if (!open?.ids.has(id)) {
        throw new OpenAIRequestError({
          message:
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          param: `messages.[${i}].role`,
        });
      }
      open.ids.delete(id);
      continue;
    }
    if (open && open.ids.size > 0) unanswered();
    open = undefined;
    if (message.role === "assistant" && Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      open = { index: i, ids: new Set(message.tool_calls.filter(isObject).map((c) => String(c.id))) };
    }
  }
  if (open && open.ids.size > 0) unanswered();
}

function checkTools(tools: unknown): void {
  if (tools === undefined || tools === null) return;
  if (!Array.isArray(tools)) throw invalidType("tools", "an array", tools);
  for (const [i, tool] of tools.entries()) {
    const at = `tools[${i}]`;
    if (!isObject(tool)) throw invalidType(at, "an object", tool);
    if (tool.type === undefined) throw missingParam(`${at}.type`);
    checkChoice(tool.type, `${at}.type`, ["function", "custom"]);
    if (tool.type !== "function") continue;
    if (!isObject(tool.function)) throw missingParam(`${at}.function`);
    const fn = tool.function;
    const name = requireString(fn.name, `${at}.function.name`);
    checkFunctionName(name, `${at}.function.name`);
    checkFunctionParameters(fn, `${at}.function`, name);
  }
}

function checkToolChoice(toolChoice: unknown, tools: unknown): void {
  const choice = toolChoiceObject(toolChoice);
  if (!choice) return;
  checkChoice(choice.type, "tool_choice.type", ["function", "allowed_tools", "custom"]);
  if (choice.type !== "function") return;
  if (!isObject(choice.function)) throw missingParam("tool_choice.function");
  const name = requireString(choice.function.name, "tool_choice.function.name");
  const declared =
    Array.isArray(tools) && tools.some((t) => isObject(t) && isObject(t.function) && t.function.name === name);
  if (!declared) {
    throw new OpenAIRequestError({
      message: `Invalid value for 'tool_choice': function '${name}' is not in 'tools'.`,
      param: "tool_choice",
    });
  }
}

function checkResponseFormat(format: unknown, messages: Json[]): void {
  if (format === undefined || format === null) return;
  checkType(format, "response_format", "object");
  const f = format as Json;
  if (f.type === undefined) throw missingParam("response_format.type");
  checkChoice(f.type, "response_format.type", ["text", "json_object", "json_schema"]);
  if (f.type === "json_object") {
    const mentionsJson = messages.some((m) =>
      /json/i.test(typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? "")),
    );
    if (!mentionsJson) {
      throw new OpenAIRequestError({
        message:
          "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        param: "messages",
      });
    }
  }
  if (f.type !== "json_schema") return;
  if (!isObject(f.json_schema)) throw missingParam("response_format.json_schema");
  const name = requireString(f.json_schema.name, "response_format.json_schema.name");
  checkFunctionName(name, "response_format.json_schema.name");
  checkType(f.json_schema.schema, "response_format.json_schema.schema", "object");
  if (f.json_schema.strict === true && isObject(f.json_schema.schema)) {
    const problem = strictSchemaProblem(f.json_schema.schema);
    if (problem)
      throw new OpenAIRequestError({
        message: `Invalid schema for response_format '${name}': ${problem}`,
        param: "response_format",
      });
  }
}

function checkModelSupport(body: Json, resolved: ResolvedModel): void {
  if (!resolved.model.reasoning) {
    if (body.reasoning_effort !== undefined && body.reasoning_effort !== null)
      throw unsupportedParam("reasoning_effort");
    return;
  }
  if (body.max_tokens !== undefined && body.max_tokens !== null) {
    throw unsupportedParam("max_tokens", "Use 'max_completion_tokens' instead.");
  }
  const effort = (body.reasoning_effort as string | undefined) ?? resolved.model.defaultEffort ?? "medium";
  if (effort === "none") return;
  for (const key of ["temperature", "top_p"]) {
    const value = body[key];
    if (value !== undefined && value !== null && value !== 1) {
      throw new OpenAIRequestError({
        message: `Unsupported value: '${key}' does not support ${value} with this model. Only the default (1) value is supported.`,
        param: key,
        code: "unsupported_value",
      });
    }
  }
}
