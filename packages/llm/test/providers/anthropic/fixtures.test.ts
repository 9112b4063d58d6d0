// Conformance of the Anthropic adapter with the recorded Messages API responses in
// ../shared/fixtures/llm/anthropic/ (read in place; see SOURCE.md there). Every file is served
// over a real local HTTP server through a Client: `.json` as a non-streaming body, `.chunks.txt`
// with the real SSE framing (`event: <type>`) and with vercel/ai's data-only framing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../../src/client/client.js";
import { StreamError } from "../../../src/errors/client-errors.js";
import { AnthropicAdapter } from "../../../src/providers/anthropic/index.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { Response } from "../../../src/types/response.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import {
  frameChunks,
  frameChunksDataOnly,
  haveFixtures,
  listFixtures,
  type ProviderServer,
  type Reply,
  readFixture,
  startProviderServer,
} from "../../helpers/provider-server.js";
import { EXPECTATIONS, PAIR_SHAPE_EXCEPTIONS } from "./fixture-expectations.js";
import { checkResponse, checkStreamInvariants, shapeOf } from "./stream-checks.js";

const files = listFixtures("anthropic");
if (!haveFixtures) console.info("anthropic fixtures: ../shared/fixtures/llm not found; recorded-fixture tests skipped");

const request: Request = { model: "claude-test", provider: "anthropic", messages: [Message.user("Hello")] };

