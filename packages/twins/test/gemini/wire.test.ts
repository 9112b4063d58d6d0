// The Gemini twin's wire details with app.inject (no socket): API versions, proto JSON reading
// (snake_case, single values for lists, enums, bytes), the JSON-array stream, countTokens of a
// whole request, the models API edges, and bearer tokens.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGeminiTwin } from "../../src/index.js";

let app: FastifyInstance;
beforeAll(() => {
  app = buildGeminiTwin();
});
afterAll(() => app.close());

const call = async (
  url: string,
  body?: unknown,
  headers: Record<string, string> = { "x-goog-api-key": "AIza-wire" },
) => {
  const response = await app.inject({
    method: body === undefined ? "GET" : "POST",
    url,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return {
    status: response.statusCode,
    json: response.json() as Record<string, unknown> & { error?: { message: string } },
  };
};
const user = (text: string) => ({ role: "user", parts: [{ text }] });

describe("proto JSON", () => {
  it("takes snake_case names and a single object where a list is expected, on v1 as on v1beta", async () => {
    const body = { contents: { parts: { text: "single" } }, generation_config: { max_output_tokens: "50" } };
    for (const version of ["v1", "v1beta"]) {
      const { status, json } = await call(`/${version}/models/gemini-2.0-flash:generateContent`, body);
      expect(status).toBe(200);
      expect((json.candidates as { content: { parts: { text: string }[] } }[])[0].content.parts[0].text).toBe(
        "Echo: single",
      );
    }
  });

  it("names enum, bytes and scalar violations as the API does", async () => {
    const url = "/v1beta/models/gemini-2.5-flash:generateContent";
    const mode = await call(url, {
      contents: [user("x")],
      toolConfig: { functionCallingConfig: { mode: "SOMETIMES" } },
    });
    expect(mode.json.error?.message).toBe(
      "Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"SOMETIMES\"",
    );
    const bytes = await call(url, {
      contents: [{ role: "user", parts: [{ text: "x", thoughtSignature: "not base64!" }] }],
    });
    expect(bytes.json.error?.message).toBe(
      "Invalid value at 'contents[0].parts[0].thought_signature' (TYPE_BYTES), Base64 decoding failed for \"not base64!\"",
    );
    const object = await call(url, { contents: [{ role: "user", parts: [{ text: { value: "x" } }] }] });
    expect(object.json.error?.message).toBe(
      "Invalid JSON payload received. Unknown name \"text\" at 'contents[0].parts[0]': Starting an object on a scalar field",
    );
    const list = await call(url, { contents: [user("x")], generationConfig: [] });
    expect(list.json.error?.message).toBe(
      'Invalid JSON payload received. Unknown name "generationConfig": Proto field is not repeating, cannot start list.',
    );
    const json = await call(url, "{ not json");
    expect([json.status, json.json.error?.message]).toEqual([400, "Invalid JSON payload received. Unexpected token."]);
  });
});

describe("endpoints", () => {
  it("streamGenerateContent without alt=sse answers one JSON array of chunks", async () => {
    const { status, json } = await call("/v1beta/models/gemini-3-flash-preview:streamGenerateContent", {
      contents: [user("array form")],
    });
    expect(status).toBe(200);
    const chunks = json as unknown as { candidates: { finishReason?: string }[] }[];
    expect(Array.isArray(chunks)).toBe(true);
    expect(chunks.at(-1)?.candidates[0].finishReason).toBe("STOP");
  });

  it("countTokens of a whole generateContentRequest counts the system instruction and tools too", async () => {
    const contents = [user("count me")];
    const plain = await call("/v1beta/models/gemini-2.5-flash:countTokens", { contents });
    const whole = await call("/v1beta/models/gemini-2.5-flash:countTokens", {
      generateContentRequest: {
        model: "models/gemini-2.5-flash",
        contents,
        systemInstruction: { parts: [{ text: "Be terse." }] },
      },
    });
    expect(plain.json).toEqual({ totalTokens: 5, promptTokensDetails: [{ modality: "TEXT", tokenCount: 5 }] });
    expect(whole.json.totalTokens).toBe(5 + 3 + 3);
  });

  it("counts an image as 258 IMAGE tokens", async () => {
    const image = { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } };
    const { json } = await call("/v1beta/models/gemini-2.5-flash:countTokens", {
      contents: [{ role: "user", parts: [{ text: "what is this" }, image] }],
    });
    expect(json).toEqual({
      totalTokens: 3 + 3 + 258,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: 6 },
        { modality: "IMAGE", tokenCount: 258 },
      ],
    });
  });

  it("refuses unknown methods, embedding models for generateContent, unknown models and bad page tokens", async () => {
    expect((await call("/v1beta/models/gemini-2.5-flash:frobnicate", { contents: [user("x")] })).status).toBe(404);
    const embed = await call("/v1beta/models/gemini-embedding-001:generateContent", { contents: [user("x")] });
    expect(embed.status).toBe(404);
    expect(embed.json.error?.message).toMatch(
      /^models\/gemini-embedding-001 is not found for API version v1beta, or is not supported for generateContent/,
    );
    expect((await call("/v1beta/models/gemini-0")).status).toBe(404);
    expect((await call("/v1beta/models?pageToken=bogus")).status).toBe(400);
  });

  it("takes an OAuth bearer token instead of an API key", async () => {
    const { status } = await call("/v1beta/models", undefined, { authorization: "Bearer ya29.token" });
    expect(status).toBe(200);
  });

  it("a scripted content_filter finish is a SAFETY candidate without content, whole and streamed", async () => {
    const filtered = buildGeminiTwin({ script: "rules: [{ reply: { text: blocked, finishReason: content_filter } }]" });
    const inject = (method: string) =>
      filtered.inject({
        method: "POST",
        url: `/v1beta/models/gemini-2.0-flash:${method}`,
        headers: { "x-goog-api-key": "AIza-wire", "content-type": "application/json" },
        payload: JSON.stringify({ contents: [user("x")] }),
      });
    const whole = (await inject("generateContent")).json() as { candidates: Record<string, unknown>[] };
    expect(whole.candidates[0]).toMatchObject({ finishReason: "SAFETY", index: 0 });
    expect(whole.candidates[0].content).toBeUndefined();
    const streamed = (await inject("streamGenerateContent")).json() as { candidates: Record<string, unknown>[] }[];
    expect(streamed.map((c) => c.candidates[0].finishReason)).toEqual(["SAFETY"]);
    await filtered.close();
  });
});
