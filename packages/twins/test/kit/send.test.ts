// sendSse's write coalescing, through the OpenAI twin's Responses stream: without pacing the
// stream is one socket write; with pacing, one write per wait (the events due before a token
// go out together), and the client still gets every event in order.
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildTwinApp } from "../../src/kit/build-twin-app.js";
import type { StreamingPhysics } from "../../src/kit/types.js";

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

/** Streams a Responses answer to "one two three four" and counts the body writes. */
async function streamed(streaming?: StreamingPhysics): Promise<{ writes: number; body: string }> {
  app = buildTwinApp("openai", streaming ? { streaming } : {});
  let writes = 0;
  app.addHook("onRequest", async (_request, reply) => {
    const raw = reply.raw;
    const write = raw.write.bind(raw) as (...args: unknown[]) => boolean;
    raw.write = ((...args: unknown[]) => {
      writes++;
      return write(...args);
    }) as typeof raw.write;
  });
  const response = await app.inject({
    method: "POST",
    url: "/v1/responses",
    headers: { authorization: "Bearer sk-send", "content-type": "application/json" },
    payload: { model: "gpt-4.1", input: "one two three four", stream: true },
  });
  expect(response.statusCode).toBe(200);
  return { writes, body: response.body };
}

const eventNames = (body: string) => [...body.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);

describe("sendSse write coalescing", () => {
  it("sends an unpaced stream in one write", async () => {
    const { writes, body } = await streamed();
    expect(writes).toBe(1);
    expect(eventNames(body).at(-1)).toBe("response.completed");
  });

  it("sends a paced stream in one write per wait, with every event in order", async () => {
    const unpaced = (await streamed()).body;
    await app?.close();
    const { writes, body } = await streamed({ ttftMs: 5, tokensPerSecond: 2000 });
    const names = eventNames(body);
    const deltas = names.filter((name) => name === "response.output_text.delta").length;
    expect(deltas).toBe(5); // "Echo:", " one", " two", " three", " four"
    // Before the first token (ttft) and before each later one: a write each; then the tail.
    expect(writes).toBe(deltas + 1);
    expect(names.length).toBeGreaterThan(writes * 2);
    expect(names).toEqual(eventNames(unpaced));
  });
});