/** A stream the real API would send for a whole message (used to check stream/complete agreement). */
function chunksFromMessage(message: Record<string, unknown>): string {
  const { content, usage, stop_reason, stop_sequence, id, type, role, model, ...extras } = message as {
    content: Record<string, unknown>[];
    usage: Record<string, unknown>;
  } & Record<string, unknown>;
  const lines: unknown[] = [
    {
      type: "message_start",
      message: { id, type, role, model, content: [], stop_reason: null, stop_sequence: null, usage },
    },
  ];
  content.forEach((block, index) => {
    const delta = (d: Record<string, unknown>) => lines.push({ type: "content_block_delta", index, delta: d });
    if (block.type === "text") {
      const citations = Array.isArray(block.citations) ? block.citations : undefined;
      lines.push({
        type: "content_block_start",
        index,
        content_block: { ...block, text: "", ...(citations ? { citations: [] } : {}) },
      });
      for (const citation of citations ?? []) delta({ type: "citations_delta", citation });
      const text = String(block.text);
      for (let i = 0; i < text.length; i += 7) delta({ type: "text_delta", text: text.slice(i, i + 7) });
    } else if (block.type === "thinking") {
      lines.push({
        type: "content_block_start",
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      });
      delta({ type: "thinking_delta", thinking: block.thinking });
      delta({ type: "signature_delta", signature: block.signature });
    } else if ("input" in block) {
      lines.push({ type: "content_block_start", index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      for (let i = 0; i < json.length; i += 5) delta({ type: "input_json_delta", partial_json: json.slice(i, i + 5) });
    } else if (block.type === "compaction") {
      lines.push({ type: "content_block_start", index, content_block: { ...block, content: null } });
      delta({ type: "compaction_delta", content: block.content });
    } else {
      lines.push({ type: "content_block_start", index, content_block: block });
    }
    lines.push({ type: "content_block_stop", index });
  });
  const { context_management, ...deltaExtras } = extras;
  lines.push({
    type: "message_delta",
    delta: { stop_reason, stop_sequence, ...deltaExtras },
    usage: { output_tokens: usage.output_tokens },
    ...(context_management !== undefined ? { context_management } : {}),
  });
  lines.push({ type: "message_stop" });
  return lines.map((l) => JSON.stringify(l)).join("\n");
}

describe.skipIf(!haveFixtures)("anthropic recorded fixtures", () => {
  let server: ProviderServer;
  let reply: Reply = {};
  let client: Client;

  beforeAll(async () => {
    server = await startProviderServer(() => reply);
    client = new Client({
      providers: { anthropic: new AnthropicAdapter({ apiKey: "test-key", baseUrl: server.url }) },
    });
  });
  afterAll(() => server.close());

  async function complete(file: string): Promise<Response> {
    reply = { body: JSON.parse(readFixture("anthropic", file)) };
    return client.complete(request);
  }

  async function stream(chunks: string[]): Promise<StreamEvent[]> {
    reply = { chunks };
    const events: StreamEvent[] = [];
    for await (const event of client.stream(request)) events.push(event);
    return events;
  }

  function finished(events: StreamEvent[]): Response {
    const last = checkStreamInvariants(events);
    if (last.type !== "finish") throw new Error(`stream ended with ${last.type}: ${JSON.stringify(last)}`);
    return last.response;
  }

  it("has an expectation for every fixture file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !(f in EXPECTATIONS))).toEqual([]);
  });

  for (const file of files) {
    const exp = EXPECTATIONS[file];
    if (!exp) continue;
    if (file.endsWith(".json")) {
      it(`complete: ${file}`, async () => {
        if (exp.kind === "error") {
          reply = { status: exp.status, body: JSON.parse(readFixture("anthropic", file)) };
          const error = await client.complete(request).catch((e: unknown) => e);
          expect((error as Error).name).toBe(exp.errorClass);
          return;
        }
        const response = await complete(file);
        checkResponse(response, exp);
        expect(response.raw).toEqual(JSON.parse(readFixture("anthropic", file)));
      });
      it(`stream of the same message agrees with complete: ${file}`, async () => {
        if (exp.kind === "error") return;
        const body = JSON.parse(readFixture("anthropic", file)) as Record<string, unknown>;
        const fromStream = finished(await stream(frameChunks("anthropic", chunksFromMessage(body))));
        const fromComplete = await complete(file);
        expect(fromStream.message).toEqual(fromComplete.message);
        expect(fromStream.finishReason).toEqual(fromComplete.finishReason);
        expect(fromStream.usage).toEqual(fromComplete.usage);
        // The rebuilt message holds every field of the body (and may add `stop_sequence: null`).
        expect(fromStream.raw).toMatchObject(fromComplete.raw as Record<string, unknown>);
        checkResponse(fromStream, exp as Extract<typeof exp, { kind: "response" }>);
      });
    } else if (file.endsWith(".chunks.txt")) {
      for (const [framing, frame] of [
        ["event framing", frameChunks],
        ["data-only framing", frameChunksDataOnly],
      ] as const) {
        it(`stream (${framing}): ${file}`, async () => {
          if (exp.kind !== "response") throw new Error("stream fixtures are responses");
          const response = finished(await stream(frame("anthropic", readFixture("anthropic", file))));
          checkResponse(response, exp);
        });
      }
    }
  }

  describe("pairs (.json + .chunks.txt, separate recordings) agree in shape", () => {
    const pairs = files
      .filter((f) => f.endsWith(".chunks.txt"))
      .map((f) => f.slice(0, -".chunks.txt".length))
      .filter((base) => files.includes(`${base}.json`));
    it("there are pairs", () => expect(pairs.length).toBeGreaterThan(0));
    for (const base of pairs) {
      it(base, async () => {
        const fromComplete = await complete(`${base}.json`);
        const fromStream = finished(
          await stream(frameChunks("anthropic", readFixture("anthropic", `${base}.chunks.txt`))),
        );
        if (base in PAIR_SHAPE_EXCEPTIONS) {
          expect(shapeOf(fromStream)).not.toEqual(shapeOf(fromComplete));
          return;
        }
        expect(shapeOf(fromStream)).toEqual(shapeOf(fromComplete));
        expect(fromStream.finishReason).toEqual(fromComplete.finishReason);
        expect(fromStream.toolCalls.map((c) => c.name)).toEqual(fromComplete.toolCalls.map((c) => c.name));
      });
    }
  });

  describe("stream edge cases (SOURCE.md) written here, as the recorded files are not in this copy", () => {
    const start = (id: string, usage: Record<string, number>) =>
      JSON.stringify({
        type: "message_start",
        message: { id, type: "message", role: "assistant", model: "m", content: [], stop_reason: null, usage },
      });
    const lines = (...events: unknown[]) =>
      events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n");

    it("a different message_start while the first message is open fails with StreamError", async () => {
      const events = await stream(
        frameChunks(
          "anthropic",
          lines(
            start("msg_first", { input_tokens: 10, output_tokens: 1 }),
            {
              type: "content_block_start",
              index: 0,
              content_block: { type: "tool_use", id: "t1", name: "lookup", input: {} },
            },
            {
              type: "content_block_delta",
              index: 0,
              delta: { type: "input_json_delta", partial_json: '{"value":"Spa' },
            },
            start("msg_second", { input_tokens: 20, output_tokens: 1 }),
            { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
            { type: "message_stop" },
          ),
        ),
      );
      const last = checkStreamInvariants(
        events.filter((e) => e.type !== "tool_call_start" && e.type !== "tool_call_delta"),
      );
      expect(last.type).toBe("error");
      if (last.type === "error") {
        expect(last.error).toBeInstanceOf(StreamError);
        expect(last.error.message).toContain("msg_second");
      }
    });

    it("input tokens in message_delta replace those of message_start", async () => {
      const response = finished(
        await stream(
          frameChunks(
            "anthropic",
            lines(
              start("msg_1", { input_tokens: 43, output_tokens: 1 }),
              { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
              { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "p" } },
              { type: "ping" },
              { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "ong" } },
              { type: "content_block_stop", index: 0 },
              {
                type: "message_delta",
                delta: { stop_reason: "end_turn", stop_sequence: null },
                usage: { input_tokens: 61, output_tokens: 2 },
              },
              { type: "message_stop" },
            ),
          ),
        ),
      );
      expect(response.text).toBe("pong");
      expect(response.usage).toMatchObject({ inputTokens: 61, outputTokens: 2, totalTokens: 63 });
    });
  });
});
