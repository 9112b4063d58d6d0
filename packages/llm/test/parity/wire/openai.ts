// The OpenAI Responses API wire format (POST /v1/responses): request reader, response bodies and
// SSE (`event: <type>\ndata: <json>\n\n`, with sequence numbers) modelled on the recorded
// Responses API fixtures, and OpenAI's error bodies.
import type { RecordedRequest, Reply } from "../../helpers/provider-server.js";
import { pairingProblem } from "./pairing.js";
import { promptBlock } from "./tokens.js";
import {
  deltas,
  type IdSource,
  isObject,
  list,
  type ModelTurn,
  type NeutralUsage,
  type PromptBlock,
  str,
  type WireCodec,
  type WireMessage,
  type WirePart,
  type WireView,
} from "./types.js";

type Json = Record<string, unknown>;

function bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.match(/^Bearer (.+)$/)?.[1];
}

function imagePart(content: Json): WirePart {
  const url = str(content.image_url) ?? "";
  const data = /^data:([^;]+);base64,(.*)$/s.exec(url);
  return data ? { type: "image", base64: data[2], mediaType: data[1] } : { type: "image", url };
}

function parseArgs(text: unknown): Record<string, unknown> {
  const parsed: unknown = JSON.parse(typeof text === "string" && text !== "" ? text : "{}");
  if (!isObject(parsed)) throw new Error("function_call arguments must be a JSON object");
  return parsed;
}

