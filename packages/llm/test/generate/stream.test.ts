import { afterEach, describe, expect, it } from "vitest";
import { setDefaultClient } from "../../src/client/default-client.js";
import { AbortError, ConfigurationError, RequestTimeoutError, StreamError } from "../../src/errors/client-errors.js";
import { stream } from "../../src/generate/stream.js";
import type { Tool } from "../../src/generate/types.js";
import { Message } from "../../src/types/message.js";
import type { StreamEvent } from "../../src/types/stream-event.js";
import {
  collect,
  eventsFor,
  fakeClient,
  hang,
  respond,
  responseOf,
  textResponse,
  toolCallsResponse,
  usage,
} from "../helpers/fake-adapter.js";

afterEach(() => setDefaultClient(undefined));

const types = (events: StreamEvent[]) => events.map((e) => e.type);

describe("stream", () => {
  it("§8.4 stream() yields TEXT_DELTA events that concatenate to the full response text", async () => {
    const { client } = fakeClient([respond(textResponse("Code flows like water, bugs drift by."))]);
    const result = stream({ model: "m", prompt: "Write a haiku", client });
    let text = "";
    for await (const event of result) if (event.type === "text_delta") text += event.delta;
    const response = await result.response();
    expect(text).toBe("Code flows like water, bugs drift by.");
    expect(response.text).toBe(text);
  });

  it("§8.4 stream() yields STREAM_START and FINISH events with correct metadata", async () => {
    const response = textResponse("hi", { id: "resp_42", model: "m-2025", usage: usage(7, 2) });
    const { client } = fakeClient([respond(response)]);
    const events = await collect(stream({ model: "m", prompt: "p", client }));
    const start = events[0];
    const finish = events.at(-1);
    expect(start).toMatchObject({ type: "stream_start", id: "resp_42", model: "m-2025" });
    expect(finish?.type).toBe("finish");
    if (finish?.type !== "finish") return;
    expect(finish.finishReason).toEqual({ reason: "stop" });
    expect(finish.usage).toEqual(usage(7, 2));
    expect(finish.response.text).toBe("hi");
  });

  it("§8.4 streaming follows the start/delta/end pattern for text segments", async () => {
    const { client } = fakeClient([
      respond(
        responseOf([
          { kind: "text", text: "first part" },
          { kind: "text", text: "second" },
        ]),
      ),
    ]);
    const events = await collect(stream({ model: "m", prompt: "p", client }));
    const text = events.filter((e) => e.type.startsWith("text_"));
    const byId = new Map<string, string[]>();
    for (const e of text) if ("textId" in e) byId.set(e.textId, [...(byId.get(e.textId) ?? []), e.type]);
    expect(byId.size).toBe(2);
    for (const sequence of byId.values()) {
      expect(sequence[0]).toBe("text_start");
      expect(sequence.at(-1)).toBe("text_end");
      expect(sequence.slice(1, -1).every((t) => t === "text_delta")).toBe(true);
    }
    const ends = events.filter((e): e is Extract<StreamEvent, { type: "text_end" }> => e.type === "text_end");
    expect(ends.map((e) => e.text)).toEqual(["first part", "second"]);
  });

  it("textStream yields only the text deltas and can be read alongside the events", async () => {
    const { client } = fakeClient([respond(textResponse("Hello there, world"))]);
    const result = stream({ model: "m", prompt: "p", client });
    const [deltas, events] = await Promise.all([collect(result.textStream), collect(result)]);
    expect(deltas.join("")).toBe("Hello there, world");
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.length).toBeGreaterThan(deltas.length);
    expect(await collect(result)).toEqual(events);
  });

  it("partialResponse grows while streaming", async () => {
    const { client } = fakeClient([respond(textResponse("abcdefgh"), 5)]);
    const result = stream({ model: "m", prompt: "p", client });
    expect(result.partialResponse?.text ?? "").toBe("");
    const seen: string[] = [];
    for await (const event of result) if (event.type === "text_delta") seen.push(result.partialResponse?.text ?? "");
    expect(seen).toEqual(["abcd", "abcdefgh"]);
    expect(result.partialResponse?.text).toBe("abcdefgh");
  });

  it("response() works without iterating", async () => {
    const { client } = fakeClient([respond(textResponse("quiet"))]);
    expect((await stream({ model: "m", prompt: "p", client }).response()).text).toBe("quiet");
  });

  it("§8.4 stream() rejects at once when both prompt and messages are provided", () => {
    const { client } = fakeClient();
    expect(() => stream({ model: "m", prompt: "a", messages: [Message.user("b")], client })).toThrow(
      ConfigurationError,
    );
    expect(() => stream({ model: "", prompt: "a", client })).toThrow(ConfigurationError);
    expect(() => stream({ model: "m", prompt: "a", client, provider: "nope" })).toThrow(ConfigurationError);
  });

  it("§5.9 streaming with tools: events span steps with step_finish between them", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "lookup", args: { q: "x" } }], { usage: usage(10, 4) })),
      respond(textResponse("The answer is 42", { usage: usage(20, 6) })),
    ]);
    const lookup: Tool = { name: "lookup", description: "", parameters: { type: "object" }, execute: () => "42" };
    const result = stream({ model: "m", prompt: "p", client, tools: [lookup] });
    const events = await collect(result);
    const t = types(events);
    expect(t.filter((x) => x === "stream_start")).toHaveLength(2);
    expect(t.filter((x) => x === "step_finish")).toHaveLength(1);
    const stepAt = t.indexOf("step_finish");
    expect(t[stepAt - 1]).toBe("finish");
    expect(t[stepAt + 1]).toBe("stream_start");
    expect(t.at(-1)).toBe("finish");
    expect(t.slice(0, stepAt)).toContain("tool_call_end");
    const stepEvent = events[stepAt];
    expect(stepEvent?.type === "step_finish" && stepEvent.step.toolResults).toEqual([
      { toolCallId: "c1", content: "42", isError: false },
    ]);
    const final = await result.result();
    expect(final.steps).toHaveLength(2);
    expect(final.totalUsage).toEqual(usage(30, 10));
    expect(final.text).toBe("The answer is 42");
    expect((await result.response()).text).toBe("The answer is 42");
    expect(adapter.requests[1]?.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
  });

  it("§8.4 cancellation via abort signal works for stream(): iteration throws AbortError", async () => {
    const { client } = fakeClient([respond(textResponse("a long long long long text"), 15)]);
    const controller = new AbortController();
    const result = stream({ model: "m", prompt: "p", client, abortSignal: controller.signal });
    const seen: string[] = [];
    const consume = (async () => {
      for await (const event of result) {
        seen.push(event.type);
        if (event.type === "text_delta") controller.abort();
      }
    })();
    await expect(consume).rejects.toBeInstanceOf(AbortError);
    await expect(result.response()).rejects.toBeInstanceOf(AbortError);
    expect(seen).not.toContain("finish");
  });

  it("§8.4 stream() total timeout throws RequestTimeoutError scope total", async () => {
    const { client } = fakeClient([hang()]);
    const result = stream({ model: "m", prompt: "p", client, timeout: 30 });
    const error = await collect(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("total");
  });

  it("§8.4 stream() per-step timeout covers a step that stalls mid-stream", async () => {
    const partial = eventsFor(textResponse("slow text here")).slice(0, 3);
    const { client } = fakeClient([{ kind: "events", events: partial, thenHang: true }]);
    const result = stream({ model: "m", prompt: "p", client, timeout: { perStepMs: 25 } });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of result) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["stream_start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("per_step");
  });

  it("a stream that ends without a finish event ends with a StreamError event", async () => {
    const partial = eventsFor(textResponse("cut short")).slice(0, 3);
    const { client } = fakeClient([{ kind: "events", events: partial }]);
    const result = stream({ model: "m", prompt: "p", client });
    const last = (await collect(result)).at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(StreamError);
    await expect(result.response()).rejects.toBeInstanceOf(StreamError);
  });
});
