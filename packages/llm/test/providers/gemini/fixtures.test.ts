// Conformance: every recorded Gemini response in ../shared/fixtures/llm/gemini, replayed through a
// local server as Google frames it (data-only SSE, LF and CRLF; whole JSON bodies; error bodies),
// checked against fixture-expectations.ts, the stream invariants, and stream/complete agreement.
import { describe, expect, it } from "vitest";
import { GeminiAdapter } from "../../../src/providers/gemini/index.js";
import type { GeminiResponse } from "../../../src/providers/gemini/wire-types.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { Response } from "../../../src/types/response.js";
import {
  frameChunks,
  haveFixtures,
  listFixtures,
  type Reply,
  readFixture,
  startProviderServer,
} from "../../helpers/provider-server.js";
import { GEMINI_FIXTURES, type GeminiFixtureExpectation } from "./fixture-expectations.js";
import { checkStreamInvariants, collect, comparable } from "./stream-checks.js";

if (!haveFixtures)
  console.log("gemini fixtures: ../shared/fixtures/llm is absent, the recorded-fixture suite is skipped");

const request: Request = { model: "gemini-3-pro-preview", messages: [Message.user("How many r's in strawberry?")] };

async function withAdapter<T>(reply: Reply, run: (adapter: GeminiAdapter) => Promise<T>): Promise<T> {
  const server = await startProviderServer(() => reply);
  try {
    const result = await run(new GeminiAdapter({ apiKey: "test-key", baseUrl: `${server.url}/v1beta` }));
    for (const recorded of server.requests) expect(recorded.headers["x-goog-api-key"]).toBe("test-key");
    return result;
  } finally {
    await server.close();
  }
}

function checkExpectation(response: Response, exp: GeminiFixtureExpectation): void {
  expect(response.provider).toBe("gemini");
  if (exp.text !== undefined) expect(response.text).toBe(exp.text);
  if (exp.reasoningPrefix) expect(response.reasoning?.startsWith(exp.reasoningPrefix)).toBe(true);
  else expect(response.reasoning).toBeUndefined();
  const signatures = response.message.content.flatMap((p) =>
    p.kind === "provider" && p.provider === "gemini" && typeof p.data.thoughtSignature === "string"
      ? [p.data.thoughtSignature]
      : [],
  );
  if (exp.textSignaturePrefix) {
    expect(signatures).toHaveLength(1);
    expect(signatures[0].startsWith(exp.textSignaturePrefix)).toBe(true);
  } else {
    expect(signatures).toEqual([]);
  }
  const calls = response.toolCalls;
  expect(calls.map((c) => ({ name: c.name, arguments: c.arguments }))).toEqual(
    (exp.toolCalls ?? []).map((c) => ({ name: c.name, arguments: c.arguments })),
  );
  expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
  calls.forEach((call, i) => {
    expect(call.id).toMatch(/^call_[0-9a-f-]{36}$/);
    const signature = (call.providerMetadata?.gemini as { thoughtSignature?: string } | undefined)?.thoughtSignature;
    const prefix = exp.toolCalls?.[i]?.signaturePrefix;
    if (prefix) expect(signature?.startsWith(prefix)).toBe(true);
    else expect(signature).toBeUndefined();
  });
  if (exp.finish) expect(response.finishReason).toEqual(exp.finish);
  if (exp.usage) expect(response.usage).toMatchObject(exp.usage);
  if (exp.id) expect(response.id).toBe(exp.id);
  if (exp.model) expect(response.model).toBe(exp.model);
}

