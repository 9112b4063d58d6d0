// Events API retries: an app that does not answer 2xx within the timeout gets the same event again,
// up to 3 times, with X-Slack-Retry-Num and X-Slack-Retry-Reason; X-Slack-No-Retry stops them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, slackClient, startSlackTwin } from "../helpers.js";
import { type AppReceiver, expectedSignature, type Received, startAppReceiver } from "./app-receiver.js";

const SECRET = "retry-secret";
const TIMEOUT_MS = 300;

let twin: RunningTwin;
let app: AppReceiver;
let general: string;

beforeAll(async () => {
  app = await startAppReceiver();
  twin = await startSlackTwin({
    slack: {
      seed: {
        users: [{ name: "alice", token: ALICE_TOKEN }],
        apps: [{ name: "Flaky", botName: "flaky", botToken: "xoxb-flaky", signingSecret: SECRET, requestUrl: app.url }],
        channels: [{ name: "general", general: true }],
      },
      events: { timeoutMs: TIMEOUT_MS, retryDelaysMs: [0, 20, 20] },
    },
  });
  general = slackState(twin.kit).channelByName("general")!.id;
});
afterAll(async () => {
  await twin.close();
  await app.close();
});

/** Posts `text` and returns the tries of its event that the app received (waiting for `count`). */
async function triesOf(text: string, count: number): Promise<Received[]> {
  await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: general, text });
  const tries: Received[] = [];
  for (let i = 0; i < count; i++) {
    const from = tries.length === 0 ? 0 : app.received.indexOf(tries[tries.length - 1]) + 1;
    tries.push(await app.waitFor((r) => r.body.event?.text === text, from));
  }
  return tries;
}

async function deliveryOf(text: string) {
  const response = await fetch(`${twin.url}/_twin/slack/events/deliveries?type=message`);
  const { deliveries } = (await response.json()) as {
    deliveries: { body: Received["body"]; outcome: string; attempts: Record<string, unknown>[] }[];
  };
  return deliveries.find((d) => d.body.event?.text === text)!;
}

async function settled(text: string) {
  for (;;) {
    const delivery = await deliveryOf(text);
    if (delivery.outcome !== "pending") return delivery;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("retries after an HTTP error with the same event, signed again", async () => {
  app.answer = (r) => ({ status: r.body.event?.text === "error once" && !r.headers["x-slack-retry-num"] ? 500 : 200 });
  const [first, retry] = await triesOf("error once", 2);
  expect(first.headers).not.toHaveProperty("x-slack-retry-num");
  expect(retry.headers["x-slack-retry-num"]).toBe("1");
  expect(retry.headers["x-slack-retry-reason"]).toBe("http_error");
  expect(retry.raw).toBe(first.raw);
  expect(retry.body.event_id).toBe(first.body.event_id);
  const timestamp = String(retry.headers["x-slack-request-timestamp"]);
  expect(retry.headers["x-slack-signature"]).toBe(expectedSignature(SECRET, timestamp, retry.raw));

  const delivery = await settled("error once");
  expect(delivery.outcome).toBe("delivered");
  expect(delivery.attempts).toMatchObject([
    { attempt: 0, transport: "http", status: 500, failure: "http_error" },
    { attempt: 1, transport: "http", status: 200 },
  ]);
});

it("retries with http_timeout when the app answers too late", async () => {
  app.answer = (r) => ({ delayMs: r.headers["x-slack-retry-num"] ? 0 : TIMEOUT_MS * 3 });
  const [, retry] = await triesOf("slow once", 2);
  expect(retry.headers["x-slack-retry-reason"]).toBe("http_timeout");
  const delivery = await settled("slow once");
  expect(delivery.attempts.map((a) => a.failure)).toEqual(["http_timeout", undefined]);
});

it("gives up after three retries", async () => {
  app.answer = () => ({ status: 503 });
  const tries = await triesOf("always failing", 4);
  expect(tries.map((t) => t.headers["x-slack-retry-num"])).toEqual([undefined, "1", "2", "3"]);
  const delivery = await settled("always failing");
  expect(delivery.outcome).toBe("failed");
  expect(delivery.attempts).toHaveLength(4);
});

it("stops retrying when the app answers X-Slack-No-Retry: 1", async () => {
  app.answer = () => ({ status: 500, headers: { "x-slack-no-retry": "1" } });
  await triesOf("no retry please", 1);
  const delivery = await settled("no retry please");
  expect(delivery.outcome).toBe("failed");
  expect(delivery.attempts).toHaveLength(1);
});
