// Realistic mode: Slack's rate-limit tiers answered with 429 `ratelimited` and Retry-After, as the
// WebClient sees them (rejectRateLimitedCalls, and a low retry config that waits and retries);
// the admin switch; and the kit's rate_limit fault, aimed at one method by its name.
import { ErrorCode } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { ALICE_TOKEN, APP_TOKEN, BOT_TOKEN, failureOf, resetTwin, slackClient, startSlackTwin } from "./helpers.js";

let realistic: RunningTwin;
let relaxed: RunningTwin;
beforeAll(async () => {
  realistic = await startSlackTwin({ slack: { realistic: true } });
  relaxed = await startSlackTwin();
});
afterAll(async () => {
  await realistic.close();
  await relaxed.close();
});
beforeEach(async () => {
  await resetTwin(realistic);
  await resetTwin(relaxed);
});

describe("realistic mode", () => {
  it("allows about one chat.postMessage per second per channel: the next is a rate-limited error", async () => {
    const client = slackClient(realistic, BOT_TOKEN, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: "general", text: "one" });
    const error = await failureOf(client.chat.postMessage({ channel: "general", text: "two" }));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(1);
    // Another channel has its own budget.
    expect((await client.chat.postMessage({ channel: "random", text: "elsewhere" })).ok).toBe(true);
  });

  it("answers 429 with Retry-After and Slack's body", async () => {
    const post = () =>
      fetch(`${realistic.url}/api/chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${BOT_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ channel: "general", text: "hi" }),
      });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("a client with a low retry config waits Retry-After and gets through", async () => {
    const client = slackClient(realistic, BOT_TOKEN, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    await client.chat.postMessage({ channel: "general", text: "one" });
    const started = Date.now();
    const second = await client.chat.postMessage({ channel: "general", text: "two" });
    expect(second.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("limits Tier 1 methods to one a minute", async () => {
    const client = slackClient(realistic, APP_TOKEN, { rejectRateLimitedCalls: true });
    await client.apps.connections.open({});
    const error = await failureOf(client.apps.connections.open({}));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBeGreaterThan(55);
    expect(error.retryAfter).toBeLessThanOrEqual(60);
  });

  it("is switched by the admin API", async () => {
    const url = `${realistic.url}/_twin/slack/realistic`;
    expect(await (await fetch(url)).json()).toEqual({ enabled: true });
    const off = await fetch(url, { method: "PUT", body: JSON.stringify({ enabled: false }) });
    expect(await off.json()).toEqual({ enabled: false });
    const client = slackClient(realistic, ALICE_TOKEN, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 3; i++) await client.chat.postMessage({ channel: "general", text: `m${i}` });
    const bad = await fetch(url, { method: "PUT", body: "{}" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { type: "twin_admin_error", message: 'expected {"enabled": true|false}' },
    });
    await resetTwin(realistic);
    expect(await (await fetch(url)).json()).toEqual({ enabled: true });
  });
});

describe("off by default", () => {
  it("lets bursts through", async () => {
    const client = slackClient(relaxed, BOT_TOKEN, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 10; i++) await client.chat.postMessage({ channel: "general", text: `m${i}` });
    const alice = slackClient(relaxed, ALICE_TOKEN);
    const general = (await alice.conversations.list({})).channels?.find((c) => c.name === "general")?.id ?? "";
    const history = await alice.conversations.history({ channel: general });
    expect(history.messages).toHaveLength(10);
  });

  it("the kit's rate_limit fault hits the method it names", async () => {
    await fetch(`${relaxed.url}/_twin/faults`, {
      method: "POST",
      body: JSON.stringify([{ model: "chat.*", times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 7 } }]),
    });
    const client = slackClient(relaxed, BOT_TOKEN, { rejectRateLimitedCalls: true });
    expect((await client.auth.test()).ok).toBe(true);
    const error = await failureOf(client.chat.postMessage({ channel: "general", text: "x" }));
    expect(error.retryAfter).toBe(7);
    await fetch(`${relaxed.url}/_twin/faults`, { method: "DELETE" });
  });
});
