// Errors and faults of the Anthropic twin as the official `@anthropic-ai/sdk` sees them: its typed
// errors, Anthropic's bodies and headers, its own retries after 429 and 529, and errors in the
// middle of a stream.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { addFault, journal, loadScriptInto, resetTwin } from "../helpers/admin.js";
import {
  type ApiError,
  anthropicHeaders,
  failureOf,
  MODEL,
  postMessages,
  sdkClient,
  startAnthropicTwin,
} from "./helpers.js";

let twin: RunningTwin;
let client: Anthropic;
beforeAll(async () => {
  twin = await startAnthropicTwin({ apiKeys: ["sk-good"] });
  client = sdkClient(twin, { apiKey: "sk-good" });
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

const hello = { model: MODEL, max_tokens: 100, messages: [{ role: "user" as const, content: "hello" }] };
const caught = failureOf;

describe("auth and headers", () => {
  it("a refused key is an AuthenticationError; raw requests get Anthropic's exact bodies", async () => {
    const error = await caught(sdkClient(twin, { apiKey: "sk-wrong" }).messages.create(hello));
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.type).toBe("authentication_error");
    expect(error.apiMessage).toBe("Invalid bearer token"); // the SDK sends apiKey as a bearer token
    expect(error.requestID).toMatch(/^req_011C/);

    const wrongKey = await postMessages(twin, hello, anthropicHeaders({ "x-api-key": "sk-wrong" }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "invalid x-api-key" },
      request_id: wrongKey.headers.get("request-id"),
    });
    expect(wrongKey.headers.get("x-should-retry")).toBe("false");
    const { "x-api-key": _key, ...keyless } = anthropicHeaders();
    const none = await postMessages(twin, hello, keyless);
    expect(none.body.error).toEqual({ type: "authentication_error", message: "x-api-key header is required" });
    const good = await postMessages(twin, hello, anthropicHeaders({ "x-api-key": "sk-good" }));
    expect(good.status).toBe(200);
    const oauth = new Anthropic({ baseURL: twin.sdkBaseUrl, authToken: "sk-good", maxRetries: 0 });
    expect((await oauth.messages.create(hello)).type).toBe("message");
  });

  it("anthropic-version is required and must be a published version; anthropic-beta names must exist", async () => {
    const good = anthropicHeaders({ "x-api-key": "sk-good" });
    const { "anthropic-version": _version, ...versionless } = good;
    const missing = await postMessages(twin, hello, versionless);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({
      type: "invalid_request_error",
      message: "anthropic-version: header is required",
    });
    const invented = await postMessages(twin, hello, { ...good, "anthropic-version": "2024-10-22" });
    expect((invented.body.error as { message: string }).message).toBe(
      'anthropic-version: "2024-10-22" is not a valid version',
    );
    const beta = await caught(
      client.messages.create(hello, { headers: { "anthropic-beta": "prompt-caching-2024-07-31,made-up-beta" } }),
    );
    expect(beta).toBeInstanceOf(Anthropic.BadRequestError);
    expect(beta.apiMessage).toBe(
      "Unexpected value(s) `made-up-beta` for the `anthropic-beta` header. Please consult our documentation at docs.claude.com or try again without the header.",
    );
  });
});

