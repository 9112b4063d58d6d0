// Conformance: every Chat Completions fixture in test/fixtures/openai-compatible replayed through a
// local server (streams as written, and with CRLF line ends; JSON bodies with their status), checked
// against fixture-expectations.ts, the stream invariants, and stream/complete agreement.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OpenAICompatibleAdapter } from "../../../src/providers/openai-compatible/index.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { Response } from "../../../src/types/response.js";
import { type Reply, startProviderServer } from "../../helpers/provider-server.js";
import { checkStreamInvariants, collect } from "../gemini/stream-checks.js";
import { CHAT_FIXTURES, type ChatFixtureExpectation } from "./fixture-expectations.js";

const fixtureDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/openai-compatible");
const files = readdirSync(fixtureDir).sort();
const read = (file: string) => readFileSync(join(fixtureDir, file), "utf8");

const request: Request = { model: "some-model", messages: [Message.user("hi")] };

/** A `.sse` file as the chunks a server writes: one SSE event per write. */
function sseChunks(text: string, crlf = false): string[] {
  return text
    .split("\n\n")
    .filter((e) => e.trim() !== "")
    .map((e) => (crlf ? `${e.replaceAll("\n", "\r\n")}\r\n\r\n` : `${e}\n\n`));
}

async function withAdapter<T>(reply: Reply, run: (adapter: OpenAICompatibleAdapter) => Promise<T>): Promise<T> {
  const server = await startProviderServer(() => reply);
  try {
    const result = await run(new OpenAICompatibleAdapter({ baseUrl: `${server.url}/v1`, apiKey: "sk-test" }));
    for (const recorded of server.requests) {
      expect(recorded.url).toBe("/v1/chat/completions");
      expect(recorded.headers.authorization).toBe("Bearer sk-test");
    }
    return result;
  } finally {
    await server.close();
  }
}

function checkExpectation(response: Response, exp: ChatFixtureExpectation): void {
  expect(response.provider).toBe("openai-compatible");
  if (exp.text !== undefined) expect(response.text).toBe(exp.text);
  expect(response.reasoning).toBe(exp.reasoning);
  expect(response.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }))).toEqual(
    exp.toolCalls ?? [],
  );
  if (exp.finish) expect(response.finishReason).toEqual(exp.finish);
  if (exp.usage) {
    const { raw: _raw, ...usage } = response.usage;
    expect(usage).toEqual(exp.usage);
  }
  if (exp.id) expect(response.id).toBe(exp.id);
  if (exp.model) expect(response.model).toBe(exp.model);
}

/** What both paths must agree on (tool calls compared as §5.4 ToolCalls, without rawArguments). */
function agreed(response: Response) {
  return {
    text: response.text,
    reasoning: response.reasoning,
    toolCalls: response.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, args })),
    finishReason: response.finishReason,
    usage: { ...response.usage, raw: undefined },
    id: response.id,
    model: response.model,
  };
}

describe("OpenAI-compatible fixtures (test/fixtures/openai-compatible)", () => {
  it("has an expectation for every fixture file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !CHAT_FIXTURES[f])).toEqual([]);
  });

  for (const file of files) {
    const exp = CHAT_FIXTURES[file];
    if (!exp) continue;
    describe(file, () => {
      if (file.endsWith(".sse")) {
        for (const crlf of [false, true]) {
          it(`streams (${crlf ? "CRLF" : "LF"}) to the expected ${exp.streamError ? "error" : "response"}`, async () => {
            const events = await withAdapter({ chunks: sseChunks(read(file), crlf) }, (a) =>
              collect(a.stream(request)),
            );
            const response = checkStreamInvariants(events);
            if (exp.streamError) {
              const last = events.at(-1);
              expect(last?.type).toBe("error");
              const { name, retryable } = exp.streamError;
              if (last?.type === "error") expect(last.error).toMatchObject({ name, retryable });
              const text = events.flatMap((e) => (e.type === "text_delta" ? [e.delta] : [])).join("");
              expect(text).toBe(exp.streamError.textBefore);
            } else {
              checkExpectation(response as Response, exp);
            }
          });
        }
        it("asks for a stream with include_usage", async () => {
          const server = await startProviderServer(() => ({ chunks: sseChunks(read(file)) }));
          try {
            await collect(new OpenAICompatibleAdapter({ baseUrl: server.url }).stream(request));
            expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
            expect(server.requests[0].headers.authorization).toBeUndefined();
          } finally {
            await server.close();
          }
        });
        const twin = file.replace(/\.sse$/, ".json");
        if (!exp.streamError && files.includes(twin)) {
          it(`agrees with complete() on ${twin}`, async () => {
            const streamed = checkStreamInvariants(
              await withAdapter({ chunks: sseChunks(read(file)) }, (a) => collect(a.stream(request))),
            );
            const completed = await withAdapter({ body: JSON.parse(read(twin)) }, (a) => a.complete(request));
            expect(agreed(streamed as Response)).toEqual(agreed(completed));
          });
        }
      } else if (exp.error) {
        const reply: Reply = { status: exp.status, headers: exp.headers, body: JSON.parse(read(file)) };
        it("rejects complete() with the mapped error", async () => {
          const error = await withAdapter(reply, (a) => a.complete(request).catch((e: unknown) => e));
          expect(error).toMatchObject({ ...exp.error, provider: "openai-compatible", raw: reply.body });
        });
        it("throws the mapped error from the stream before any event", async () => {
          const result = await withAdapter(reply, async (a) => {
            const events: unknown[] = [];
            try {
              for await (const event of a.stream(request)) events.push(event);
            } catch (error) {
              return { events, error };
            }
            return { events, error: undefined };
          });
          expect(result.events).toEqual([]);
          expect(result.error).toMatchObject(exp.error as object);
        });
      } else {
        it("completes to the expected response", async () => {
          const body = JSON.parse(read(file));
          const response = await withAdapter({ body }, (a) => a.complete(request));
          checkExpectation(response, exp);
          expect(response.raw).toEqual(body);
        });
      }
    });
  }
});
