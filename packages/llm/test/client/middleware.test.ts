import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/client.js";
import type { Middleware } from "../../src/client/middleware.js";
import { Message } from "../../src/types/message.js";
import { createResponse } from "../../src/types/response.js";
import type { StreamEvent } from "../../src/types/stream-event.js";
import { collect, FakeAdapter, respond, textResponse } from "../helpers/fake-adapter.js";

const request = { model: "m", messages: [Message.user("hi")] };

/** A middleware that logs its request and response phases and tags the request and response. */
function tracer(name: string, log: string[]): Middleware {
  return {
    name,
    async complete(req, next, options) {
      log.push(`${name}:request`);
      const response = await next({ ...req, metadata: { ...req.metadata, [name]: "seen" } }, options);
      log.push(`${name}:response`);
      return createResponse({ ...response, id: `${response.id}+${name}` });
    },
    async *stream(req, next, options) {
      log.push(`${name}:request`);
      for await (const event of next({ ...req, metadata: { ...req.metadata, [name]: "seen" } }, options)) {
        if (event.type === "finish") log.push(`${name}:response`);
        if (event.type === "text_delta") yield { ...event, delta: `${event.delta}<${name}>` };
        else yield event;
      }
    },
  };
}

describe("middleware (§2.3)", () => {
  it("§8.1 middleware chain order for complete: request phase in registration order, response phase reversed", async () => {
    const log: string[] = [];
    const adapter = new FakeAdapter([respond(textResponse("ok", { id: "r" }))]);
    const client = new Client({
      providers: { fake: adapter },
      middleware: [tracer("first", log), tracer("second", log)],
    });
    const response = await client.complete(request);
    expect(log).toEqual(["first:request", "second:request", "second:response", "first:response"]);
    expect(response.id).toBe("r+second+first");
    expect(adapter.requests[0]?.metadata).toEqual({ first: "seen", second: "seen" });
  });

  it("§8.1 middleware chain order for stream: request phase in registration order, events pass innermost first", async () => {
    const log: string[] = [];
    const adapter = new FakeAdapter([respond(textResponse("hey"))]);
    const client = new Client({ providers: { fake: adapter } }).use(tracer("first", log)).use(tracer("second", log));
    const events = await collect(client.stream(request));
    expect(log).toEqual(["first:request", "second:request", "second:response", "first:response"]);
    const deltas = events.filter((e): e is Extract<StreamEvent, { type: "text_delta" }> => e.type === "text_delta");
    expect(deltas[0]?.delta).toBe("hey<second><first>");
    expect(adapter.requests[0]?.metadata).toEqual({ first: "seen", second: "seen" });
  });

  it("a middleware with only one hook passes the other kind of call through", async () => {
    const log: string[] = [];
    const onlyComplete: Middleware = {
      complete: (req, next, o) => {
        log.push("complete");
        return next(req, o);
      },
    };
    const adapter = new FakeAdapter([respond(textResponse("a")), respond(textResponse("b"))]);
    const client = new Client({ providers: { fake: adapter }, middleware: [onlyComplete] });
    await client.complete(request);
    await collect(client.stream(request));
    expect(log).toEqual(["complete"]);
  });
});