describe("bad requests", () => {
  const post = (body: Record<string, unknown>) => caught(client.post("/v1/messages", { body }));
  const user = (content: unknown) => ({ role: "user", content });
  const assistant = (content: unknown) => ({ role: "assistant", content });

  it("name the bad field with the API's wording, as BadRequestError", async () => {
    const toolUse = { type: "tool_use", id: "toolu_01A", name: "f", input: {} };
    const cases: [Record<string, unknown>, string][] = [
      [{ model: MODEL, messages: [user("x")] }, "max_tokens: Field required"],
      [{ ...hello, max_tokens: 0 }, "max_tokens: Input should be greater than or equal to 1"],
      [
        { ...hello, max_tokens: 64_001 },
        "max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-6",
      ],
      [{ max_tokens: 10, messages: [user("x")] }, "model: Field required"],
      [{ ...hello, messages: [] }, "messages: at least one message is required"],
      [{ ...hello, messages: [assistant("hi"), user("x")] }, 'messages: first message must use the "user" role'],
      [
        { ...hello, messages: [user("a"), user("b")] },
        'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
      ],
      [
        { ...hello, messages: [{ role: "robot", content: "x" }] },
        "messages.0.role: Input should be 'user', 'assistant' or 'system'",
      ],
      [
        {
          ...hello,
          messages: [user([{ type: "tool_result", tool_use_id: "toolu_01X", content: "r" }])],
        },
        "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01X. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
      ],
      [
        { ...hello, messages: [user("x"), assistant([toolUse]), user("no results")] },
        "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
      ],
      [{ ...hello, messages: [user([{ type: "text", text: "" }])] }, "messages: text content blocks must be non-empty"],
      [
        { ...hello, messages: [user("x"), assistant("prefill ")] },
        "messages: final assistant content cannot end with trailing whitespace",
      ],
      [
        { ...hello, messages: [user([{ type: "video" }])] },
        "messages.0.content.0: Input tag 'video' found using 'type' does not match any of the expected tags",
      ],
      [
        { ...hello, messages: [user([{ type: "text", text: "x", colour: "red" }])] },
        "messages.0.content.0.text.colour: Extra inputs are not permitted",
      ],
      [
        { ...hello, messages: [user("x"), assistant([{ ...toolUse, input: "{}" }])] },
        "messages.1.content.0.tool_use.input: Input should be a valid dictionary",
      ],
      [{ ...hello, frobnicate: true }, "frobnicate: Extra inputs are not permitted"],
      [{ ...hello, temperature: 1.5 }, "temperature: Input should be less than or equal to 1"],
      [{ ...hello, top_k: -1 }, "top_k: Input should be greater than or equal to 0"],
      [{ ...hello, tool_choice: { type: "auto" } }, "tool_choice may only be specified while providing tools."],
      [
        { ...hello, tools: [{ name: "bad name", input_schema: { type: "object" } }] },
        "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
      ],
      [{ ...hello, tools: [{ name: "f" }] }, "tools.0.custom.input_schema: Field required"],
      [
        { ...hello, system: [{ type: "text", text: "s", cache_control: { type: "persistent" } }] },
        "system.0.cache_control.type: Input should be 'ephemeral'",
      ],
      [
        { ...hello, output_format: { type: "json_schema", schema: {} } },
        "output_format: Extra inputs are not permitted",
      ],
      [
        { ...hello, model: "claude-3-haiku-20240307", messages: [user("word ".repeat(210_000))] },
        "prompt is too long: 210003 tokens > 200000 maximum",
      ],
    ];
    for (const [body, message] of cases) {
      const error = await post(body);
      expect(error, JSON.stringify(body).slice(0, 200)).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.type).toBe("invalid_request_error");
      expect(error.apiMessage?.startsWith(message), `${message}\n got ${error.apiMessage}`).toBe(true);
    }
  });

  it("unknown models, paths and model ids are NotFoundError; invalid JSON is a 400", async () => {
    const model = await caught(client.messages.create({ ...hello, model: "claude-nope-9" }));
    expect(model).toBeInstanceOf(Anthropic.NotFoundError);
    expect(model.type).toBe("not_found_error");
    expect(model.apiMessage).toBe("model: claude-nope-9");
    expect(await caught(client.models.retrieve("claude-nope-9"))).toBeInstanceOf(Anthropic.NotFoundError);
    const lost = await fetch(`${twin.url}/v1/completez`, { headers: anthropicHeaders({ "x-api-key": "sk-good" }) });
    expect(lost.status).toBe(404);
    expect(((await lost.json()) as { error: unknown }).error).toEqual({
      type: "not_found_error",
      message: "Not Found",
    });
    const garbled = await postMessages(twin, "{nope", anthropicHeaders({ "x-api-key": "sk-good" }));
    expect(garbled.status).toBe(400);
    expect(garbled.body.type).toBe("error");
    // output_format is accepted with its beta
    const beta = await client.messages.create(
      {
        ...hello,
        output_format: { type: "json_schema", schema: { type: "object", properties: {} } },
      } as Anthropic.MessageCreateParamsNonStreaming,
      { headers: { "anthropic-beta": "structured-outputs-2025-11-13" } },
    );
    expect(beta.content).toEqual([{ type: "text", text: "{}" }]);
  });
});

