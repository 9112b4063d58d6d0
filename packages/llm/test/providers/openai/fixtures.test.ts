// Conformance of the OpenAI adapter with every recorded Responses API fixture in
// ../shared/fixtures/llm/openai (vercel/ai, see SOURCE.md), served by a real local HTTP server:
// `.json` as the non-streaming body, `.chunks.txt` framed as the real API does (`event:` + `data:`)
// and as vercel's tests do (data-only + `[DONE]`), all through a `Client`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../../src/client/client.js";
import { LlmError } from "../../../src/errors/llm-error.js";
import { ProviderError } from "../../../src/errors/provider-error.js";
import { OpenAIAdapter } from "../../../src/providers/openai/adapter.js";
import { buildRequestBody } from "../../../src/providers/openai/request.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { Response } from "../../../src/types/response.js";
import {
  frameChunks,
  frameChunksDataOnly,
  haveFixtures,
  listFixtures,
  type ProviderServer,
  readFixture,
  startProviderServer,
} from "../../helpers/provider-server.js";
import {
  AGREEMENT,
  EXPECTATIONS,
  type HttpErrorExpectation,
  REQUEST_TOOLS,
  type ResponseExpectation,
} from "./fixture-expectations.js";
import { checkStreamInvariants, collect } from "./stream-checks.js";

const files = listFixtures("openai");
if (!haveFixtures) {
  console.warn("[openai fixtures] ../shared/fixtures/llm is absent: the recorded-fixture suite is skipped");
}

const RATE_LIMIT_HEADERS = {
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-limit-tokens": "30000",
  "x-ratelimit-remaining-tokens": "29000",
  "x-request-id": "req_fixture",
};

const baseName = (file: string) => file.replace(/\.(json|chunks\.txt)$/, "");
type Framing = "real" | "data-only" | "repaired-real" | "repaired-data-only";
const STREAM_FRAMINGS: Framing[] = ["real", "data-only"];

/** Closes each line that does not parse with a `}` (the upstream defect of parallel-tool-call-wrapper). */
function repair(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (line.trim() === "") return line;
      try {
        JSON.parse(line);
        return line;
      } catch {
        return `${line}}`;
      }
    })
    .join("\n");
}

function framed(framing: Framing, file: string): string[] {
  const text = framing.startsWith("repaired") ? repair(readFixture("openai", file)) : readFixture("openai", file);
  return framing.endsWith("data-only") ? frameChunksDataOnly("openai", text) : frameChunks("openai", text);
}

/** The output items of the first response in a fixture, as the API sent them. */
function outputItems(file: string): Record<string, unknown>[] {
  if (file.endsWith(".json")) return JSON.parse(readFixture("openai", file)).output;
  const items: Record<string, unknown>[] = [];
  for (const line of repair(readFixture("openai", file)).split("\n")) {
    if (line.trim() === "") continue;
    const event = JSON.parse(line);
    if (event.type === "response.output_item.done") items.push(event.item);
    if (event.type === "response.completed" || event.type === "response.incomplete") break;
  }
  return items;
}

function requestFor(file: string): Request {
  const tools = (REQUEST_TOOLS[baseName(file)] ?? []).map((name) => ({
    name,
    description: `the ${name} tool`,
    parameters: { type: "object", properties: {} },
  }));
  return { model: "gpt-test", messages: [Message.user("Hello")], ...(tools.length > 0 ? { tools } : {}) };
}

function partSignature(response: Response): string[] {
  return response.message.content.map((part) => {
    switch (part.kind) {
      case "tool_call":
        return `tool_call:${part.toolCall.name}`;
      case "provider":
        return `provider:${String(part.data.type)}`;
      default:
        return part.kind;
    }
  });
}