/** One input item as a role and parts (developer/system messages go to `system`). */
function itemParts(item: Json, system: string[]): { role: "user" | "assistant"; parts: WirePart[] } | undefined {
  const type = str(item.type) ?? "message";
  if (type === "message") {
    const role = str(item.role);
    const contents =
      typeof item.content === "string" ? [{ type: "input_text", text: item.content }] : list(item.content);
    const parts: WirePart[] = [];
    for (const c of contents.filter(isObject)) {
      if (c.type === "input_text" || c.type === "output_text") parts.push({ type: "text", text: str(c.text) ?? "" });
      else if (c.type === "input_image") parts.push(imagePart(c));
    }
    if (role === "developer" || role === "system") {
      system.push(...parts.flatMap((p) => (p.type === "text" ? [p.text] : [])));
      return undefined;
    }
    if (role !== "user" && role !== "assistant")
      throw new Error(
        `Invalid value: '${role}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
      );
    return { role, parts };
  }
  if (type === "function_call") {
    const call: WirePart = {
      type: "tool_call",
      id: str(item.call_id),
      name: str(item.name) ?? "",
      args: parseArgs(item.arguments),
    };
    return { role: "assistant", parts: [call] };
  }
  if (type === "function_call_output") {
    const output = typeof item.output === "string" ? item.output : JSON.stringify(item.output);
    return {
      role: "user",
      parts: [{ type: "tool_result", id: str(item.call_id), output, isError: /^error\b/i.test(output) }],
    };
  }
  if (type === "reasoning") {
    const text = list(item.summary)
      .filter(isObject)
      .map((s) => str(s.text) ?? "")
      .join("");
    return { role: "assistant", parts: [{ type: "reasoning", text }] };
  }
  throw new Error(
    `Invalid value: '${type}'. Supported values are: 'message', 'function_call', 'function_call_output', 'reasoning'.`,
  );
}

function read(request: RecordedRequest): WireView {
  if (request.method !== "POST" || request.url !== "/v1/responses")
    throw new Error(`Invalid URL (${request.method} ${request.url})`);
  const body = request.body;
  if (!isObject(body) || typeof body.model !== "string") throw new Error("Missing required parameter: 'model'.");
  const system: string[] = [];
  if (typeof body.instructions === "string") system.push(body.instructions);
  const items =
    typeof body.input === "string" ? [{ type: "message", role: "user", content: body.input }] : list(body.input);
  const messages: WireMessage[] = [];
  const blocks: PromptBlock[] = [];
  if (typeof body.instructions === "string") blocks.push(promptBlock("instructions", body.instructions, false));
  const tools = list(body.tools).filter(isObject);
  for (const tool of tools) blocks.push(promptBlock("tool", tool, false));
  for (const item of items.filter(isObject)) {
    const entry = itemParts(item, system);
    blocks.push(
      promptBlock(item.type === "message" || item.type === undefined ? "message" : String(item.type), item, false),
    );
    if (!entry) continue;
    const last = messages.at(-1);
    if (last && last.role === entry.role) last.parts.push(...entry.parts);
    else messages.push(entry);
  }
  const choice = body.tool_choice;
  const format = isObject(body.text) && isObject(body.text.format) ? body.text.format : undefined;
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  const effort = str(reasoning.effort);
  return {
    provider: "openai",
    model: body.model,
    stream: body.stream === true,
    apiKey: bearer(request.headers.authorization),
    system: system.join("\n\n"),
    messages,
    tools: tools.filter((t) => t.type === "function").map((t) => str(t.name) ?? ""),
    ...(typeof choice === "string"
      ? { toolChoice: { mode: choice as "auto" | "none" | "required" } }
      : isObject(choice)
        ? { toolChoice: { mode: "named" as const, name: str(choice.name) } }
        : {}),
    ...(format?.type === "json_schema" && isObject(format.schema) ? { responseSchema: format.schema } : {}),
    reasoning: effort !== undefined && effort !== "none",
    reasoningText: effort !== undefined && effort !== "none" && str(reasoning.summary) !== undefined,
    blocks,
    betas: [],
    body,
    headers: request.headers,
  };
}

/** The output items of an answer, with fresh ids. */
function outputItems(turn: ModelTurn, view: WireView, ids: IdSource): Json[] {
  const items: Json[] = [];
  if (turn.reasoning !== undefined) {
    items.push({
      id: ids.next("rs_"),
      type: "reasoning",
      summary: view.reasoningText ? [{ type: "summary_text", text: turn.reasoning }] : [],
    });
  }
  if (turn.text !== undefined) {
    items.push({
      id: ids.next("msg_"),
      type: "message",
      status: "completed",
      content: [{ type: "output_text", annotations: [], logprobs: [], text: turn.text }],
      role: "assistant",
    });
  }
  for (const call of turn.toolCalls ?? []) {
    items.push({
      id: ids.next("fc_"),
      type: "function_call",
      status: "completed",
      arguments: JSON.stringify(call.args),
      call_id: ids.next("call_"),
      name: call.name,
    });
  }
  return items;
}

function usageOf(usage: NeutralUsage): Json {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cacheRead ?? 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.input + usage.output,
  };
}

/** The response object: the output plus the request parameters echoed back, as the API does. */
function responseObject(id: string, view: WireView, output: Json[], usage: NeutralUsage | null): Json {
  const b = view.body;
  const reasoning = isObject(b.reasoning) ? b.reasoning : {};
  const text = isObject(b.text) ? b.text : {};
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: usage ? "completed" : "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: b.instructions ?? null,
    max_output_tokens: b.max_output_tokens ?? null,
    model: `${view.model}-2025-12-11`,
    output,
    parallel_tool_calls: b.parallel_tool_calls ?? true,
    previous_response_id: b.previous_response_id ?? null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    service_tier: usage ? "default" : "auto",
    store: b.store ?? true,
    temperature: b.temperature ?? 1,
    text: { format: text.format ?? { type: "text" }, verbosity: text.verbosity ?? "medium" },
    tool_choice: b.tool_choice ?? "auto",
    tools: b.tools ?? [],
    top_p: b.top_p ?? 1,
    truncation: b.truncation ?? "disabled",
    usage: usage ? usageOf(usage) : null,
    user: null,
    metadata: b.metadata ?? {},
  };
}

function sseOf(events: Json[]): string[] {
  return events.map((e, i) => {
    const event = { type: e.type, sequence_number: i, ...e };
    return `event: ${String(e.type)}\ndata: ${JSON.stringify(event)}\n\n`;
  });
}

/** The events of one output item, from `output_item.added` to `output_item.done`. */
function itemEvents(item: Json, index: number): Json[] {
  const at = { item_id: item.id, output_index: index };
  if (item.type === "message") {
    const text = str(list(item.content).filter(isObject)[0]?.text) ?? "";
    const part = { type: "output_text", annotations: [], logprobs: [], text: "" };
    return [
      {
        type: "response.output_item.added",
        output_index: index,
        item: { ...item, status: "in_progress", content: [] },
      },
      { type: "response.content_part.added", ...at, content_index: 0, part },
      ...deltas(text).map((delta) => ({
        type: "response.output_text.delta",
        ...at,
        content_index: 0,
        delta,
        logprobs: [],
      })),
      { type: "response.output_text.done", ...at, content_index: 0, text, logprobs: [] },
      { type: "response.content_part.done", ...at, content_index: 0, part: { ...part, text } },
      { type: "response.output_item.done", output_index: index, item },
    ];
  }
  if (item.type === "function_call") {
    const args = str(item.arguments) ?? "";
    return [
      {
        type: "response.output_item.added",
        output_index: index,
        item: { ...item, status: "in_progress", arguments: "" },
      },
      ...deltas(args, 6).map((delta) => ({ type: "response.function_call_arguments.delta", ...at, delta })),
      { type: "response.function_call_arguments.done", ...at, arguments: args },
      { type: "response.output_item.done", output_index: index, item },
    ];
  }
  const summary = list(item.summary).filter(isObject);
  return [
    { type: "response.output_item.added", output_index: index, item: { ...item, summary: [] } },
    ...summary.flatMap((s, i) => {
      const text = str(s.text) ?? "";
      const at2 = { ...at, summary_index: i };
      return [
        { type: "response.reasoning_summary_part.added", ...at2, part: { type: "summary_text", text: "" } },
        ...deltas(text).map((delta) => ({ type: "response.reasoning_summary_text.delta", ...at2, delta })),
        { type: "response.reasoning_summary_text.done", ...at2, text },
        { type: "response.reasoning_summary_part.done", ...at2, part: { type: "summary_text", text } },
      ];
    }),
    { type: "response.output_item.done", output_index: index, item },
  ];
}

function errorReply(status: number, error: Json, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "x-request-id": `req_${Math.random().toString(16).slice(2)}`, ...headers },
    body: { error },
  };
}

/** The OpenAI Responses API codec. */
export const openaiWire: WireCodec = {
  provider: "openai",
  baseUrl: (origin) => origin,
  read,
  validate(view) {
    const problem = pairingProblem(view.messages, true);
    if (problem?.kind === "unexpected")
      return `No tool call found for function call output with call_id ${problem.id}.`;
    if (problem?.kind === "unanswered") return `No tool output found for function call ${problem.id}.`;
    return undefined;
  },
  json: (turn, usage, view, ids) => responseObject(ids.next("resp_"), view, outputItems(turn, view, ids), usage),
  sse(turn, usage, view, ids) {
    const id = ids.next("resp_");
    const items = outputItems(turn, view, ids);
    return sseOf([
      { type: "response.created", response: responseObject(id, view, [], null) },
      { type: "response.in_progress", response: responseObject(id, view, [], null) },
      ...items.flatMap((item, i) => itemEvents(item, i)),
      { type: "response.completed", response: responseObject(id, view, items, usage) },
    ]);
  },
  unauthorized: (apiKey) =>
    errorReply(401, {
      message: `Incorrect API key provided: ${(apiKey ?? "").slice(0, 4)}****. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: "invalid_request_error",
      param: null,
      code: "invalid_api_key",
    }),
  rateLimited: (seconds, model) =>
    errorReply(
      429,
      {
        message: `Rate limit reached for ${model} in organization org-parity on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        type: "requests",
        param: null,
        code: "rate_limit_exceeded",
      },
      {
        "retry-after": String(seconds),
        "x-ratelimit-limit-requests": "3",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": `${seconds}s`,
      },
    ),
  modelNotFound: (model) =>
    errorReply(400, {
      message: `The requested model '${model}' does not exist.`,
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    }),
  invalidRequest: (message) => errorReply(400, { message, type: "invalid_request_error", param: null, code: null }),
};