describe("injected faults", () => {
  it("429 is a RateLimitError with retry-after and exhausted rate-limit headers", async () => {
    await addFault(twin, { fault: { kind: "rate_limit", retryAfterSeconds: 2 } });
    const error = await caught(client.messages.create(hello));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.type).toBe("rate_limit_error");
    expect(error.headers?.get("retry-after")).toBe("2");
    expect(error.headers?.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(error.headers?.get("x-should-retry")).toBe("true");
    expect(error.apiMessage).toMatch(/^This request would exceed the rate limit for your organization/);
  });

  it("overloaded is a 529 OverloadedError (an InternalServerError); a server error is an api_error", async () => {
    await addFault(twin, { times: 1, fault: "overloaded" });
    const overloaded = await caught(client.messages.create(hello));
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
    await addFault(twin, { times: 1, fault: { kind: "server_error" } });
    const server = await caught(client.messages.create(hello));
    expect(server).toBeInstanceOf(Anthropic.InternalServerError);
    expect(server.type).toBe("api_error");
  });

  it("the SDK's own retry succeeds after an injected 429 and after an injected 529", async () => {
    const retrying = sdkClient(twin, { apiKey: "sk-good", maxRetries: 2 });
    await addFault(twin, { nth: 1, fault: { kind: "rate_limit", retryAfterSeconds: 0.05 } });
    await addFault(twin, { nth: 3, fault: "overloaded" });
    const started = Date.now();
    const first = await retrying.messages.create({ ...hello, messages: [{ role: "user", content: "retry me" }] });
    expect(first.content).toEqual([{ type: "text", text: "Echo: retry me" }]);
    const second = await retrying.messages.create({ ...hello, messages: [{ role: "user", content: "and me" }] });
    expect(second.content).toEqual([{ type: "text", text: "Echo: and me" }]);
    expect(Date.now() - started).toBeLessThan(3000);
    const entries = await journal(twin);
    expect(entries.map((e) => [e.response?.status, e.fault, e.headers["x-stainless-retry-count"]])).toEqual([
      [429, "rate_limit", "0"],
      [200, undefined, "1"],
      [529, "overloaded", "0"],
      [200, undefined, "1"],
    ]);
  });

  it("overloaded with afterEvents: the stream starts, then carries an `error` event", async () => {
    await addFault(twin, { fault: { kind: "overloaded", afterEvents: 4 } });
    const stream = await client.messages.create({ ...hello, stream: true });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e as ApiError);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as ApiError).type).toBe("overloaded_error");
    expect(seen).toEqual(["message_start", "content_block_start", "content_block_delta"]); // + a ping
    const [entry] = await journal(twin);
    expect(entry.response?.status).toBe(200);
    expect(String(entry.response?.body)).toMatch(
      /event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"Overloaded"\}\}\n\n$/,
    );
    const helper = client.messages.stream(hello);
    expect(await helper.finalMessage().catch((e: unknown) => (e as ApiError).type)).toBe("overloaded_error");
    // without streaming, the same rule is a plain 529
    expect((await caught(client.messages.create(hello))).status).toBe(529);
  });

  it("a cut stream fails the SDK's iteration; a scripted fault fires like a rule fault", async () => {
    await addFault(twin, { times: 1, fault: { kind: "stream_cut", afterEvents: 3 } });
    const stream = await client.messages.create({ ...hello, stream: true });
    const failure = await (async () => {
      for await (const _ of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    await loadScriptInto(twin, "rules:\n  - match: { userText: boom }\n    fault: overloaded\n");
    const scripted = await caught(client.messages.create({ ...hello, messages: [{ role: "user", content: "boom" }] }));
    expect(scripted.status).toBe(529);
    const entries = await journal(twin);
    expect(entries.map((e) => [e.fault, e.outcome, e.scriptRule])).toEqual([
      ["stream_cut", "aborted", undefined],
      ["overloaded", "completed", "1"],
    ]);
  });
});