function expectResponse(response: Response, expected: ResponseExpectation, file: string): void {
  expect(response.id).toBe(expected.id);
  expect(response.model).toBe(expected.model);
  expect(response.provider).toBe("openai");
  expect(partSignature(response)).toEqual(expected.parts);
  if (expected.text !== undefined) expect(response.text).toBe(expected.text);
  else {
    expect(response.text.startsWith(expected.textPrefix ?? "")).toBe(true);
    expect(response.text).toHaveLength(expected.textLength ?? -1);
  }
  expect(response.toolCalls).toHaveLength(expected.toolCalls.length);
  expected.toolCalls.forEach((call, i) => {
    const actual = response.toolCalls[i];
    expect(actual?.id).toBe(call.id);
    expect(actual?.name).toBe(call.name);
    if (call.arguments) expect(actual?.arguments).toEqual(call.arguments);
    if (call.rawArguments !== undefined) expect(actual?.rawArguments).toBe(call.rawArguments);
    expect(actual?.type).toBe(call.type);
  });
  if (expected.reasoningPrefix) expect(response.reasoning?.startsWith(expected.reasoningPrefix)).toBe(true);
  else expect(response.reasoning).toBeUndefined();
  expect(response.finishReason).toEqual(expected.finish);
  const { raw, ...usage } = response.usage;
  expect(usage).toEqual(expected.usage);
  expect(raw).toBeTypeOf("object");
  expect(response.warnings).toEqual([]);
  expect(response.rateLimit).toEqual({
    requestsLimit: 500,
    requestsRemaining: 499,
    tokensLimit: 30000,
    tokensRemaining: 29000,
  });
  // Reasoning and built-in tool items are kept verbatim (encrypted_content included) for the round trip.
  const providerItems = response.message.content.flatMap((p) => (p.kind === "provider" ? [p.data] : []));
  const unmapped = outputItems(file).filter(
    (item) => !["message", "function_call", "custom_tool_call"].includes(String(item.type)),
  );
  expect(providerItems).toEqual(unmapped);
}

/**
 * The response replayed as history (§7.3): provider items verbatim, tool calls as call items,
 * consecutive text parts as one assistant message, thinking parts not sent (their item is), in order.
 */
async function expectRoundTrip(response: Response): Promise<void> {
  const results = response.toolCalls.map((call) => Message.toolResult({ toolCallId: call.id, content: "ok" }));
  const { body } = await buildRequestBody(
    { model: "gpt-test", messages: [Message.user("Hello"), response.message, ...results] },
    false,
  );
  const expected: unknown[] = [];
  let previous = "";
  for (const part of response.message.content) {
    if (part.kind === "provider") expected.push(part.data);
    else if (part.kind === "tool_call") {
      const type = part.toolCall.type === "custom" ? "custom_tool_call" : "function_call";
      expected.push(expect.objectContaining({ type, call_id: part.toolCall.id, name: part.toolCall.name }));
    } else if (part.kind === "text" && previous !== "text") {
      expected.push(expect.objectContaining({ type: "message", role: "assistant" }));
    }
    previous = part.kind;
  }
  expect(body.input.slice(1, 1 + expected.length)).toEqual(expected);
  const outputs = body.input.slice(1 + expected.length);
  expect(outputs.map((item) => (item as { call_id?: string }).call_id)).toEqual(response.toolCalls.map((c) => c.id));
}

