// The official @google/genai SDK against the Gemini twin, unchanged: generateContent and
// generateContentStream, thinking with thoughtsTokenCount, structured output, countTokens and
// the models API with paging.
import { type GoogleGenAI, ThinkingLevel, Type } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { journal, resetTwin } from "../helpers/admin.js";
import { genai, startGeminiTwin } from "./helpers.js";

let twin: RunningTwin;
let ai: GoogleGenAI;
beforeAll(async () => {
  twin = await startGeminiTwin();
  ai = genai(twin);
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

describe("generateContent", () => {
  it("answers with an echo and computed usage on a non-thinking model", async () => {
    const response = await ai.models.generateContent({ model: "gemini-2.0-flash", contents: "Hello twin" });
    expect(response.text).toBe("Echo: Hello twin");
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    expect(response.modelVersion).toBe("gemini-2.0-flash");
    expect(response.responseId).toMatch(/^[A-Za-z0-9]{23}$/);
    const usage = response.usageMetadata;
    expect(usage?.promptTokenCount).toBeGreaterThan(0);
    expect(usage?.candidatesTokenCount).toBe(4);
    expect(usage?.thoughtsTokenCount).toBeUndefined();
    expect(usage?.totalTokenCount).toBe((usage?.promptTokenCount ?? 0) + 4);
    expect(usage?.promptTokensDetails).toEqual([{ modality: "TEXT", tokenCount: usage?.promptTokenCount }]);
    expect(usage?.candidatesTokensDetails).toEqual([{ modality: "TEXT", tokenCount: 4 }]);
  });

  it("sends the key in x-goog-api-key and the request body as the real API takes it", async () => {
    await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Hi",
      config: { systemInstruction: "Be brief.", temperature: 0.3, maxOutputTokens: 100 },
    });
    const [entry] = await journal(twin);
    expect(entry.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(entry.headers["x-goog-api-key"]).toBe("[redacted]");
    expect(entry.model).toBe("gemini-2.5-flash");
    expect(entry.body).toEqual({
      contents: [{ parts: [{ text: "Hi" }], role: "user" }],
      systemInstruction: { parts: [{ text: "Be brief." }], role: "user" },
      generationConfig: { temperature: 0.3, maxOutputTokens: 100 },
    });
  });

  it("runs into maxOutputTokens with MAX_TOKENS", async () => {
    const response = await ai.models.generateContent({
      model: "gemini-2.0-flash",
      contents: "one two three four five six seven eight",
      config: { maxOutputTokens: 3 },
    });
    expect(response.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    expect(response.text).toBe("Echo: one");
    expect(response.usageMetadata?.candidatesTokenCount).toBe(3);
  });
});

describe("generateContentStream", () => {
  it("streams the text in chunks with running usage and one finishReason at the end", async () => {
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({
      model: "gemini-2.5-flash-lite",
      contents: "Tell me about the long and winding road that leads to your door",
    }))
      chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.text ?? "").join("")).toBe(
      "Echo: Tell me about the long and winding road that leads to your door",
    );
    expect(chunks.filter((c) => c.candidates?.[0]?.finishReason).map((c) => c.candidates?.[0]?.finishReason)).toEqual([
      "STOP",
    ]);
    const counts = chunks.map((c) => c.usageMetadata?.candidatesTokenCount ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1);
    const last = chunks.at(-1)?.usageMetadata;
    expect(last?.totalTokenCount).toBe((last?.promptTokenCount ?? 0) + (last?.candidatesTokenCount ?? 0));
  });

  it("Gemini 3 sends its thought signature on an empty text part with the finishReason", async () => {
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({ model: "gemini-3-pro-preview", contents: "Hi" }))
      chunks.push(chunk);
    const last = chunks.at(-1)?.candidates?.[0];
    expect(last?.finishReason).toBe("STOP");
    expect(last?.content?.parts).toEqual([{ text: "", thoughtSignature: expect.any(String) }]);
  });
});

