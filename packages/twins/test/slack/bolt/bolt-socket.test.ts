// A @slack/bolt app (unchanged) in Socket Mode against the twin: its SocketModeClient opens a
// connection with the app token (apps.connections.open), hears a message and a slash command over
// /link/, replies with say(), and the replies are visible through the Web API; its button and select
// clicks and modal submissions (interactive-app.ts) come as `interactive` envelopes.
import { App, LogLevel } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, APP_TOKEN, BOT_TOKEN, slackClient, startSlackTwin } from "../helpers.js";
import { conversationLines, waitForMessage } from "./conversation.js";
import { addInteractiveListeners, interactivityScenario, type Seen } from "./interactive-app.js";

let twin: RunningTwin;
let bolt: App;
let random: string;
let seen: Seen;

beforeAll(async () => {
  twin = await startSlackTwin();
  random = slackState(twin.kit).channelByName("random")!.id;
  bolt = new App({
    token: BOT_TOKEN,
    appToken: APP_TOKEN,
    socketMode: true,
    clientOptions: { slackApiUrl: `${twin.url}/api/` },
    logLevel: LogLevel.ERROR,
  });
  bolt.message(/^how many/, async ({ message, say }) => {
    const text = "text" in message ? (message.text ?? "") : "";
    await say(`${text.split(" ").length} words`);
  });
  bolt.command("/roll", async ({ ack, say }) => {
    await ack();
    await say("4 (chosen by a fair dice roll)");
  });
  seen = addInteractiveListeners(bolt);
  await bolt.start();
});
afterAll(async () => {
  await bolt.stop();
  await twin.close();
});

it("hears a message over the socket and replies with say()", async () => {
  const alice = slackClient(twin, ALICE_TOKEN);
  await alice.chat.postMessage({ channel: random, text: "how many words is this" });
  await waitForMessage(alice, random, (m) => m.text === "5 words");
  expect(await conversationLines(alice, random, 2)).toEqual(["alice: how many words is this", "twinbot: 5 words"]);

  const deliveries = await fetch(`${twin.url}/_twin/slack/events/deliveries?type=message&outcome=delivered`);
  const { deliveries: list } = (await deliveries.json()) as { deliveries: { attempts: { transport: string }[] }[] };
  expect(list.length).toBeGreaterThanOrEqual(2);
  expect(list.every((d) => d.attempts[0].transport === "socket")).toBe(true);
});

it("runs a slash command sent over the socket", async () => {
  const response = await fetch(`${twin.url}/_twin/slack/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command: "/roll", text: "", user: "alice", channel: random }),
  });
  expect(await response.json()).toEqual({ ok: true });
  const alice = slackClient(twin, ALICE_TOKEN);
  await waitForMessage(alice, random, (m) => m.text === "4 (chosen by a fair dice roll)");
});

describe("interactivity over Socket Mode", () => {
  interactivityScenario(
    () => twin,
    () => seen,
  );

  it("sends them as interactive envelopes", async () => {
    const response = await fetch(`${twin.url}/_twin/slack/events/deliveries?type=view_submission`);
    const { deliveries } = (await response.json()) as { deliveries: { attempts: { transport: string }[] }[] };
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.attempts[0].transport === "socket")).toBe(true);
  });
});