describe.skipIf(!haveFixtures)("OpenAI adapter: recorded fixtures", () => {
  let server: ProviderServer;
  const client = (framing: string, file: string) =>
    new Client({
      providers: {
        openai: new OpenAIAdapter({ apiKey: "sk-test", baseUrl: `${server.url}/${framing}/${file}` }),
      },
    });

  beforeAll(async () => {
    server = await startProviderServer((request) => {
      const [, framing = "", file = ""] = request.url.split("/");
      if (framing === "json") {
        const expected = EXPECTATIONS[file];
        const status = expected?.kind === "http_error" ? expected.status : 200;
        return { status, headers: RATE_LIMIT_HEADERS, body: JSON.parse(readFixture("openai", file)) };
      }
      return { headers: RATE_LIMIT_HEADERS, chunks: framed(framing as Framing, file) };
    });
  });
  afterAll(() => server?.close());

  it("has an expectation for every fixture file, and every expectation has its file", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((file) => !EXPECTATIONS[file])).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((file) => !files.includes(file))).toEqual([]);
  });

  for (const file of files) {
    const expected = EXPECTATIONS[file];
    if (!expected) continue;
    if (file.endsWith(".json")) {
      if (expected.kind === "response") {
        it(`${file}: complete()`, async () => {
          const response = await client("json", file).complete(requestFor(file));
          expectResponse(response, expected, file);
          await expectRoundTrip(response);
          const sent = server.requests.at(-1);
          expect(sent?.url).toBe(`/json/${file}/responses`);
          expect(sent?.body).not.toHaveProperty("stream");
        });
      } else if (expected.kind === "http_error") {
        it(`${file}: complete() and stream() reject with ${expected.errorClass}`, async () => {
          const body = JSON.parse(readFixture("openai", file));
          const check = (error: unknown) => {
            const e = error as ProviderError;
            expect(LlmError.isInstance(e)).toBe(true);
            expect(e.name).toBe((expected as HttpErrorExpectation).errorClass);
            expect(e).toBeInstanceOf(ProviderError);
            expect(e.statusCode).toBe(expected.status);
            expect(e.errorCode).toBe(expected.errorCode);
            expect(e.message).toContain(expected.messageIncludes);
            expect(e.retryable).toBe(expected.retryable);
            expect(e.requestId).toBe("req_fixture");
            expect(e.raw).toEqual(body);
          };
          check(
            await client("json", file)
              .complete(requestFor(file))
              .catch((e: unknown) => e),
          );
          check(await collect(client("json", file).stream(requestFor(file))).catch((e: unknown) => e));
        });
      }
      continue;
    }
    for (const framing of STREAM_FRAMINGS) {
      if (expected.kind === "response") {
        it(`${file}: stream() with ${framing} framing`, async () => {
          const events = await collect(client(framing, file).stream(requestFor(file)));
          const response = checkStreamInvariants(events);
          const start = events[0];
          expect(start?.type === "stream_start" && start.id).toBe(expected.startId ?? expected.id);
          expect(response).toBeDefined();
          expectResponse(response as Response, expected, file);
          await expectRoundTrip(response as Response);
          expect(server.requests.at(-1)?.body).toMatchObject({ stream: true });
        });
      } else if (expected.kind === "stream_throws") {
        it(`${file}: stream() with ${framing} framing throws ${expected.errorClass}`, async () => {
          const error = await collect(client(framing, file).stream(requestFor(file))).catch((e: unknown) => e);
          expect((error as Error).name).toBe(expected.errorClass);
          expect((error as Error).message).toContain(expected.messageIncludes);
        });
        it(`${file}: stream() of the repaired file with ${framing} framing`, async () => {
          const events = await collect(client(`repaired-${framing}`, file).stream(requestFor(file)));
          const response = checkStreamInvariants(events);
          expectResponse(response as Response, expected.repaired, file);
        });
      }
    }
  }

  for (const [base, agreement] of Object.entries(AGREEMENT)) {
    const json = `${base}.json`;
    const chunks = `${base}.chunks.txt`;
    if (!files.includes(json) || !files.includes(chunks)) continue;
    if (typeof agreement === "object") {
      it.skip(`${base}: stream and complete agree (${agreement.skip})`, () => {});
      continue;
    }
    it(`${base}: stream() and complete() agree (${agreement})`, async () => {
      const streamFraming = EXPECTATIONS[chunks]?.kind === "stream_throws" ? "repaired-real" : "real";
      const completed = await client("json", json).complete(requestFor(json));
      const events = await collect(client(streamFraming, chunks).stream(requestFor(chunks)));
      const streamed = checkStreamInvariants(events) as Response;
      expect(partSignature(streamed)).toEqual(partSignature(completed));
      expect(streamed.finishReason).toEqual(completed.finishReason);
      expect(streamed.toolCalls.map((c) => [c.name, c.type])).toEqual(completed.toolCalls.map((c) => [c.name, c.type]));
      if (agreement === "text" || agreement === "identical") expect(streamed.text).toBe(completed.text);
      if (agreement === "identical") {
        expect(streamed.message).toEqual(completed.message);
        expect(streamed.usage).toEqual(completed.usage);
        expect([streamed.id, streamed.model]).toEqual([completed.id, completed.model]);
      }
    });
  }
});