describe("thinking", () => {
  it("reports thoughtsTokenCount, and thought parts only with includeThoughts", async () => {
    const plain = await ai.models.generateContent({ model: "gemini-3-flash-preview", contents: "What is 2 + 2?" });
    expect(plain.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    expect(plain.candidates?.[0]?.content?.parts?.some((p) => p.thought)).toBe(false);
    const usage = plain.usageMetadata;
    expect(usage?.totalTokenCount).toBe(
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    );

    const shown = await ai.models.generateContent({
      model: "gemini-3-flash-preview",
      contents: "What is 2 + 2?",
      config: { thinkingConfig: { thinkingLevel: ThinkingLevel.LOW, includeThoughts: true } },
    });
    const parts = shown.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toEqual({ text: expect.stringContaining("The user wrote"), thought: true });
    expect(parts[1]).toEqual({ text: "Echo: What is 2 + 2?", thoughtSignature: expect.any(String) });
    expect(shown.text).toBe("Echo: What is 2 + 2?");
  });

  it("Gemini 2.5 Flash thinks by default and not with thinkingBudget 0", async () => {
    const on = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "x" });
    expect(on.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    const off = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "x",
      config: { thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(off.usageMetadata?.thoughtsTokenCount).toBeUndefined();
  });
});

describe("structured output", () => {
  it("responseSchema: a deterministic instance, properties in propertyOrdering then alphabetical order", async () => {
    const response = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Describe a recipe",
      config: {
        responseMimeType: "application/json",
        responseSchema: {
          type: Type.OBJECT,
          properties: {
            steps: { type: Type.ARRAY, items: { type: Type.STRING } },
            name: { type: Type.STRING },
            calories: { type: Type.INTEGER, minimum: 100 },
            vegan: { type: Type.BOOLEAN },
          },
          propertyOrdering: ["name"],
          required: ["name", "steps"],
        },
      },
    });
    expect(response.text).toBe('{"name":"name","calories":100,"steps":["steps"],"vegan":true}');
  });

  it("responseJsonSchema: keeps the schema's order; text/x.enum answers the bare value", async () => {
    const json = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Classify",
      config: {
        responseMimeType: "application/json",
        responseJsonSchema: {
          type: "object",
          properties: { zeta: { type: "string", enum: ["a", "b"] }, alpha: { type: ["number", "null"] } },
          required: ["zeta"],
        },
      },
    });
    expect(JSON.parse(json.text ?? "")).toEqual({ zeta: "a", alpha: 0 });
    expect(Object.keys(JSON.parse(json.text ?? ""))).toEqual(["zeta", "alpha"]);

    const enumReply = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Pick one",
      config: { responseMimeType: "text/x.enum", responseSchema: { type: Type.STRING, enum: ["red", "green"] } },
    });
    expect(enumReply.text).toBe("red");
  });
});

describe("countTokens", () => {
  it("counts the prompt as generateContent's promptTokenCount does", async () => {
    const contents = [
      { role: "user", parts: [{ text: "The quick brown fox jumps over the lazy dog." }] },
      { role: "model", parts: [{ text: "Indeed it does." }] },
      { role: "user", parts: [{ text: "And then?" }] },
    ];
    const counted = await ai.models.countTokens({ model: "gemini-2.5-flash", contents });
    const generated = await ai.models.generateContent({ model: "gemini-2.5-flash", contents });
    expect(counted.totalTokens).toBe(generated.usageMetadata?.promptTokenCount);
    // 10 + 4 + 3 text tokens (a token per word and per punctuation mark), and 3 per content.
    expect(counted.totalTokens).toBe(10 + 4 + 3 + 3 * 3);
  });
});

describe("models", () => {
  it("lists every model across pages with pageSize/pageToken", async () => {
    const pager = await ai.models.list({ config: { pageSize: 3 } });
    expect(pager.page.length).toBe(3);
    const names: string[] = [];
    for await (const model of pager) names.push(model.name ?? "");
    expect(names).toContain("models/gemini-2.5-flash");
    expect(names).toContain("models/gemini-3-pro-preview");
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(3);
  });

  it("gets one model with its limits, methods and thinking flag", async () => {
    const model = await ai.models.get({ model: "gemini-2.5-pro" });
    expect(model.name).toBe("models/gemini-2.5-pro");
    expect(model.inputTokenLimit).toBe(1_048_576);
    expect(model.supportedActions).toContain("generateContent");
    expect(model.thinking).toBe(true);
  });
});
