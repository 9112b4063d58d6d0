// The official `openai` SDK against the OpenAI twin's `POST /v1/embeddings`: the SDK's default
// base64 encoding and explicit floats, several inputs, `dimensions`, usage, and the API's errors.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { admin } from "../helpers/admin.js";
import { sdkClient, startOpenAITwin } from "../helpers/twins.js";

/** An error of the SDK (`OpenAI.APIError` is a value; this is its instance type). */
type ApiError = InstanceType<typeof OpenAI.APIError>;

let twin: RunningTwin;
let client: OpenAI;
beforeAll(async () => {
  twin = await startOpenAITwin();
  client = sdkClient(twin);
});
afterAll(() => twin.close());

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe("embeddings.create", () => {
  it("answers the SDK's default base64 request with unit vectors it decodes, and counts the tokens", async () => {
    const response = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["weather in Paris", "Paris weather report", "banana bread recipe"],
    });
    expect(response.object).toBe("list");
    expect(response.model).toBe("text-embedding-3-small");
    expect(response.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ["embedding", 0, 1536],
      ["embedding", 1, 1536],
      ["embedding", 2, 1536],
    ]);
    const [query, related, unrelated] = response.data.map((d) => d.embedding);
    expect(dot(query, query)).toBeCloseTo(1, 5);
    expect(dot(query, related)).toBeGreaterThan(dot(query, unrelated));
    expect(response.usage).toEqual({ prompt_tokens: 9, total_tokens: 9 }); // 3 words each
    const [entry] = (
      await admin<{ entries: { body: { encoding_format: string } }[] }>(twin, "/journal?path=/v1/embeddings")
    ).entries;
    expect(entry.body.encoding_format).toBe("base64");
  });

  it("sends floats when asked, the same vector every time, shortened by `dimensions`", async () => {
    const floats = await client.embeddings.create({
      model: "text-embedding-3-large",
      input: "hello twin",
      encoding_format: "float",
      dimensions: 256,
    });
    const again = await client.embeddings.create({
      model: "text-embedding-3-large",
      input: "hello twin",
      dimensions: 256,
    });
    expect(floats.data[0].embedding).toHaveLength(256);
    expect(again.data[0].embedding).toEqual(floats.data[0].embedding);
    const tokens = await client.embeddings.create({ model: "text-embedding-3-small", input: [[15339, 1917]] });
    expect(tokens.usage.prompt_tokens).toBe(2);
  });

  it("refuses what the API refuses, as the SDK's typed errors", async () => {
    const caught = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    const unknown = await caught(client.embeddings.create({ model: "gpt-4.1", input: "x" }));
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as ApiError).code).toBe("model_not_found");
    const empty = await caught(client.embeddings.create({ model: "text-embedding-3-small", input: "" }));
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect((empty as ApiError).message).toMatch(/'\$\.input' is invalid/);
    const ada = await caught(client.embeddings.create({ model: "text-embedding-ada-002", input: "x", dimensions: 8 }));
    expect((ada as ApiError).message).toMatch(/does not support specifying dimensions/);
    const wide = await caught(
      client.embeddings.create({ model: "text-embedding-3-small", input: "x", dimensions: 2000 }),
    );
    expect((wide as ApiError).param).toBe("dimensions");
    const long = await caught(
      client.embeddings.create({ model: "text-embedding-3-small", input: "word ".repeat(9000) }),
    );
    expect((long as ApiError).message).toMatch(/maximum context length is 8192 tokens, however you requested 9000/);
  });

  it("an injected 429 reaches embeddings too, and the SDK's retry gets through", async () => {
    await fetch(`${twin.url}/_twin/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1/embeddings", times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 0 } }),
    });
    const retrying = sdkClient(twin, { maxRetries: 1 });
    const response = await retrying.embeddings.create({ model: "text-embedding-3-small", input: "retry me" });
    expect(response.data[0].embedding).toHaveLength(1536);
  });
});
