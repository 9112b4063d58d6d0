import { describe, expect, it } from "vitest";
import { StreamError } from "../../src/errors/client-errors.js";
import {
  AccessDeniedError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from "../../src/errors/provider-error.js";
import { generate } from "../../src/generate/generate.js";
import { stream } from "../../src/generate/stream.js";
import type { Tool } from "../../src/generate/types.js";
import {
  collect,
  eventsFor,
  fail,
  fakeClient,
  respond,
  textResponse,
  toolCallsResponse,
} from "../helpers/fake-adapter.js";

const rateLimited = (retryAfter?: number) =>
  new RateLimitError({ message: "slow down", provider: "fake", statusCode: 429, retryAfter });
const serverError = () => new ServerError({ message: "boom", provider: "fake", statusCode: 500 });

/** A sleep that records the requested delays and returns at once. */
function recordingSleep() {
  const delaysMs: number[] = [];
  return { delaysMs, sleep: async (ms: number) => void delaysMs.push(ms) };
}

describe("per-step retries (§6.6)", () => {
  it("§8.8 rate limit errors (429) are retried transparently", async () => {
    const { client, adapter } = fakeClient([fail(rateLimited()), respond(textResponse("ok"))]);
    const { sleep } = recordingSleep();
    const result = await generate({ model: "m", prompt: "p", client, retryRuntime: { sleep } });
    expect(result.text).toBe("ok");
    expect(adapter.calls).toHaveLength(2);
  });

  it("§8.8 exponential backoff with jitter: delays grow per attempt (injected sleep)", async () => {
    const { client, adapter } = fakeClient([
      fail(serverError()),
      fail(serverError()),
      fail(serverError()),
      respond(textResponse("ok")),
    ]);
    const { sleep, delaysMs } = recordingSleep();
    await generate({
      model: "m",
      prompt: "p",
      client,
      maxRetries: 3,
      retryRuntime: { sleep, random: () => 0.5 },
    });
    expect(adapter.calls).toHaveLength(4);
    expect(delaysMs).toEqual([1000, 2000, 4000]);
    const jittered = recordingSleep();
    const again = fakeClient([fail(serverError()), fail(serverError()), respond(textResponse("ok"))]);
    await generate({
      model: "m",
      prompt: "p",
      client: again.client,
      retryRuntime: { sleep: jittered.sleep, random: () => 0 },
      retryPolicy: { baseDelay: 0.1 },
    });
    expect(jittered.delaysMs).toEqual([50, 100]);
  });

  it("§8.8 Retry-After within maxDelay overrides the computed backoff", async () => {
    const { client, adapter } = fakeClient([fail(rateLimited(7)), respond(textResponse("ok"))]);
    const { sleep, delaysMs } = recordingSleep();
    await generate({ model: "m", prompt: "p", client, retryRuntime: { sleep, random: () => 0.5 } });
    expect(delaysMs).toEqual([7000]);
    expect(adapter.calls).toHaveLength(2);
  });

  it("§8.8 Retry-After beyond maxDelay is not waited for: the error is raised with retryAfter set", async () => {
    const { client, adapter } = fakeClient([fail(rateLimited(120)), respond(textResponse("ok"))]);
    const { sleep, delaysMs } = recordingSleep();
    const error = await generate({ model: "m", prompt: "p", client, retryRuntime: { sleep } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(delaysMs).toEqual([]);
    expect(adapter.calls).toHaveLength(1);
  });

  it("§8.8 maxRetries = 0 disables automatic retries", async () => {
    const { client, adapter } = fakeClient([fail(serverError()), respond(textResponse("ok"))]);
    const { sleep } = recordingSleep();
    await expect(
      generate({ model: "m", prompt: "p", client, maxRetries: 0, retryRuntime: { sleep } }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(adapter.calls).toHaveLength(1);
  });

  it("default maxRetries is 2: three attempts, then the last error", async () => {
    const { client, adapter } = fakeClient([fail(serverError()), fail(serverError()), fail(rateLimited())]);
    const { sleep } = recordingSleep();
    await expect(generate({ model: "m", prompt: "p", client, retryRuntime: { sleep } })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(adapter.calls).toHaveLength(3);
  });

  it("§8.8 non-retryable errors (401, 403, 404) are raised immediately without retry", async () => {
    const errors = [
      new AuthenticationError({ message: "bad key", provider: "fake", statusCode: 401 }),
      new AccessDeniedError({ message: "denied", provider: "fake", statusCode: 403 }),
      new NotFoundError({ message: "no model", provider: "fake", statusCode: 404 }),
    ];
    for (const error of errors) {
      const { client, adapter } = fakeClient([fail(error), respond(textResponse("ok"))]);
      const { sleep, delaysMs } = recordingSleep();
      await expect(generate({ model: "m", prompt: "p", client, retryRuntime: { sleep } })).rejects.toBe(error);
      expect(adapter.calls).toHaveLength(1);
      expect(delaysMs).toEqual([]);
    }
  });

  it("§8.8 retries apply per step: a retry on step 2 does not repeat step 1 or its tools", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "t", args: {} }])),
      fail(serverError()),
      fail(rateLimited(1)),
      respond(textResponse("done")),
    ]);
    let executions = 0;
    const t: Tool = { name: "t", description: "", parameters: { type: "object" }, execute: () => ++executions };
    const { sleep, delaysMs } = recordingSleep();
    const result = await generate({
      model: "m",
      prompt: "p",
      client,
      tools: [t],
      retryRuntime: { sleep, random: () => 0.5 },
    });
    expect(result.text).toBe("done");
    expect(executions).toBe(1);
    expect(result.steps).toHaveLength(2);
    expect(adapter.calls).toHaveLength(4);
    expect(delaysMs).toEqual([1000, 1000]);
    expect(adapter.requests[1]).toEqual(adapter.requests[3]);
  });

  it("onRetry is called before each retry with the error, attempt and delay in seconds", async () => {
    const { client } = fakeClient([fail(serverError()), respond(textResponse("ok"))]);
    const seen: [string, number, number][] = [];
    await generate({
      model: "m",
      prompt: "p",
      client,
      retryRuntime: { sleep: async () => {}, random: () => 0.5 },
      retryPolicy: { onRetry: (e, attempt, delay) => seen.push([(e as Error).name, attempt, delay]) },
    });
    expect(seen).toEqual([["ServerError", 1, 1]]);
  });

  it("§8.8 stream(): the connection is retried while no event has arrived", async () => {
    const { client, adapter } = fakeClient([fail(serverError()), respond(textResponse("hello"))]);
    const result = stream({ model: "m", prompt: "p", client, retryRuntime: { sleep: async () => {} } });
    const events = await collect(result);
    expect(adapter.calls).toHaveLength(2);
    expect(events.some((e) => e.type === "error")).toBe(false);
    expect((await result.response()).text).toBe("hello");
  });

  it("§8.8 stream(): a first event that is an error counts as a failed connection and is retried", async () => {
    const { client, adapter } = fakeClient([
      { kind: "events", events: [{ type: "error", error: serverError() }] },
      respond(textResponse("hello")),
    ]);
    const result = stream({ model: "m", prompt: "p", client, retryRuntime: { sleep: async () => {} } });
    const events = await collect(result);
    expect(adapter.calls).toHaveLength(2);
    expect(events[0]?.type).toBe("stream_start");
  });

  it("§8.8 streaming does not retry after partial data has been delivered: an error event ends it", async () => {
    const partial = eventsFor(textResponse("Hello world")).slice(0, 3);
    const { client, adapter } = fakeClient([
      { kind: "events", events: partial, thenThrow: serverError() },
      respond(textResponse("should not be used")),
    ]);
    const result = stream({ model: "m", prompt: "p", client, retryRuntime: { sleep: async () => {} } });
    const events = await collect(result);
    expect(adapter.calls).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(["stream_start", "text_start", "text_delta", "error"]);
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(ServerError);
    await expect(result.response()).rejects.toBeInstanceOf(ServerError);
  });

  it("stream(): an adapter error event mid-stream is passed through once and ends the stream", async () => {
    const partial = eventsFor(textResponse("Hello world")).slice(0, 3);
    const error = new StreamError({ message: "connection reset" });
    const { client } = fakeClient([{ kind: "events", events: [...partial, { type: "error", error }] }]);
    const result = stream({ model: "m", prompt: "p", client });
    const events = await collect(result);
    expect(events.filter((e) => e.type === "error")).toHaveLength(1);
    await expect(result.response()).rejects.toBe(error);
  });
});
