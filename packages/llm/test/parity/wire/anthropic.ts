// The Anthropic Messages API wire format (POST /v1/messages): request reader (cache_control
// marks included), message bodies and SSE (`event: <type>\ndata: <json>\n\n`) modelled on the
// recorded Messages fixtures, and Anthropic's error bodies and checks.
import type { RecordedRequest, Reply } from "../../helpers/provider-server.js";
import { pairingProblem } from "./pairing.js";
import { promptBlock, withoutCacheMarks } from "./tokens.js";
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

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

function contentPart(block: Json): WirePart {
  switch (block.type) {
    case "text":
      return { type: "text", text: str(block.text) ?? "" };
    case "image": {
      const source = isObject(block.source) ? block.source : {};
      return source.type === "url"
        ? { type: "image", url: str(source.url) }
        : { type: "image", base64: str(source.data), mediaType: str(source.media_type) };
    }
    case "tool_use":
      return {
        type: "tool_call",
        id: str(block.id),
        name: str(block.name) ?? "",
        args: isObject(block.input) ? block.input : {},
      };
    case "tool_result": {
      const content = block.content;
      const output =
        typeof content === "string"
          ? content
          : list(content)
              .filter(isObject)
              .map((c) => str(c.text) ?? "")
              .join("");
      return { type: "tool_result", id: str(block.tool_use_id), output, isError: block.is_error === true };
    }
    case "thinking":
      return { type: "reasoning", text: str(block.thinking) ?? "", signature: str(block.signature) };
    default:
      throw new Error(
        `messages: Input tag '${String(block.type)}' found using 'type' does not match any of the expected tags`,
      );
  }
}

function read(request: RecordedRequest): WireView {
  if (request.method !== "POST" || request.url !== "/v1/messages") throw new Error(`Not found: ${request.url}`);
  if (!request.headers["anthropic-version"]) throw new Error("anthropic-version: header is required");
  const body = request.body;
  if (!isObject(body) || typeof body.model !== "string") throw new Error("model: Field required");
  if (typeof body.max_tokens !== "number") throw new Error("max_tokens: Field required");
  const blocks: PromptBlock[] = [];
  const tools = list(body.tools).filter(isObject);
  for (const tool of tools) blocks.push(promptBlock("tool", withoutCacheMarks(tool), tool.cache_control !== undefined));
  const systemBlocks =
    typeof body.system === "string" ? [{ type: "text", text: body.system }] : list(body.system).filter(isObject);
  for (const b of systemBlocks) blocks.push(promptBlock("system", str(b.text) ?? "", b.cache_control !== undefined));
  const messages: WireMessage[] = [];
  for (const [i, m] of list(body.messages).filter(isObject).entries()) {
    const role = m.role;
    if (role !== "user" && role !== "assistant")
      throw new Error(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content =
      typeof m.content === "string" ? [{ type: "text", text: m.content }] : list(m.content).filter(isObject);
    for (const b of content) {
      const kind = b.type === "image" ? "image" : `${role}.${String(b.type)}`;
      blocks.push(promptBlock(kind, withoutCacheMarks(b), b.cache_control !== undefined));
    }
    messages.push({ role, parts: content.map(contentPart) });
  }
  const last = blocks.at(-1);
  if (body.cache_control !== undefined && last) last.marked = true;
  const choice = isObject(body.tool_choice) ? body.tool_choice : undefined;
  const modes = { auto: "auto", any: "required", tool: "named", none: "none" } as const;
  const format = isObject(body.output_config) && isObject(body.output_config.format) ? body.output_config.format : {};
  const thinking = isObject(body.thinking) ? str(body.thinking.type) : undefined;
  const thinks = thinking === "enabled" || thinking === "adaptive";
  return {
    provider: "anthropic",
    model: body.model,
    stream: body.stream === true,
    apiKey: header(request.headers["x-api-key"]),
    system: systemBlocks.map((b) => str(b.text) ?? "").join("\n\n"),
    messages,
    tools: tools.filter((t) => t.input_schema !== undefined).map((t) => str(t.name) ?? ""),
    ...(choice
      ? { toolChoice: { mode: modes[choice.type as keyof typeof modes] ?? "auto", name: str(choice.name) } }
      : {}),
    ...(format.type === "json_schema" && isObject(format.schema) ? { responseSchema: format.schema } : {}),
    reasoning: thinks,
    reasoningText: thinks,
    blocks,
    betas: (header(request.headers["anthropic-beta"]) ?? "")
      .split(",")
      .map((b) => b.trim())
      .filter((b) => b !== ""),
    body,
    headers: request.headers,
  };
}

function contentBlocks(turn: ModelTurn, ids: IdSource): Json[] {
  const blocks: Json[] = [];
  if (turn.reasoning !== undefined) {
    const signature = ids.next("EqQBCkYIBxgCKkA");
    ids.signatures.add(signature);
    blocks.push({ type: "thinking", thinking: turn.reasoning, signature });
  }
  if (turn.text !== undefined) blocks.push({ type: "text", text: turn.text });
  for (const call of turn.toolCalls ?? []) {
    blocks.push({ type: "tool_use", id: ids.next("toolu_01"), name: call.name, input: call.args });
  }
  return blocks;
}

/** Anthropic's usage: `input_tokens` counts only the uncached part of the prompt. */
function usageOf(usage: NeutralUsage, final: boolean): Json {
  const read = usage.cacheRead ?? 0;
  const write = usage.cacheWrite ?? 0;
  return {
    input_tokens: usage.input - read - write,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    ...(final ? {} : { cache_creation: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 } }),
    output_tokens: final ? usage.output : 1,
    ...(final && usage.reasoning ? { output_tokens_details: { thinking_tokens: usage.reasoning } } : {}),
    ...(final ? {} : { service_tier: "standard" }),
  };
}

