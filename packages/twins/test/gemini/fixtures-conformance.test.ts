// Conformance of the Gemini twin's output with the recorded real responses in
// ../shared/fixtures/llm/gemini/ (read in place, never copied): field names at every level
// (response, candidate, content, parts, function calls, usage), where thought signatures and
// finish reasons go in whole and streamed answers, usage arithmetic, the SSE framing and the 429
// body. Recordings with `createTime` come from Vertex AI (streamed argument deltas, traffic
// type); they count for "no invented field" but not for "fields we must send".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { addFault, loadScriptInto } from "../helpers/admin.js";
import { emptyShapes, inventedFields, missingFields, type Shapes } from "../helpers/conformance.js";
import { post, startGeminiTwin } from "./helpers.js";

type Json = Record<string, unknown>;

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/fixtures/llm/gemini",
);
const present = existsSync(FIXTURES);
if (!present)
  console.warn(`Gemini fixtures conformance skipped: ${FIXTURES} is absent (clone ../shared beside the repo).`);

/** Fields the twin sends that the recordings lack but @google/genai 2.32 declares. */
const DECLARED_BY_SDK: Record<string, string[]> = { usage: ["cachedContentTokenCount", "cacheTokensDetails"] };

/** Every (kind, field) pair of one response. */
function shapesOf(response: Json, into: Map<string, Set<string>>): void {
  const add = (kind: string, value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    const fields = into.get(kind) ?? new Set<string>();
    for (const key of Object.keys(value)) fields.add(key);
    into.set(kind, fields);
  };
  add("response", response);
  add("usage", response.usageMetadata);
  for (const detail of ((response.usageMetadata as Json | undefined)?.promptTokensDetails as Json[]) ?? [])
    add("modalityTokens", detail);
  for (const candidate of (response.candidates as Json[]) ?? []) {
    add("candidate", candidate);
    add("content", candidate.content);
    for (const part of ((candidate.content as Json | undefined)?.parts as Json[]) ?? []) {
      const kind = part.functionCall ? "functionCall" : part.thought ? "thought" : "text";
      add(`part:${kind}`, part);
      if (part.functionCall) add("functionCall", part.functionCall);
    }
  }
}

/** Counts one file's kinds and fields once each: Gemini shapes count files, not objects. */
function addFile(shapes: Shapes, responses: Json[]): void {
  const seen = new Map<string, Set<string>>();
  for (const response of responses) shapesOf(response, seen);
  for (const [kind, fields] of seen) {
    shapes.counts.set(kind, (shapes.counts.get(kind) ?? 0) + 1);
    const counts = shapes.fields.get(kind) ?? new Map<string, number>();
    for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
    shapes.fields.set(kind, counts);
  }
}

function readRecordings(): { all: Shapes; studio: Shapes; files: Map<string, Json[]> } {
  const all = emptyShapes();
  const studio = emptyShapes();
  const files = new Map<string, Json[]>();
  for (const file of readdirSync(FIXTURES)) {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    const responses = file.endsWith(".chunks.txt")
      ? text
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => JSON.parse(l) as Json)
      : [JSON.parse(text) as Json];
    files.set(file, responses);
    if (responses.some((r) => r.error)) continue;
    addFile(all, responses);
    if (!responses.some((r) => r.createTime)) addFile(studio, responses);
  }
  return { all, studio, files };
}

const partsOf = (response: Json): Json[] =>
  ((((response.candidates as Json[])[0].content as Json | undefined)?.parts as Json[]) ?? []) as Json[];
const candidateOf = (response: Json): Json => (response.candidates as Json[])[0];

function parseSse(text: string): Json[] {
  return text
    .split("\r\n\r\n")
    .filter((block) => block !== "")
    .map((block) => {
      expect(block.startsWith("data: ")).toBe(true);
      return JSON.parse(block.slice("data: ".length)) as Json;
    });
}

