// A @slack/bolt app (unchanged, default HTTPReceiver on a free port) driven by the twin's Events
// API: its request URL is verified, it hears messages and mentions, answers with say(), takes a
// slash command (ack and respond), and the conversation is then visible through the Web API; its
// button and select clicks and modal submissions (interactive-app.ts) come to the same request URL.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, BOT_TOKEN, slackClient, startSlackTwin } from "../helpers.js";
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
    signingSecret: "twin-signing-secret",
    clientOptions: { slackApiUrl: `${twin.url}/api/` },
    logLevel: LogLevel.ERROR,
  });
  bolt.message("ping", async ({ say }) => {
    await say("pong");
  });
  bolt.event("app_mention", async ({ event, say }) => {
    await say({ text: `hello <@${event.user}>`, thread_ts: event.ts });
  });
  bolt.command("/echo", async ({ command, ack, respond }) => {
    await ack(`echoing ${command.text}`);
    await respond({ response_type: "in_channel", text: `echo: ${command.text}` });
  });
  seen = addInteractiveListeners(bolt);
  const server = (await bolt.start({ port: 0, host: "127.0.0.1" })) as Server;
  const { port } = server.address() as AddressInfo;
  // Bolt answers the url_verification challenge itself.
  const set = await fetch(`${twin.url}/_twin/slack/apps/Twin%20App/request-url`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/slack/events` }),
  });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await bolt.stop();
  await twin.close();
});

it("hears a message and replies with say()", async () => {
  const alice = slackClient(twin, ALICE_TOKEN);
  const asked = await alice.chat.postMessage({ channel: random, text: "ping" });
  const reply = await waitForMessage(alice, random, (m) => m.text === "pong");
  expect(reply.bot_id).toBe(slackState(twin.kit).findUser("twinbot")!.botId);
  expect(Number(reply.ts)).toBeGreaterThan(Number(asked.ts));
  expect(await conversationLines(alice, random, 2)).toEqual(["alice: ping", "twinbot: pong"]);
});

it("answers a mention in its thread", async () => {
  const alice = slackClient(twin, ALICE_TOKEN);
  const bot = slackState(twin.kit).findUser("twinbot")!;
  const asked = await alice.chat.postMessage({ channel: random, text: `<@${bot.id}> are you there?` });
  const aliceId = slackState(twin.kit).findUser("alice")!.id;
  await waitForMessage(alice, random, (m) => m.reply_count === 1 && m.ts === asked.ts);
  const replies = await alice.conversations.replies({ channel: random, ts: asked.ts! });
  expect(replies.messages?.map((m) => [m.user, m.text])).toEqual([
    [aliceId, `<@${bot.id}> are you there?`],
    [bot.id, `hello <@${aliceId}>`],
  ]);
});

it("answers a slash command: ack() to the person, respond() in the channel", async () => {
  const state = slackState(twin.kit);
  const ephemeral = new Promise<{ user: string; text: string }>((resolve) => {
    const off = state.events.onType("ephemeral_posted", (e) => {
      off();
      resolve({ user: e.user, text: e.message.text });
    });
  });
  const response = await fetch(`${twin.url}/_twin/slack/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command: "/echo", text: "hi there", user: "alice", channel: "random" }),
  });
  expect(await response.json()).toEqual({ ok: true });
  expect(await ephemeral).toEqual({ user: state.findUser("alice")!.id, text: "echoing hi there" });
  const alice = slackClient(twin, ALICE_TOKEN);
  await waitForMessage(alice, random, (m) => m.text === "echo: hi there");
  expect((await conversationLines(alice, random, 1))[0]).toBe("twinbot: echo: hi there");
});

describe("interactivity over HTTP (the request URL, no interactivity URL set)", () => {
  interactivityScenario(
    () => twin,
    () => seen,
  );
});
