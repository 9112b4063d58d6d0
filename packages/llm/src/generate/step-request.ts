/**
 * The Request of one step of a high-level call (unified-llm-spec §4.3): the options mapped onto
 * the §3.6 Request, with tool handlers stripped.
 * @module
 */
import type { Message } from "../types/message.js";
import type { Request } from "../types/request.js";
import type { ToolDefinition } from "../types/tool.js";
import type { GenerateOptions, Tool } from "./types.js";

/** The definitions sent to the model: name, description and parameters only. */
export function toolDefinitions(tools: readonly Tool[]): ToolDefinition[] {
  return tools.map(({ name, description, parameters }) => ({ name, description, parameters }));
}

/** The Request for one step over `messages` (copied, so later steps do not change it). */
export function stepRequest(options: GenerateOptions, messages: readonly Message[]): Request {
  const request: Request = { model: options.model, messages: [...messages] };
  if (options.provider !== undefined) request.provider = options.provider;
  if (options.tools && options.tools.length > 0) request.tools = toolDefinitions(options.tools);
  if (options.toolChoice !== undefined) request.toolChoice = options.toolChoice;
  if (options.responseFormat !== undefined) request.responseFormat = options.responseFormat;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.topP = options.topP;
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  if (options.stopSequences !== undefined) request.stopSequences = options.stopSequences;
  if (options.reasoningEffort !== undefined) request.reasoningEffort = options.reasoningEffort;
  if (options.metadata !== undefined) request.metadata = options.metadata;
  if (options.providerOptions !== undefined) request.providerOptions = options.providerOptions;
  return request;
}
