import {
  AuthenticationError,
  ContextLengthError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  type StreamEvent,
} from "@darkfactory/llm";
import { describe, expect, it } from "vitest";
import { SessionStateError } from "../../src/session/errors.js";
import { testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { fail, text } from "../helpers/scripted-adapter.js";

const server = () => new ServerError({ message: "overloaded", provider: "anthropic", statusCode: 503 });

describe("session-level errors (Appendix B, §9.11)", () => {
  it("an authentication error surfaces at once, with no retry, and closes the session", async () => {
    const h = harness(
      [fail(new AuthenticationError({ message: "invalid x-api-key", provider: "anthropic", statusCode: 401 }))],
      {
        retryPolicy: { maxRetries: 3, baseDelay: 0 },
      },
    );
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "error", state: "closed" });
    expect(result.error).toBeInstanceOf(AuthenticationError);
    expect(h.adapter.requests).toHaveLength(1);
    expect(h.ofType("error")).toEqual([
      expect.objectContaining({
        fatal: true,
        error: { name: "AuthenticationError", message: "invalid x-api-key", retryable: false, statusCode: 401 },
      }),
    ]);
    expect(h.ofType("session_end")[0]).toMatchObject({ reason: "error", state: "closed" });
    expect(h.session.state).toBe("closed");
    await expect(h.session.submit("again")).rejects.toBeInstanceOf(SessionStateError);
  });

  it("a context length error emits a clear warning and the session stays usable", async () => {
    const h = harness([
      fail(
        new ContextLengthError({
          message: "prompt is too long: 210000 tokens > 200000",
          provider: "anthropic",
          statusCode: 400,
        }),
      ),
      text("fine now"),
    ]);
    const result = await h.session.submit("huge");
    expect(result).toMatchObject({ stopReason: "context_length", state: "idle" });
    expect(h.ofType("warning")).toEqual([
      expect.objectContaining({
        code: "context_length_exceeded",
        message: expect.stringContaining("prompt is too long"),
      }),
    ]);
    expect(h.ofType("error")).toEqual([]);
    expect((await h.session.submit("small")).stopReason).toBe("completed");
  });

  it("retryable errors (429, 5xx) are retried with backoff before anything was delivered", async () => {
    const rateLimited = new RateLimitError({ message: "slow down", provider: "anthropic", statusCode: 429 });
    const h = harness([fail(rateLimited), fail(server()), text("third time lucky")], {
      retryPolicy: { maxRetries: 2, baseDelay: 0, jitter: false },
    });
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "completed", text: "third time lucky" });
    expect(h.adapter.requests).toHaveLength(3);
    expect(h.ofType("error")).toEqual([]);
    expect(h.ofType("warning").map((w) => w.code)).toEqual(["llm_retry", "llm_retry"]);
    expect(h.ofType("warning")[0].message).toMatch(/RateLimitError: slow down\); retry 1 in 0\.0 s/);
    expect(h.ofType("warning")[1].message).toMatch(/ServerError: overloaded\); retry 2 in 0\.0 s/);
  });

  it("a retryable error that outlasts the retries is reported, not fatal: the session goes idle", async () => {
    const h = harness([fail(server()), text("later")], { retryPolicy: { maxRetries: 0 } });
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "error", state: "idle" });
    expect(h.ofType("error")[0]).toMatchObject({ fatal: false, error: { name: "ServerError", retryable: true } });
    expect((await h.session.submit("retry")).stopReason).toBe("completed");
  });

  it("a stream that fails after text was delivered is not retried", async () => {
    const events: StreamEvent[] = [
      { type: "stream_start", warnings: [] },
      { type: "text_delta", textId: "t", delta: "half an ans" },
      { type: "error", error: server() },
    ];
    const h = harness([{ kind: "events", events }, text("unused")], {
      profile: testProfile({ streaming: true }),
      retryPolicy: { maxRetries: 3, baseDelay: 0 },
    });
    const result = await h.session.submit("go");
    expect(result.stopReason).toBe("error");
    expect(h.adapter.requests).toHaveLength(1);
    expect(h.ofType("assistant_text_end")[0]).toMatchObject({ text: "half an ans", incomplete: true });
  });

  it("provider warnings on a response become warning events", async () => {
    const step = text("ok");
    if (step.kind === "response") step.response.warnings.push({ message: "stopSequences not supported" });
    const h = harness([step]);
    await h.session.submit("go");
    expect(h.ofType("warning")[0]).toMatchObject({ code: "provider_warning", message: "stopSequences not supported" });
  });
});

describe("recoverable non-retryable errors", () => {
  it("a request timeout is reported without closing the session", async () => {
    const h = harness([
      fail(new RequestTimeoutError({ message: "no data for 30000 ms", scope: "stream_read" })),
      text("ok"),
    ]);
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "error", state: "idle" });
    expect(h.ofType("error")[0]).toMatchObject({
      fatal: false,
      error: { name: "RequestTimeoutError", retryable: false },
    });
    expect((await h.session.submit("again")).stopReason).toBe("completed");
  });
});