describe.skipIf(!present)("Gemini twin vs recorded Gemini API fixtures", () => {
  let twin: RunningTwin;
  let recorded: ReturnType<typeof readRecordings>;
  const ours = emptyShapes();
  const generate = async (model: string, body: Json, stream: boolean): Promise<{ raw: string; responses: Json[] }> => {
    const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
    const response = await post(twin, `/v1beta/models/${model}:${method}`, body);
    const raw = await response.text();
    return { raw, responses: stream ? parseSse(raw) : [JSON.parse(raw) as Json] };
  };
  let text: Json;
  let textStream: { raw: string; responses: Json[] };
  let reasoning: Json;
  let tool: Json;
  let toolStream: Json[];

  beforeAll(async () => {
    recorded = readRecordings();
    twin = await startGeminiTwin();
    const ask = { contents: [{ role: "user", parts: [{ text: 'How many "r"s are in strawberry?' }] }] };
    text = (await generate("gemini-3-pro-preview", ask, false)).responses[0];
    textStream = await generate("gemini-3-pro-preview", ask, true);
    const thoughts = { ...ask, generationConfig: { thinkingConfig: { includeThoughts: true } } };
    reasoning = (await generate("gemini-3-pro-preview", thoughts, false)).responses[0];
    const reasoningStream = (await generate("gemini-3-pro-preview", thoughts, true)).responses;
    await loadScriptInto(
      twin,
      "rules:\n  - reply:\n      toolCalls: [{ name: weather, arguments: { location: San Francisco } }]\n",
    );
    const withTools = {
      contents: [{ role: "user", parts: [{ text: "What is the weather in San Francisco?" }] }],
      tools: [
        {
          functionDeclarations: [
            { name: "weather", parameters: { type: "OBJECT", properties: { location: { type: "STRING" } } } },
          ],
        },
      ],
    };
    tool = (await generate("gemini-3-pro-preview", withTools, false)).responses[0];
    toolStream = (await generate("gemini-3-pro-preview", withTools, true)).responses;
    for (const responses of [[text], textStream.responses, [reasoning], reasoningStream, [tool], toolStream])
      addFile(ours, responses);
  });
  afterAll(() => twin?.close());

  it("sends no field the recordings lack (except those @google/genai declares)", () => {
    for (const kind of ours.fields.keys())
      expect(recorded.all.fields.get(kind), `the recordings have no ${kind}`).toBeDefined();
    expect(inventedFields(ours, recorded.all, DECLARED_BY_SDK)).toEqual([]);
  });

  it("sends every field most Gemini API recordings have (60% of files or more)", () => {
    expect(missingFields(ours, recorded.studio)).toEqual([]);
  });

  it("a whole Gemini 3 text answer: one text part carrying the signature, as google-text.json", () => {
    const recordedParts = partsOf(recorded.files.get("google-text.json")?.[0] ?? {});
    expect(partsOf(text).map((p) => Object.keys(p).sort())).toEqual(recordedParts.map((p) => Object.keys(p).sort()));
    expect(Object.keys(candidateOf(text))).toEqual(
      Object.keys(candidateOf(recorded.files.get("google-text.json")?.[0] ?? {})),
    );
  });

  it("a streamed Gemini 3 text answer ends with an empty signed text part and STOP, as google-text.chunks.txt", () => {
    const recordedChunks = recorded.files.get("google-text.chunks.txt") ?? [];
    for (const chunks of [recordedChunks, textStream.responses]) {
      expect(partsOf(chunks.at(-1) as Json)).toEqual([
        { text: "", thoughtSignature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) },
      ]);
      expect(chunks.map((c) => candidateOf(c).finishReason ?? null)).toEqual([
        ...chunks.slice(1).map(() => null),
        "STOP",
      ]);
      expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1);
      expect(chunks.every((c) => c.usageMetadata && c.modelVersion)).toBe(true);
    }
  });

  it("a whole function call: args, signature, STOP and finishMessage, as google-tool-call.json", () => {
    const recordedTool = recorded.files.get("google-tool-call.json")?.[0] ?? {};
    expect(partsOf(tool).map((p) => Object.keys(p).sort())).toEqual(
      partsOf(recordedTool).map((p) => Object.keys(p).sort()),
    );
    expect(candidateOf(tool).finishReason).toBe(candidateOf(recordedTool).finishReason);
    expect(candidateOf(tool).finishMessage).toBe(candidateOf(recordedTool).finishMessage);
    expect(partsOf(tool)[0].functionCall).toEqual({ name: "weather", args: { location: "San Francisco" } });
  });

  it("a streamed function call: the signed call, then an empty text part with STOP, as google-tool-call.chunks.txt", () => {
    const recordedChunks = recorded.files.get("google-tool-call.chunks.txt") ?? [];
    const shape = (chunks: Json[]) =>
      chunks.map((c) => ({
        parts: partsOf(c).map((p) => Object.keys(p).sort()),
        finishReason: candidateOf(c).finishReason,
      }));
    expect(shape(toolStream)).toEqual(shape(recordedChunks));
  });

  it("thought summaries come first as thought parts; signatures are never on them", () => {
    const parts = partsOf(reasoning);
    expect(parts[0]).toEqual({ text: expect.any(String), thought: true });
    expect(parts.slice(1).some((p) => p.thoughtSignature)).toBe(true);
  });

  it("usage adds up as recorded: total = prompt + candidates + thoughts", () => {
    const sum = (u: Json) =>
      Number(u.promptTokenCount) + Number(u.candidatesTokenCount ?? 0) + Number(u.thoughtsTokenCount ?? 0);
    for (const file of ["google-text.json", "google-reasoning.json", "google-tool-call.json"]) {
      const usage = recorded.files.get(file)?.[0].usageMetadata as Json;
      expect(usage.totalTokenCount).toBe(sum(usage));
    }
    for (const response of [text, reasoning, tool]) {
      const usage = response.usageMetadata as Json;
      expect(usage.totalTokenCount).toBe(sum(usage));
    }
    // The unscripted answers reason (Gemini 3 always thinks); the scripted call has no reasoning.
    for (const response of [text, reasoning])
      expect((response.usageMetadata as Json).thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("frames the stream as Google does: data-only events, CRLF, no [DONE]", () => {
    expect(textStream.raw).not.toMatch(/^event:/m);
    expect(textStream.raw).not.toContain("[DONE]");
    expect(textStream.raw.endsWith("}\r\n\r\n")).toBe(true);
    expect(textStream.raw.split("\r\n\r\n").filter((b) => b !== "").length).toBe(textStream.responses.length);
  });

  it("answers a 429 with the recorded error shape: QuotaFailure violations and RetryInfo", async () => {
    await addFault(twin, { times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 34.4 } });
    const response = await post(twin, "/v1beta/models/gemini-2.5-flash:generateContent", {
      contents: [{ parts: [{ text: "x" }] }],
    });
    expect(response.status).toBe(429);
    const error = ((await response.json()) as { error: Json }).error;
    const recordedError = ((recorded.files.get("google-429-retry-info.json") ?? [])[0] as { error: Json }).error;
    expect(Object.keys(error)).toEqual(Object.keys(recordedError));
    expect([error.code, error.status]).toEqual([recordedError.code, recordedError.status]);
    const byType = (details: unknown) => new Map((details as Json[]).map((d) => [d["@type"], d]));
    const ours = byType(error.details);
    for (const [type, detail] of byType(recordedError.details)) {
      for (const key of Object.keys(detail)) expect(ours.get(type), `${String(type)}.${key}`).toHaveProperty(key);
    }
    expect(ours.get("type.googleapis.com/google.rpc.RetryInfo")?.retryDelay).toBe("34.4s");
    const quota = ours.get("type.googleapis.com/google.rpc.QuotaFailure") ?? {};
    const violation = (quota.violations as Json[])[0];
    expect(violation.quotaId).toBe("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
  });
});