function message(id: string, view: WireView, content: Json[], turn: ModelTurn, usage: NeutralUsage): Json {
  return {
    model: view.model,
    id,
    type: "message",
    role: "assistant",
    content,
    stop_reason: turn.toolCalls?.length ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: {
      ...usageOf(usage, true),
      cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite ?? 0, ephemeral_1h_input_tokens: 0 },
      service_tier: "standard",
    },
  };
}

function blockEvents(block: Json, index: number): Json[] {
  const start = (content_block: Json) => ({ type: "content_block_start", index, content_block });
  const delta = (d: Json) => ({ type: "content_block_delta", index, delta: d });
  const stop = { type: "content_block_stop", index };
  if (block.type === "thinking") {
    return [
      start({ type: "thinking", thinking: "", signature: "" }),
      ...deltas(str(block.thinking) ?? "").map((thinking) => delta({ type: "thinking_delta", thinking })),
      delta({ type: "signature_delta", signature: block.signature }),
      stop,
    ];
  }
  if (block.type === "tool_use") {
    return [
      start({ ...block, input: {} }),
      ...deltas(JSON.stringify(block.input), 6).map((partial_json) =>
        delta({ type: "input_json_delta", partial_json }),
      ),
      stop,
    ];
  }
  return [
    start({ type: "text", text: "" }),
    ...deltas(str(block.text) ?? "").map((text) => delta({ type: "text_delta", text })),
    stop,
  ];
}

function errorReply(status: number, type: string, text: string, headers: Record<string, string> = {}): Reply {
  const requestId = `req_011C${Math.random().toString(36).slice(2, 14)}`;
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: { type: "error", error: { type, message: text }, request_id: requestId },
  };
}

/** The Anthropic Messages API codec. */
export const anthropicWire: WireCodec = {
  provider: "anthropic",
  baseUrl: (origin) => origin,
  read,
  validate(view, ids) {
    const problem = pairingProblem(view.messages, true);
    if (problem?.kind === "unanswered") {
      return `messages.${problem.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${problem.id}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    if (problem?.kind === "unexpected") {
      return `messages.${problem.index}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${problem.id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
    for (const [i, m] of view.messages.entries()) {
      const bad = m.parts.findIndex((p) => p.type === "reasoning" && !ids.signatures.has(p.signature ?? ""));
      if (bad >= 0) return `messages.${i}.content.${bad}: Invalid \`signature\` in \`thinking\` block`;
    }
    const marks = view.blocks.filter((b) => b.marked).length;
    if (marks > 4) return `A maximum of 4 blocks with cache_control may be provided. Found ${marks}.`;
    const thinking = isObject(view.body.thinking) ? view.body.thinking : {};
    if (typeof thinking.budget_tokens === "number" && Number(view.body.max_tokens) <= thinking.budget_tokens) {
      return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
    }
    if (view.reasoning && (view.toolChoice?.mode === "required" || view.toolChoice?.mode === "named")) {
      return "Thinking may not be enabled when tool_choice forces tool use.";
    }
    return undefined;
  },
  json(turn, usage, view, ids) {
    return message(ids.next("msg_01"), view, contentBlocks(turn, ids), turn, usage);
  },
  sse(turn, usage, view, ids) {
    const content = contentBlocks(turn, ids);
    const full = message(ids.next("msg_01"), view, content, turn, usage);
    const events: Json[] = [
      { type: "message_start", message: { ...full, content: [], stop_reason: null, usage: usageOf(usage, false) } },
      ...content.flatMap((block, i) => {
        const events = blockEvents(block, i);
        return i === 0 ? [events[0], { type: "ping" }, ...events.slice(1)] : events;
      }),
      {
        type: "message_delta",
        delta: { stop_reason: full.stop_reason, stop_sequence: null },
        usage: usageOf(usage, true),
      },
      { type: "message_stop" },
    ];
    return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`);
  },
  unauthorized: () => errorReply(401, "authentication_error", "invalid x-api-key"),
  rateLimited: (seconds) =>
    errorReply(
      429,
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (org-parity) of 5 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.",
      {
        "retry-after": String(seconds),
        "anthropic-ratelimit-requests-limit": "5",
        "anthropic-ratelimit-requests-remaining": "0",
        "anthropic-ratelimit-requests-reset": new Date(Date.now() + seconds * 1000).toISOString(),
      },
    ),
  modelNotFound: (model) => errorReply(404, "not_found_error", `model: ${model}`),
  invalidRequest: (text) => errorReply(400, "invalid_request_error", text),
};
