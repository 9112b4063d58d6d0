// Errors as Google sends them and as the official @google/genai SDK sees them (ApiError with the
// status): keys, strict request validation naming the bad field, unknown models, injected
// 429/5xx with RetryInfo, the SDK's own retry, and the stream faults.
import { ApiError, type GoogleGenAI, ThinkingLevel } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { addFault, journal, resetTwin } from "../helpers/admin.js";
import { type GoogleErrorBody, genai, post, startGeminiTwin } from "./helpers.js";

const KEY = "AIza-good-key";
let twin: RunningTwin;
let ai: GoogleGenAI;
beforeAll(async () => {
  twin = await startGeminiTwin({ apiKeys: [KEY, "AIza-raw"] });
  ai = genai(twin, { apiKey: KEY });
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

const failure = (promise: Promise<unknown>): Promise<ApiError> =>
  promise.then(
    () => expect.fail("resolved"),
    (e: unknown) => e as ApiError,
  );
const bodyOf = (error: ApiError): GoogleErrorBody => JSON.parse(error.message) as GoogleErrorBody;
const GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
const hello = [{ role: "user", parts: [{ text: "hello" }] }];

describe("auth", () => {
  it("a refused key is Google's 400 API_KEY_INVALID, as ApiError", async () => {
    const error = await failure(
      genai(twin, { apiKey: "AIza-wrong" }).models.generateContent({ model: "gemini-2.5-flash", contents: "x" }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(bodyOf(error).error).toEqual({
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" },
        },
        {
          "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
          locale: "en-US",
          message: "API key not valid. Please pass a valid API key.",
        },
      ],
    });
  });

  it("no key is a 403 PERMISSION_DENIED; the key may also come as ?key=", async () => {
    const none = await fetch(`${twin.url}/v1beta/models`);
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({
      error: {
        code: 403,
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        status: "PERMISSION_DENIED",
      },
    });
    expect((await fetch(`${twin.url}/v1beta/models?key=${KEY}`)).status).toBe(200);
    expect((await fetch(`${twin.url}/v1/models/gemini-2.5-flash?key=nope`)).status).toBe(400);
    const logged = await journal(twin);
    expect(logged.map((e) => e.url)).toContain("/v1beta/models?key=[redacted]");
  });
});

describe("request validation", () => {
  const refused = async (body: unknown, path = GENERATE): Promise<GoogleErrorBody["error"]> => {
    const response = await post(twin, path, body);
    expect(response.status).toBe(400);
    return ((await response.json()) as GoogleErrorBody).error;
  };

  it("unknown fields: Google's proto JSON message with a BadRequest field violation", async () => {
    const error = await refused({ contents: hello, generationConfig: { foo: 1 } });
    const message = "Invalid JSON payload received. Unknown name \"foo\" at 'generation_config': Cannot find field.";
    expect(error).toEqual({
      code: 400,
      message,
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "generation_config", description: message }],
        },
      ],
    });
    const nested = await refused({
      contents: hello,
      tools: [
        {
          functionDeclarations: [
            {
              name: "f",
              parameters: { type: "OBJECT", properties: { a: { type: "STRING", additionalProperties: false } } },
            },
          ],
        },
      ],
    });
    expect(nested.message).toBe(
      "Invalid JSON payload received. Unknown name \"additionalProperties\" at 'tools[0].function_declarations[0].parameters.properties[0].value': Cannot find field.",
    );
    expect((await refused({ contents: hello, generationConfig: { temperature: "hot" } })).message).toBe(
      "Invalid value at 'generation_config.temperature' (TYPE_FLOAT), \"hot\"",
    );
    expect((await refused({ contents: hello, top_k: 3 })).message).toBe(
      'Invalid JSON payload received. Unknown name "top_k": Cannot find field.',
    );
  });

  it("contents, roles and parts", async () => {
    expect((await refused({})).message).toBe("* GenerateContentRequest.contents: contents is not specified\n");
    expect((await refused({ contents: [{ role: "assistant", parts: [{ text: "x" }] }] })).message).toBe(
      "Please use a valid role: user, model.",
    );
    expect((await refused({ contents: [{ role: "user", parts: [] }] })).message).toBe(
      "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n",
    );
    expect((await refused({ contents: [{ role: "user", parts: [{ thought: true }] }] })).message).toBe(
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n",
    );
  });

  it("function responses must answer the function call turn before them", async () => {
    const call = { role: "model", parts: [{ functionCall: { name: "get_weather", args: {} } }] };
    const response = (name: string) => ({ role: "user", parts: [{ functionResponse: { name, response: {} } }] });
    expect((await refused({ contents: [...hello, response("get_weather")] })).message).toBe(
      "Please ensure that function response turn comes immediately after a function call turn.",
    );
    expect((await refused({ contents: [...hello, call, response("get_time")] })).message).toMatch(
      /^Please ensure that function response parts match the function call parts of the function call turn: no function call named `get_time`/,
    );
    const two = { role: "user", parts: [response("get_weather").parts[0], response("get_weather").parts[0]] };
    expect((await refused({ contents: [...hello, call, two] })).message).toBe(
      "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.",
    );
  });

  it("schemas: objects need properties, arrays need items", async () => {
    const error = await refused({
      contents: hello,
      generationConfig: { responseMimeType: "application/json", responseSchema: { type: "OBJECT" } },
    });
    expect(error.message).toBe(
      "* GenerateContentRequest.generation_config.response_schema.properties: should be non-empty for OBJECT type\n",
    );
    const array = await refused({
      contents: hello,
      tools: [
        {
          functionDeclarations: [
            { name: "f", parameters: { type: "OBJECT", properties: { tags: { type: "ARRAY" } } } },
          ],
        },
      ],
    });
    expect(array.message).toBe(
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[tags].items: missing field.\n",
    );
  });

  it("thinking config must fit the model", async () => {
    const thinking = (model: string, thinkingConfig: object) =>
      refused({ contents: hello, generationConfig: { thinkingConfig } }, `/v1beta/models/${model}:generateContent`);
    expect((await thinking("gemini-2.5-flash", { thinkingLevel: "LOW" })).message).toBe(
      "Thinking level is not supported for this model.",
    );
    expect((await thinking("gemini-2.5-pro", { thinkingBudget: 0 })).message).toBe(
      "Budget 0 is invalid. This model only works in thinking mode.",
    );
    expect((await thinking("gemini-2.5-pro", { thinkingBudget: 52428 })).message).toBe(
      "The thinking budget (52428) is invalid.",
    );
    expect((await thinking("gemini-3-pro-preview", { thinkingBudget: 1024, thinkingLevel: "HIGH" })).message).toBe(
      "You can only set only one of thinking budget and thinking level.",
    );
  });

  it("arrive at the SDK as ApiError 400; an unknown model as ApiError 404", async () => {
    const bad = await failure(
      ai.models.generateContent({
        model: "gemini-2.5-flash",
        contents: "x",
        config: { thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH } },
      }),
    );
    expect(bad.status).toBe(400);
    const missing = await failure(ai.models.generateContent({ model: "gemini-9-ultra", contents: "x" }));
    expect(missing.status).toBe(404);
    expect(bodyOf(missing).error.message).toBe(
      "models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
    );
  });

  it("the JSON-array stream (no alt=sse) wraps errors in an array", async () => {
    const response = await post(twin, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", { contents: [] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      {
        error: {
          code: 400,
          message: "* GenerateContentRequest.contents: contents is not specified\n",
          status: "INVALID_ARGUMENT",
        },
      },
    ]);
  });
});

