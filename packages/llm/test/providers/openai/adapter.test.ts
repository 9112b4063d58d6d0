// The OpenAI adapter over real HTTP (a local server): headers, base URLs, the env factory, the
// response mapping and error statuses (unified-llm-spec §2.2, §6, §7.5-7.6).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Client } from "../../../src/client/client.js";
import { ConfigurationError } from "../../../src/errors/client-errors.js";
import {
  AccessDeniedError,
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  ServerError,
} from "../../../src/errors/provider-error.js";
import { OpenAIAdapter, openaiProviderFactory } from "../../../src/providers/openai/adapter.js";
import { responsesUrl } from "../../../src/providers/openai/request.js";
import "../../../src/providers/register-builtins.js";
import { providerFactories } from "../../../src/providers/registry.js";
import type { Request } from "../../../src/types/request.js";
import { completed, created, jsonBody, messageItem, request, sse, useOpenAIServer } from "./openai-test-kit.js";
import { checkStreamInvariants, collect } from "./stream-checks.js";

const kit = useOpenAIServer();

describe("OpenAIAdapter: HTTP request", () => {
  it("posts the body to /v1/responses with bearer auth, organization, project and default headers", async () => {
    const response = await kit
      .client({
        organization: "org-1",
        project: "proj-1",
        defaultHeaders: { "X-Trace": "t1" },
      })
      .complete(request);
    expect(response.text).toBe("Hello!");
    const sent = kit.server.requests.at(-1);
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/v1/responses");
    expect(sent?.headers).toMatchObject({
      authorization: "Bearer sk-test",
      "openai-organization": "org-1",
      "openai-project": "proj-1",
      "x-trace": "t1",
      "content-type": "application/json",
    });
    expect(sent?.body).toEqual({
      model: "gpt-5.2",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "Hi" }] }],
    });
  });

  it("sends no organization or project headers unless configured; default headers may replace auth", async () => {
    await kit.client({ defaultHeaders: { Authorization: "Bearer proxy-token" } }).complete(request);
    const headers = kit.server.requests.at(-1)?.headers ?? {};
    expect(headers.authorization).toBe("Bearer proxy-token");
    expect(headers).not.toHaveProperty("openai-organization");
    expect(headers).not.toHaveProperty("openai-project");
  });

  it("asks for an event stream when streaming", async () => {
    kit.reply = () => ({ chunks: [created, completed()] });
    await collect(kit.client().stream(request));
    expect(kit.server.requests.at(-1)?.headers.accept).toBe("text/event-stream");
    expect(kit.server.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it.each([
    ["", "/v1/responses"],
    ["/", "/v1/responses"],
    ["/v1", "/v1/responses"],
    ["/v1/", "/v1/responses"],
    ["/proxy/openai", "/proxy/openai/responses"],
  ])("base URL <server>%s posts to %s", async (suffix, path) => {
    await kit.client({ baseUrl: `${kit.server.url}${suffix}` }).complete(request);
    expect(kit.server.requests.at(-1)?.url).toBe(path);
  });

  it("defaults to https://api.openai.com/v1 and rejects a bad base URL or an empty key", () => {
    expect(responsesUrl()).toBe("https://api.openai.com/v1/responses");
    expect(responsesUrl("https://api.openai.com")).toBe("https://api.openai.com/v1/responses");
    expect(() => new OpenAIAdapter({ apiKey: "k", baseUrl: "api.openai.com/v1" })).toThrow(ConfigurationError);
    expect(() => new OpenAIAdapter({ apiKey: "" })).toThrow(ConfigurationError);
  });

  it("maps the response: usage with cached and reasoning tokens, rate limits, raw body", async () => {
    kit.reply = () => ({
      body: jsonBody,
      headers: {
        "x-ratelimit-limit-requests": "100",
        "x-ratelimit-remaining-requests": "99",
        "x-ratelimit-limit-tokens": "1000",
        "x-ratelimit-remaining-tokens": "900",
        "x-ratelimit-reset-requests": "2s",
      },
    });
    const before = Date.now();
    const response = await kit.client().complete(request);
    expect(response).toMatchObject({
      id: "resp_1",
      model: "gpt-5.2-2025-12-11",
      provider: "openai",
      finishReason: { reason: "stop", raw: "completed" },
      usage: {
        inputTokens: 10,
        outputTokens: 20,
        totalTokens: 30,
        cacheReadTokens: 4,
        reasoningTokens: 8,
        raw: jsonBody.usage,
      },
      rateLimit: { requestsLimit: 100, requestsRemaining: 99, tokensLimit: 1000, tokensRemaining: 900 },
      raw: jsonBody,
    });
    const resetAt = response.rateLimit?.resetAt?.getTime() ?? 0;
    expect(resetAt).toBeGreaterThanOrEqual(before + 2000);
    expect(resetAt).toBeLessThan(Date.now() + 2000 + 1000);
  });

  it("reads incomplete and failed responses", async () => {
    kit.reply = () => ({
      body: { ...jsonBody, status: "incomplete", incomplete_details: { reason: "max_output_tokens" } },
    });
    expect((await kit.client().complete(request)).finishReason).toEqual({ reason: "length", raw: "max_output_tokens" });
    kit.reply = () => ({
      body: { ...jsonBody, status: "incomplete", incomplete_details: { reason: "content_filter" } },
    });
    expect((await kit.client().complete(request)).finishReason).toEqual({
      reason: "content_filter",
      raw: "content_filter",
    });
    kit.reply = () => ({ body: { ...jsonBody, status: "failed", error: { code: "server_error", message: "boom" } } });
    expect((await kit.client().complete(request)).finishReason).toEqual({ reason: "error", raw: "failed" });
  });

  it("reports request warnings on the response and on the stream's start and finish", async () => {
    const warned: Request = { ...request, stopSequences: ["END"] };
    const warning = expect.objectContaining({ code: "unsupported_parameter" });
    expect((await kit.client().complete(warned)).warnings).toEqual([warning]);
    kit.reply = () => ({ chunks: [created, completed()] });
    const events = await collect(kit.client().stream(warned));
    expect(events[0]).toMatchObject({ type: "stream_start", warnings: [warning] });
    expect(checkStreamInvariants(events)?.warnings).toEqual([warning]);
  });

  it("reads a refusal as text", async () => {
    const refusal = { ...messageItem(""), content: [{ type: "refusal", refusal: "I can't help with that." }] };
    kit.reply = () => ({ body: { ...jsonBody, output: [refusal] } });
    expect((await kit.client().complete(request)).text).toBe("I can't help with that.");
    kit.reply = () => ({
      chunks: [
        created,
        sse({ type: "response.refusal.delta", output_index: 0, content_index: 0, delta: "I can't" }),
        sse({ type: "response.refusal.done", output_index: 0, content_index: 0, refusal: "I can't help with that." }),
        completed(),
      ],
    });
    expect(checkStreamInvariants(await collect(kit.client().stream(request)))?.text).toBe("I can't help with that.");
  });

  it("supports every tool choice mode", () => {
    for (const mode of ["auto", "none", "required", "named"] as const)
      expect(kit.adapter().supportsToolChoice(mode)).toBe(true);
  });
});

describe("OpenAI env factory", () => {
  it("is registered first, under the name openai", () => {
    expect(providerFactories()[0]?.name).toBe("openai");
  });

  it("builds an adapter only when OPENAI_API_KEY is set", () => {
    expect(openaiProviderFactory.fromEnv({}, {})).toBeUndefined();
    expect(openaiProviderFactory.fromEnv({ OPENAI_API_KEY: "  " }, {})).toBeUndefined();
    expect(openaiProviderFactory.fromEnv({ OPENAI_API_KEY: "sk-env" }, {})).toBeInstanceOf(OpenAIAdapter);
  });

  it("reads OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID through Client.fromEnv", async () => {
    const fromEnv = Client.fromEnv({
      OPENAI_API_KEY: "sk-env",
      OPENAI_BASE_URL: `${kit.server.url}/v1`,
      OPENAI_ORG_ID: "org-env",
      OPENAI_PROJECT_ID: "proj-env",
    });
    expect(fromEnv.defaultProvider).toBe("openai");
    await fromEnv.complete(request);
    expect(kit.server.requests.at(-1)?.url).toBe("/v1/responses");
    expect(kit.server.requests.at(-1)?.headers).toMatchObject({
      authorization: "Bearer sk-env",
      "openai-organization": "org-env",
      "openai-project": "proj-env",
    });
  });
});

describe("OpenAIAdapter: HTTP errors", () => {
  const errorBody = (message: string, type: string, code: string | null) => ({
    error: { message, type, code, param: null },
  });
  const cases = [
    [
      400,
      InvalidRequestError,
      errorBody("Invalid value for 'input'.", "invalid_request_error", null),
      "invalid_request_error",
      false,
    ],
    [
      401,
      AuthenticationError,
      errorBody("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
      "invalid_api_key",
      false,
    ],
    [
      403,
      AccessDeniedError,
      errorBody("Project does not have access.", "invalid_request_error", "model_access"),
      "model_access",
      false,
    ],
    [
      404,
      NotFoundError,
      errorBody("The model 'gpt-x' does not exist.", "invalid_request_error", "model_not_found"),
      "model_not_found",
      false,
    ],
    [
      413,
      ContextLengthError,
      errorBody("Request too large.", "invalid_request_error", null),
      "invalid_request_error",
      false,
    ],
    [
      429,
      RateLimitError,
      errorBody("Rate limit reached.", "requests", "rate_limit_exceeded"),
      "rate_limit_exceeded",
      true,
    ],
    [500, ServerError, errorBody("The server had an error.", "server_error", null), "server_error", true],
    [503, ServerError, errorBody("Service unavailable.", "server_error", null), "server_error", true],
  ] as const;
  it.each(
    cases.map(([status, errorClass, body, code, retryable]) => ({
      status,
      name: errorClass.name,
      errorClass,
      body,
      code,
      retryable,
    })),
  )("HTTP $status -> $name (complete and stream)", async ({ status, errorClass, body, code, retryable }) => {
    kit.reply = () => ({ status, body, headers: { "x-request-id": `req_${status}` } });
    const check = (error: unknown) => {
      expect(error).toBeInstanceOf(errorClass);
      const e = error as ProviderError;
      expect(e.statusCode).toBe(status);
      expect(e.errorCode).toBe(code);
      expect(e.provider).toBe("openai");
      expect(e.requestId).toBe(`req_${status}`);
      expect(e.raw).toEqual(body);
      expect(e.retryable).toBe(retryable);
      expect(e.message).toContain(body.error.message);
    };
    check(
      await kit
        .client()
        .complete(request)
        .catch((e: unknown) => e),
    );
    check(await collect(kit.client().stream(request)).catch((e: unknown) => e));
  });

  it("reads Retry-After as seconds or as an HTTP date", async () => {
    kit.reply = () => ({
      status: 429,
      headers: { "retry-after": "7" },
      body: errorBody("slow down", "requests", null),
    });
    expect(
      (
        (await kit
          .client()
          .complete(request)
          .catch((e: unknown) => e)) as RateLimitError
      ).retryAfter,
    ).toBe(7);
    const date = new Date(Date.now() + 30_000).toUTCString();
    kit.reply = () => ({
      status: 429,
      headers: { "retry-after": date },
      body: errorBody("slow down", "requests", null),
    });
    const error = (await kit
      .client()
      .complete(request)
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeGreaterThan(27);
    expect(error.retryAfter).toBeLessThanOrEqual(30);
  });

  it("keeps a non-JSON error body as the message", async () => {
    kit.reply = () => ({ status: 502, body: "<html>Bad gateway</html>" });
    const error = (await kit
      .client()
      .complete(request)
      .catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain("Bad gateway");
    expect(error.raw).toBe("<html>Bad gateway</html>");
  });

  it("rejects a 200 body that is not a Responses object", async () => {
    kit.reply = () => ({ body: { hello: "world" } });
    await expect(kit.client().complete(request)).rejects.toBeInstanceOf(ProviderError);
  });
});

describe("the openai SDK is a type-only dependency", () => {
  it("is imported with `import type` / `export type` only in src/providers/openai", () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "../../../src/providers/openai");
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const statement of source.match(/(?:import|export)[^;]*?from\s+"openai[^"]*"/g) ?? []) {
        expect(statement, `${file}: ${statement}`).toMatch(/^(import|export) type\b/);
      }
    }
  });
});