/** The one-body equivalent of a stream: all parts in order, adjacent text merged; the last chunk's rest. */
function collapse(chunksText: string): GeminiResponse {
  const chunks = chunksText
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as GeminiResponse);
  const parts: Array<Record<string, unknown>> = [];
  for (const chunk of chunks) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      const last = parts.at(-1);
      const mergeable =
        last &&
        typeof part.text === "string" &&
        typeof last.text === "string" &&
        Boolean(last.thought) === Boolean(part.thought) &&
        !last.thoughtSignature;
      if (mergeable) {
        last.text = `${last.text}${part.text}`;
        if (part.thoughtSignature) last.thoughtSignature = part.thoughtSignature;
      } else {
        parts.push({ ...part });
      }
    }
  }
  const final = chunks.at(-1) as GeminiResponse;
  const kept = parts.filter((p) => !(p.text === "" && !p.thoughtSignature));
  return { ...final, candidates: [{ ...final.candidates?.[0], content: { role: "model", parts: kept } }] };
}

describe.skipIf(!haveFixtures)("Gemini recorded fixtures (../shared/fixtures/llm/gemini)", () => {
  const files = listFixtures("gemini");

  it("has an expectation for every fixture file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !GEMINI_FIXTURES[f])).toEqual([]);
  });

  for (const file of files) {
    const exp = GEMINI_FIXTURES[file];
    if (!exp) continue;
    describe(file, () => {
      if (exp.kind === "stream") {
        for (const crlf of [false, true]) {
          it(`streams (${crlf ? "CRLF" : "LF"} framing) to the expected response`, async () => {
            const chunks = frameChunks("gemini", readFixture("gemini", file), { crlf });
            const events = await withAdapter({ chunks }, (adapter) => collect(adapter.stream(request)));
            const response = checkStreamInvariants(events);
            expect(response).toBeDefined();
            checkExpectation(response as Response, exp);
          });
        }
        it("asks for streamGenerateContent with alt=sse", async () => {
          const server = await startProviderServer(() => ({
            chunks: frameChunks("gemini", readFixture("gemini", file)),
          }));
          try {
            await collect(new GeminiAdapter({ apiKey: "k", baseUrl: `${server.url}/v1beta` }).stream(request));
            expect(server.requests[0].url).toBe("/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse");
          } finally {
            await server.close();
          }
        });
        if (!exp.partialArgs) {
          it("agrees with complete() on the same content as one body", async () => {
            const text = readFixture("gemini", file);
            const streamed = checkStreamInvariants(
              await withAdapter({ chunks: frameChunks("gemini", text) }, (a) => collect(a.stream(request))),
            );
            const completed = await withAdapter({ body: collapse(text) }, (a) => a.complete(request));
            expect(comparable(streamed as Response)).toEqual(comparable(completed));
          });
        }
      } else if (exp.kind === "json") {
        it("completes to the expected response", async () => {
          const body = JSON.parse(readFixture("gemini", file));
          const response = await withAdapter({ body }, (adapter) => adapter.complete(request));
          checkExpectation(response, exp);
          expect(response.raw).toEqual(body);
        });
        it("streams the same body as one chunk to the same response", async () => {
          const text = readFixture("gemini", file);
          const completed = await withAdapter({ body: JSON.parse(text) }, (a) => a.complete(request));
          const chunks = [`data: ${JSON.stringify(JSON.parse(text))}\r\n\r\n`];
          const streamed = checkStreamInvariants(await withAdapter({ chunks }, (a) => collect(a.stream(request))));
          expect(comparable(streamed as Response)).toEqual(comparable(completed));
          checkExpectation(streamed as Response, exp);
        });
      } else {
        const body = JSON.parse(readFixture("gemini", file));
        const reply = { status: exp.status, body };
        it("rejects complete() with the mapped error", async () => {
          const error = await withAdapter(reply, (adapter) => adapter.complete(request).catch((e: unknown) => e));
          expect(error).toMatchObject({ ...exp.error, provider: "gemini", raw: body });
        });
        it("throws the mapped error from the stream before any event", async () => {
          const events: unknown[] = [];
          const error = await withAdapter(reply, async (adapter) => {
            try {
              for await (const event of adapter.stream(request)) events.push(event);
            } catch (e) {
              return e;
            }
          });
          expect(events).toEqual([]);
          expect(error).toMatchObject({ ...exp.error, provider: "gemini" });
        });
      }
    });
  }
});
