// Chat Completions stream and response translation (unified-llm-spec §7.7, §7.10, §3.8, §3.9) on
// hand-written chunks: tool call pieces, termination rules, reasoning fields, errors.
import { describe, expect, it } from "vitest";
import { StreamError } from "../../../src/errors/client-errors.js";
import { RateLimitError, ServerError } from "../../../src/errors/provider-error.js";
import type { SseMessage } from "../../../src/http/sse.js";
import { parseChatErrorBody } from "../../../src/providers/openai-compatible/errors.js";
import {
  chatUsage,
  mapChatFinishReason,
  parseChatCompletion,
} from "../../../src/providers/openai-compatible/response.js";
import { translateChatStream } from "../../../src/providers/openai-compatible/stream.js";
import type { ChatChunk } from "../../../src/providers/openai-compatible/wire-types.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { checkStreamInvariants } from "../gemini/stream-checks.js";

const ctx = { provider: "openai-compatible", model: "m", warnings: [] };

async function* sse(data: Array<string | ChatChunk>): AsyncGenerator<SseMessage> {
  for (const d of data) yield { data: typeof d === "string" ? d : JSON.stringify(d), event: undefined, id: undefined };
}

type Delta = NonNullable<NonNullable<ChatChunk["choices"]>[number]["delta"]>;
const delta = (d: Delta, finish: string | null = null): ChatChunk => ({
  id: "c1",
  model: "m-1",
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});

async function run(data: Array<string | ChatChunk>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of translateChatStream(sse(data), ctx)) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

describe("translateChatStream", () => {
  it("assembles pieces whose name comes after arguments; a piece with an id but no index is a new call", async () => {
    const { events, error } = await run([
      delta({ tool_calls: [{ index: 0, id: "a", function: { arguments: '{"x"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { name: "first", arguments: ":1}" } }] }),
      delta({ tool_calls: [{ id: "b", function: { name: "second", arguments: "{" } }] }),
      delta({ tool_calls: [{ function: { arguments: "}" } }] }),
      delta({}, "tool_calls"),
      "[DONE]",
    ]);
    expect(error).toBeUndefined();
    const response = checkStreamInvariants(events);
    expect(response?.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["first", { x: 1 }],
      ["second", {}],
    ]);
    expect(response?.toolCalls[0].id).toBe("a");
    expect(response?.toolCalls[1].id).toBe("b");
  });

  it("keeps arguments that are not JSON as the raw string", async () => {
    const { events } = await run([
      delta({ tool_calls: [{ index: 0, id: "a", function: { name: "f", arguments: "{oops" } }] }),
      delta({}, "tool_calls"),
      "[DONE]",
    ]);
    const end = events.find((e) => e.type === "tool_call_end");
    expect(end).toMatchObject({ toolCall: { arguments: {}, rawArguments: "{oops" } });
    const response = checkStreamInvariants(events);
    expect(response?.message.content).toEqual([
      { kind: "tool_call", toolCall: { id: "a", name: "f", arguments: "{oops" } },
    ]);
  });

  it("reads Ollama's `reasoning` field and refusals", async () => {
    const { events } = await run([
      delta({ reasoning: "hmm" }),
      delta({ refusal: "I can't help with that." }),
      delta({}, "stop"),
      "[DONE]",
    ]);
    const response = checkStreamInvariants(events);
    expect(response?.reasoning).toBe("hmm");
    expect(response?.text).toBe("I can't help with that.");
  });

  it("finishes with `other` at [DONE] without a finish_reason, and without [DONE] after one", async () => {
    const noReason = await run([delta({ content: "a" }), "[DONE]", "ignored after done"]);
    expect(checkStreamInvariants(noReason.events)?.finishReason).toEqual({ reason: "other" });
    const noDone = await run([delta({ content: "a" }, "length")]);
    expect(checkStreamInvariants(noDone.events)?.finishReason).toEqual({ reason: "length", raw: "length" });
  });

  it("fails with StreamError when cut short, empty, or fed malformed data", async () => {
    const cut = await run([delta({ content: "a" })]);
    expect(cut.events[0].type).toBe("stream_start");
    expect(cut.error).toBeInstanceOf(StreamError);
    const empty = await run([]);
    expect(empty.events).toEqual([]);
    expect(empty.error).toBeInstanceOf(StreamError);
    const bad = await run([delta({ content: "a" }), "{nope"]);
    expect(bad.error).toBeInstanceOf(StreamError);
    expect((bad.error as Error).message).toContain("{nope");
  });

  it("maps error chunks like HTTP errors", async () => {
    const server = await run([{ error: { message: "boom", type: "server_error", code: null } }]);
    expect(server.error).toBeInstanceOf(ServerError);
    const limited = await run([delta({ content: "a" }), { error: { message: "slow down", code: 429 } }]);
    expect(limited.error).toBeInstanceOf(RateLimitError);
    const ollama = await run([{ error: "model crashed" } as ChatChunk]);
    expect(ollama.error).toBeInstanceOf(ServerError);
    expect((ollama.error as Error).message).toContain("model crashed");
  });
});

describe("Chat Completions responses", () => {
  it.each([
    ["stop", false, "stop"],
    ["stop", true, "tool_calls"],
    ["length", false, "length"],
    ["tool_calls", true, "tool_calls"],
    ["function_call", true, "tool_calls"],
    ["content_filter", false, "content_filter"],
    ["eos", false, "other"],
  ] as const)("finish_reason %s (tool calls: %s) -> %s", (raw, calls, reason) => {
    expect(mapChatFinishReason(raw, calls)).toEqual({ reason, raw });
  });

  it("maps usage details and tolerates missing usage", () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 2 },
    };
    expect(chatUsage(usage)).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
      cacheReadTokens: 4,
      reasoningTokens: 2,
      raw: usage,
    });
    expect(chatUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("gives calls without ids a synthetic id and tolerates an empty body", () => {
    const fields = parseChatCompletion(
      { choices: [{ index: 0, message: { content: null, tool_calls: [{ function: { name: "f", arguments: "" } }] } }] },
      { provider: "p", model: "m" },
    );
    expect(fields.message.content).toEqual([
      { kind: "tool_call", toolCall: { id: expect.stringMatching(/^call_/), name: "f", arguments: {} } },
    ]);
    expect(fields.finishReason).toEqual({ reason: "other" });
    expect(parseChatCompletion({}, { provider: "p", model: "m" })).toMatchObject({ id: "", model: "m" });
  });

  it("reads OpenAI, Ollama, vLLM and FastAPI error bodies", () => {
    expect(parseChatErrorBody({ error: { message: "bad", type: "invalid_request_error", code: null } })).toEqual({
      message: "bad",
      code: "invalid_request_error",
    });
    expect(parseChatErrorBody({ error: "model 'x' not found" })).toEqual({ message: "model 'x' not found" });
    expect(parseChatErrorBody({ object: "error", message: "no", type: "NotFoundError", code: 404 })).toEqual({
      message: "no",
      code: "NotFoundError",
    });
    expect(parseChatErrorBody({ detail: "Not Found" })).toEqual({ message: "Not Found" });
    expect(parseChatErrorBody({ detail: [{ msg: "field required" }, { msg: "bad type" }] })).toEqual({
      message: "field required; bad type",
    });
    expect(parseChatErrorBody("text")).toEqual({});
  });
});
