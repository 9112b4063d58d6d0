// The official @google/genai SDK against the Gemini twin's embeddings: `models.embedContent`
// (which calls `:batchEmbedContents`), the single `:embedContent` method on the wire, and errors.
import { ApiError, type GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { journal } from "../helpers/admin.js";
import { type GoogleErrorBody, genai, post, startGeminiTwin } from "./helpers.js";

let twin: RunningTwin;
let ai: GoogleGenAI;
beforeAll(async () => {
  twin = await startGeminiTwin();
  ai = genai(twin);
});
afterAll(() => twin.close());

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe("models.embedContent", () => {
  it("embeds several texts through batchEmbedContents: unit vectors, related texts closer", async () => {
    const response = await ai.models.embedContent({
      model: "gemini-embedding-001",
      contents: ["weather in Paris", "Paris weather report", "banana bread recipe"],
      config: { taskType: "RETRIEVAL_DOCUMENT" },
    });
    const vectors = (response.embeddings ?? []).map((e) => e.values ?? []);
    expect(vectors.map((v) => v.length)).toEqual([3072, 3072, 3072]);
    const [query, related, unrelated] = vectors;
    expect(dot(query, query)).toBeCloseTo(1, 5);
    expect(dot(query, related)).toBeGreaterThan(dot(query, unrelated));
    const [entry] = await journal(twin);
    expect(entry.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect(entry.model).toBe("gemini-embedding-001");
  });

  it("honours outputDimensionality and gives the same vector every time", async () => {
    const ask = () =>
      ai.models.embedContent({
        model: "gemini-embedding-001",
        contents: "hello",
        config: { outputDimensionality: 768 },
      });
    const first = await ask();
    expect(first.embeddings?.[0].values).toHaveLength(768);
    expect((await ask()).embeddings).toEqual(first.embeddings);
  });

  it("answers :embedContent on the wire with one embedding, the same as in a batch", async () => {
    const single = await post(twin, "/v1beta/models/gemini-embedding-001:embedContent", {
      content: { parts: [{ text: "hello" }] },
      output_dimensionality: 768,
    });
    expect(single.status).toBe(200);
    const { embedding } = (await single.json()) as { embedding: { values: number[] } };
    const batch = await ai.models.embedContent({
      model: "gemini-embedding-001",
      contents: "hello",
      config: { outputDimensionality: 768 },
    });
    expect(embedding.values).toEqual(batch.embeddings?.[0].values);
  });

  it("refuses generation models, bad sizes and unknown fields with Google's errors", async () => {
    const chat = await ai.models.embedContent({ model: "gemini-2.5-flash", contents: "x" }).catch((e: unknown) => e);
    expect(chat).toBeInstanceOf(ApiError);
    expect((chat as ApiError).status).toBe(404);
    expect((chat as ApiError).message).toMatch(/is not supported for batchEmbedContents/);
    const wide = await ai.models
      .embedContent({ model: "gemini-embedding-001", contents: "x", config: { outputDimensionality: 5000 } })
      .catch((e: unknown) => e);
    expect((wide as ApiError).status).toBe(400);
    expect((wide as ApiError).message).toMatch(/requests\[0\]\.output_dimensionality/);
    const unknown = await post(twin, "/v1beta/models/gemini-embedding-001:embedContent", {
      content: { parts: [{ text: "x" }] },
      colour: "red",
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as GoogleErrorBody).error.message).toMatch(/Unknown name "colour"/);
    const mismatch = await post(twin, "/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [{ model: "models/text-embedding-004", content: { parts: [{ text: "x" }] } }],
    });
    expect(((await mismatch.json()) as GoogleErrorBody).error.message).toMatch(/requests\[0\]\.model/);
  });
});