describe("faults", () => {
  it("429 RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo, as ApiError", async () => {
    await addFault(twin, { times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 2 } });
    const error = await failure(ai.models.generateContent({ model: "gemini-2.5-flash", contents: "x" }));
    expect(error.status).toBe(429);
    const body = bodyOf(error).error;
    expect(body.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.details?.map((d) => d["@type"])).toEqual([
      "type.googleapis.com/google.rpc.Help",
      "type.googleapis.com/google.rpc.QuotaFailure",
      "type.googleapis.com/google.rpc.RetryInfo",
    ]);
    expect(body.details?.[2]).toEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" });
    expect(body.message).toContain("model: gemini-2.5-flash\nPlease retry in 2s.");
  });

  it("the SDK's own retry (httpOptions.retryOptions) succeeds after injected 429s", async () => {
    await addFault(twin, { times: 2, fault: { kind: "rate_limit", retryAfterSeconds: 0.01 } });
    const retrying = genai(twin, { apiKey: KEY, retryOptions: { attempts: 3, initialDelay: 0.01, maxDelay: 0.02 } });
    const response = await retrying.models.generateContent({ model: "gemini-2.5-flash", contents: "persist" });
    expect(response.text).toBe("Echo: persist");
    expect((await journal(twin)).map((e) => e.response?.status)).toEqual([429, 429, 200]);
  });

  it("503 UNAVAILABLE and 500 INTERNAL", async () => {
    await addFault(twin, { nth: 1, fault: { kind: "overloaded" } });
    await addFault(twin, { nth: 2, fault: { kind: "server_error" } });
    const overloaded = await failure(ai.models.generateContent({ model: "gemini-2.5-flash", contents: "x" }));
    expect([overloaded.status, bodyOf(overloaded).error.status]).toEqual([503, "UNAVAILABLE"]);
    const internal = await failure(ai.models.generateContent({ model: "gemini-2.5-flash", contents: "x" }));
    expect([internal.status, bodyOf(internal).error.status]).toEqual([500, "INTERNAL"]);
  });

  const streamText = async (client = ai): Promise<string> => {
    let text = "";
    for await (const chunk of await client.models.generateContentStream({
      model: "gemini-2.5-flash",
      contents: "a long enough prompt to stream in several chunks of text",
    }))
      text += chunk.text ?? "";
    return text;
  };

  it("a cut stream and malformed SSE data fail the SDK's stream", async () => {
    await addFault(twin, { times: 1, fault: { kind: "stream_cut", afterEvents: 1 } });
    await expect(streamText()).rejects.toThrow();
    await addFault(twin, { times: 1, fault: { kind: "malformed_sse", afterEvents: 1 } });
    await expect(streamText()).rejects.toThrow();
    const [cut, malformed] = await journal(twin);
    expect(cut.outcome).toBe("aborted");
    expect(String(malformed.response?.body)).toMatch(/^data: \{.*\}\r\n\r\ndata: \{"candidates/s);
  });

  it("a hang until the SDK's timeout, and slow tokens", async () => {
    await addFault(twin, { times: 1, fault: { kind: "hang" } });
    const started = Date.now();
    await expect(streamText(genai(twin, { apiKey: KEY, timeoutMs: 300 }))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await addFault(twin, { times: 1, fault: { kind: "slow", ttftMs: 150, tokensPerSecond: 200 } });
    const slowStart = Date.now();
    expect(await streamText()).toBe("Echo: a long enough prompt to stream in several chunks of text");
    expect(Date.now() - slowStart).toBeGreaterThanOrEqual(150);
  });
});
