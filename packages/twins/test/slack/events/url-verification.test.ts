// Setting an app's request URL through the admin API: Slack's url_verification challenge first,
// the URL kept only when the app echoes it; the events follow.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, resetTwin, slackClient, startSlackTwin } from "../helpers.js";
import { type AppReceiver, expectedSignature, startAppReceiver } from "./app-receiver.js";

let twin: RunningTwin;
let app: AppReceiver;

beforeAll(async () => {
  app = await startAppReceiver();
  twin = await startSlackTwin({ slack: { events: { timeoutMs: 300, retryDelaysMs: [] } } });
});
afterAll(async () => {
  await twin.close();
  await app.close();
});
beforeEach(async () => {
  await resetTwin(twin);
  app.answer = () => ({});
});

function setRequestUrl(url: string | null) {
  return fetch(`${twin.url}/_twin/slack/apps/Twin%20App/request-url`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url }),
  });
}

const twinApp = () => [...slackState(twin.kit).apps.values()].find((a) => a.name === "Twin App")!;

it("sends a signed challenge and keeps the URL the app verified", async () => {
  const response = await setRequestUrl(app.url);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, app: twinApp().id, requestUrl: app.url });

  const challenge = app.received.at(-1)!;
  expect(challenge.body).toEqual({
    token: expect.stringMatching(/^[\w-]{24}$/),
    challenge: expect.stringMatching(/^\w{20,}$/),
    type: "url_verification",
  });
  const timestamp = String(challenge.headers["x-slack-request-timestamp"]);
  expect(challenge.headers["x-slack-signature"]).toBe(
    expectedSignature("twin-signing-secret", timestamp, challenge.raw),
  );
  expect(twinApp().requestUrl).toBe(app.url);

  // Events follow (the default bot is in #random).
  const random = slackState(twin.kit).channelByName("random")!.id;
  await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: random, text: "now you hear me" });
  const event = await app.waitFor((r) => r.body.event?.text === "now you hear me");
  expect(event.body.token).toBe(challenge.body.token);
});

it("refuses a URL whose app does not answer the challenge", async () => {
  app.answer = () => ({ status: 404 });
  const response = await setRequestUrl(app.url);
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { type: string; message: string } };
  expect(body.error.type).toBe("twin_admin_error");
  expect(body.error.message).toMatch(/url_verification failed: .*HTTP 404/);
  expect(twinApp().requestUrl).toBeUndefined();
});

it("clears the URL with null, and rejects what is not a URL", async () => {
  expect((await setRequestUrl(app.url)).status).toBe(200);
  expect((await setRequestUrl(null)).status).toBe(200);
  expect(twinApp().requestUrl).toBeUndefined();
  expect((await setRequestUrl("ftp://example.com")).status).toBe(400);
  const unknown = await fetch(`${twin.url}/_twin/slack/apps/Nope/request-url`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: app.url }),
  });
  expect(unknown.status).toBe(404);
});
