/**
 * Neutral Answer -> Responses API response object (`POST /v1/responses` without streaming, and
 * the `response` of the `response.created`/`response.completed` events): output items
 * (reasoning, message, function calls), the request's parameters echoed back as the API does,
 * and usage with cached and reasoning tokens.
 * @module
 */
import type { Answer, Usage } from "../kit/conversation.js";
import { encryptReasoning } from "./encrypted-reasoning.js";
import type { OpenAIIds } from "./ids.js";
import type { ResolvedModel } from "./models.js";
import { isObject, type Json } from "./validate.js";

/** Everything a response object needs besides the answer. */
export interface ResponseFrame {
  id: string;
  /** Unix seconds. */
  createdAt: number;
  body: Json;
  model: ResolvedModel;
}

/** The Responses usage object. */
export function responsesUsage(usage: Usage): Json {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** `completed`, or `incomplete` with its reason when the answer ran out of tokens or was filtered. */
export function responseStatus(answer: Answer): { status: "completed" | "incomplete"; reason?: string } {
  if (answer.finishReason === "length") return { status: "incomplete", reason: "max_output_tokens" };
  if (answer.finishReason === "content_filter") return { status: "incomplete", reason: "content_filter" };
  return { status: "completed" };
}

/**
 * The output items of `answer`, with fresh ids: a reasoning item (summary only when the request
 * asked for one; `encrypted_content` when it included `reasoning.encrypted_content`), a message,
 * then one `function_call` per tool call.
 */
export function outputItems(answer: Answer, body: Json, ids: OpenAIIds): Json[] {
  const items: Json[] = [];
  const status = responseStatus(answer).status;
  if (answer.reasoning !== undefined) {
    const reasoning = isObject(body.reasoning) ? body.reasoning : {};
    const summary = reasoning.summary ?? reasoning.generate_summary;
    const include = Array.isArray(body.include) && body.include.includes("reasoning.encrypted_content");
    items.push({
      id: ids.reasoning(),
      type: "reasoning",
      ...(include ? { encrypted_content: encryptReasoning(answer.reasoning) } : {}),
      summary: summary ? [{ type: "summary_text", text: answer.reasoning }] : [],
    });
  }
  if (answer.text !== "" || (answer.toolCalls.length === 0 && answer.reasoning === undefined)) {
    items.push({
      id: ids.message(),
      type: "message",
      status,
      content: [{ type: "output_text", annotations: [], logprobs: [], text: answer.text }],
      role: "assistant",
    });
  }
  for (const call of answer.toolCalls) {
    items.push({
      id: ids.functionCall(),
      type: "function_call",
      status: "completed",
      arguments: call.arguments,
      call_id: call.id,
      name: call.name,
    });
  }
  return items;
}

/**
 * The response object. Without `answer` it is the in-progress shell of the `response.created`
 * and `response.in_progress` events (no output, usage null).
 */
export function responseObject(frame: ResponseFrame, answer?: { answer: Answer; output: Json[] }): Json {
  const b = frame.body;
  const reasoning = isObject(b.reasoning) ? b.reasoning : {};
  const text = isObject(b.text) ? b.text : {};
  const state = answer ? responseStatus(answer.answer) : { status: "in_progress" as const };
  const effort = frame.model.model.reasoning ? (reasoning.effort ?? frame.model.model.defaultEffort ?? "medium") : null;
  return {
    id: frame.id,
    object: "response",
    created_at: frame.createdAt,
    status: state.status,
    background: false,
    billing: { payer: "developer" },
    completed_at: answer && state.status === "completed" ? frame.createdAt : null,
    error: null,
    incomplete_details: "reason" in state && state.reason ? { reason: state.reason } : null,
    instructions: b.instructions ?? null,
    max_output_tokens: b.max_output_tokens ?? null,
    max_tool_calls: b.max_tool_calls ?? null,
    model: frame.model.reportedAs,
    output: answer ? answer.output : [],
    parallel_tool_calls: b.parallel_tool_calls ?? true,
    previous_response_id: b.previous_response_id ?? null,
    prompt_cache_key: b.prompt_cache_key ?? null,
    prompt_cache_retention: b.prompt_cache_retention ?? null,
    reasoning: { effort, summary: reasoning.summary ?? null },
    safety_identifier: b.safety_identifier ?? null,
    service_tier: answer ? "default" : (b.service_tier ?? "auto"),
    store: b.store ?? true,
    temperature: b.temperature ?? 1,
    text: { format: text.format ?? { type: "text" }, verbosity: text.verbosity ?? "medium" },
    tool_choice: b.tool_choice ?? "auto",
    tools: echoTools(b.tools),
    top_logprobs: b.top_logprobs ?? 0,
    top_p: b.top_p ?? 1,
    truncation: b.truncation ?? "disabled",
    usage: answer ? responsesUsage(answer.answer.usage) : null,
    user: b.user ?? null,
    metadata: b.metadata ?? {},
  };
}

/** Tools as the API echoes them: function tools with `description` and `strict` filled in. */
function echoTools(tools: unknown): Json[] {
  return (Array.isArray(tools) ? tools.filter(isObject) : []).map((tool) =>
    tool.type === "function"
      ? {
          type: "function",
          description: tool.description ?? null,
          name: tool.name,
          parameters: tool.parameters ?? null,
          strict: tool.strict ?? true,
        }
      : tool,
  );
}
