// Events API delivery: what the twin POSTs to an app's request URL after Web API calls — Slack's
// signed event_callback envelope, only for conversations the app's bot is in (or workspace-wide
// channel events) and only for events its scopes cover.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTwin, type SlackSeed, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, BOB_TOKEN, slackClient, startSlackTwin } from "../helpers.js";
import { type AppReceiver, expectedSignature, type Received, startAppReceiver } from "./app-receiver.js";

const ECHO_SECRET = "echo-signing-secret";

let twin: RunningTwin;
let echo: AppReceiver;
let narrow: AppReceiver;
let ids: { echoApp: string; echoBot: string; narrowApp: string; alice: string; bob: string; general: string };

function seed(echoUrl: string, narrowUrl: string): SlackSeed {
  return {
    team: { id: "T0EVENTS1", name: "Events" },
    users: [
      { name: "alice", token: ALICE_TOKEN, admin: true },
      { name: "bob", token: BOB_TOKEN },
    ],
    apps: [
      { name: "Echo", botName: "echo", botToken: "xoxb-echo", signingSecret: ECHO_SECRET, requestUrl: echoUrl },
      {
        name: "Narrow",
        botName: "narrow",
        botToken: "xoxb-narrow",
        botScopes: ["channels:history", "chat:write"],
        signingSecret: "narrow-secret",
        requestUrl: narrowUrl,
      },
    ],
    channels: [
      { name: "general", general: true },
      { name: "random", members: ["alice", "bob"] },
    ],
  };
}

beforeAll(async () => {
  [echo, narrow] = await Promise.all([startAppReceiver(), startAppReceiver()]);
  twin = await startSlackTwin({ slack: { seed: seed(echo.url, narrow.url) } });
  const state = slackState(twin.kit);
  const app = (name: string) => [...state.apps.values()].find((a) => a.name === name)!;
  ids = {
    echoApp: app("Echo").id,
    echoBot: state.bots.get(app("Echo").botId)!.userId,
    narrowApp: app("Narrow").id,
    alice: state.findUser("alice")!.id,
    bob: state.findUser("bob")!.id,
    general: state.channelByName("general")!.id,
  };
});
afterAll(async () => {
  await twin.close();
  await Promise.all([echo.close(), narrow.close()]);
});

const alice = () => slackClient(twin, ALICE_TOKEN);
const bob = () => slackClient(twin, BOB_TOKEN);

/** The first event received of `type` that `match` accepts. */
function eventOf(receiver: AppReceiver, type: string, match: (event: Record<string, unknown>) => boolean) {
  return receiver.waitFor((r) => r.body.event?.type === type && match(r.body.event)).then((r) => r.body.event!);
}

/** Deliveries the twin opened (synchronously, during the call that caused them). */
async function deliveries(query: string): Promise<{ appId: string; eventType: string; body: Received["body"] }[]> {
  const response = await fetch(`${twin.url}/_twin/slack/events/deliveries?${query}`);
  return ((await response.json()) as { deliveries: never[] }).deliveries;
}

describe("the event_callback envelope", () => {
  it("carries a channel message, signed with the app's signing secret", async () => {
    const posted = await alice().chat.postMessage({ channel: ids.general, text: "hello events" });
    const request = await echo.waitFor((r) => r.body.event?.text === "hello events");

    expect(request.body).toMatchObject({
      token: expect.stringMatching(/^[\w-]{24}$/),
      team_id: "T0EVENTS1",
      api_app_id: ids.echoApp,
      type: "event_callback",
      event_id: expect.stringMatching(/^Ev[0-9A-Z]+$/),
      event_time: expect.any(Number),
      authorizations: [
        { enterprise_id: null, team_id: "T0EVENTS1", user_id: ids.echoBot, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: expect.stringMatching(/^4-/),
    });
    expect(Object.keys(request.body).slice(0, 10)).toEqual([
      "token",
      "team_id",
      "api_app_id",
      "event",
      "type",
      "event_id",
      "event_time",
      "authorizations",
      "is_ext_shared_channel",
      "event_context",
    ]);
    expect(request.body.event).toMatchObject({
      type: "message",
      channel: ids.general,
      user: ids.alice,
      text: "hello events",
      ts: posted.ts,
      event_ts: posted.ts,
      channel_type: "channel",
      team: "T0EVENTS1",
    });
    expect(request.body.event).not.toHaveProperty("subtype");

    const timestamp = String(request.headers["x-slack-request-timestamp"]);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers["x-slack-signature"]).toBe(expectedSignature(ECHO_SECRET, timestamp, request.raw));
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers).not.toHaveProperty("x-slack-retry-num");
  });

  it("gives each event its own event_id", async () => {
    await alice().chat.postMessage({ channel: ids.general, text: "first of two" });
    await alice().chat.postMessage({ channel: ids.general, text: "second of two" });
    const first = await echo.waitFor((r) => r.body.event?.text === "first of two");
    const second = await echo.waitFor((r) => r.body.event?.text === "second of two");
    expect(first.body.event_id).not.toBe(second.body.event_id);
  });
});

describe("who gets what", () => {
  it("does not send messages of conversations the bot is not in", async () => {
    const random = slackState(twin.kit).channelByName("random")!.id;
    const posted = await alice().chat.postMessage({ channel: random, text: "bots cannot see this" });
    const sent = await deliveries(`app=${ids.echoApp}&type=message`);
    expect(sent.some((d) => d.body.event?.ts === posted.ts)).toBe(false);
  });

  it("sends only the events the bot's scopes cover", async () => {
    const posted = await alice().chat.postMessage({ channel: ids.general, text: "react to me" });
    await bob().reactions.add({ channel: ids.general, timestamp: posted.ts!, name: "eyes" });
    const reaction = await eventOf(echo, "reaction_added", (e) => (e.item as { ts: string }).ts === posted.ts);
    expect(reaction).toMatchObject({
      user: ids.bob,
      reaction: "eyes",
      item: { type: "message", channel: ids.general, ts: posted.ts },
      item_user: ids.alice,
      event_ts: expect.any(String),
    });
    // Narrow has channels:history (it gets the message) but not reactions:read.
    await narrow.waitFor((r) => r.body.event?.ts === posted.ts);
    const narrowEvents = (await deliveries(`app=${ids.narrowApp}`)).map((d) => d.eventType);
    expect(narrowEvents).not.toContain("reaction_added");
  });

  it("sends app_mention to the mentioned bot beside the message", async () => {
    const posted = await alice().chat.postMessage({ channel: ids.general, text: `hey <@${ids.echoBot}> ping` });
    const mention = await eventOf(echo, "app_mention", (e) => e.ts === posted.ts);
    expect(mention).toMatchObject({
      user: ids.alice,
      text: `hey <@${ids.echoBot}> ping`,
      ts: posted.ts,
      channel: ids.general,
      event_ts: posted.ts,
    });
    expect(mention).not.toHaveProperty("subtype");
    const narrowTypes = (await deliveries(`app=${ids.narrowApp}`)).map((d) => d.eventType);
    expect(narrowTypes).not.toContain("app_mention");
  });
});

describe("event types", () => {
  it("follows a channel's life: created, joined, renamed, pinned, edited, deleted, left, archived", async () => {
    const created = await bob().conversations.create({ name: "projects" });
    const channel = created.channel!.id!;
    expect(await eventOf(echo, "channel_created", (e) => (e.channel as { id: string }).id === channel)).toMatchObject({
      channel: { id: channel, name: "projects", creator: ids.bob },
    });

    await bob().conversations.invite({ channel, users: ids.echoBot });
    expect(await eventOf(echo, "member_joined_channel", (e) => e.channel === channel)).toMatchObject({
      user: ids.echoBot,
      channel_type: "C",
      team: "T0EVENTS1",
      inviter: ids.bob,
    });
    expect(await eventOf(echo, "message", (e) => e.channel === channel && e.subtype === "channel_join")).toMatchObject({
      user: ids.echoBot,
      channel_type: "channel",
    });

    await bob().conversations.rename({ channel, name: "projects-2" });
    expect(await eventOf(echo, "channel_rename", (e) => (e.channel as { id: string }).id === channel)).toMatchObject({
      channel: { id: channel, name: "projects-2" },
    });

    const posted = await bob().chat.postMessage({ channel, text: "draft" });
    await bob().pins.add({ channel, timestamp: posted.ts! });
    expect(await eventOf(echo, "pin_added", (e) => e.channel_id === channel)).toMatchObject({
      user: ids.bob,
      item: { type: "message", channel, message: { ts: posted.ts, text: "draft" } },
    });

    await bob().chat.update({ channel, ts: posted.ts!, text: "final" });
    expect(
      await eventOf(echo, "message", (e) => e.channel === channel && e.subtype === "message_changed"),
    ).toMatchObject({
      hidden: true,
      message: { ts: posted.ts, text: "final", edited: { user: ids.bob } },
      previous_message: { text: "draft" },
    });

    await bob().chat.delete({ channel, ts: posted.ts! });
    expect(
      await eventOf(echo, "message", (e) => e.channel === channel && e.subtype === "message_deleted"),
    ).toMatchObject({ hidden: true, deleted_ts: posted.ts, previous_message: { text: "final" } });

    await bob().conversations.kick({ channel, user: ids.echoBot });
    expect(await eventOf(echo, "member_left_channel", (e) => e.channel === channel)).toMatchObject({
      user: ids.echoBot,
      channel_type: "C",
    });

    // Archiving a public channel is news to every app that can read channels, member or not.
    await bob().conversations.archive({ channel });
    expect(await eventOf(echo, "channel_archive", (e) => e.channel === channel)).toMatchObject({ user: ids.bob });
  });

  it("sends thread replies with their thread, and a deleted root with replies as its tombstone", async () => {
    const root = await alice().chat.postMessage({ channel: ids.general, text: "thread root" });
    const reply = await bob().chat.postMessage({ channel: ids.general, text: "thread reply", thread_ts: root.ts! });
    expect(await eventOf(echo, "message", (e) => e.ts === reply.ts)).toMatchObject({
      thread_ts: root.ts,
      parent_user_id: ids.alice,
      user: ids.bob,
    });
    await alice().chat.delete({ channel: ids.general, ts: root.ts! });
    const changed = await eventOf(
      echo,
      "message",
      (e) => e.subtype === "message_changed" && (e.message as { ts: string }).ts === root.ts,
    );
    expect(changed).toMatchObject({
      message: { subtype: "tombstone", text: "This message was deleted.", reply_count: 1 },
      previous_message: { text: "thread root" },
    });
  });

  it("sends file_shared for a file shared where the bot is", async () => {
    await alice().filesUploadV2({ channel_id: ids.general, content: "report body", filename: "report.txt" });
    const shared = await eventOf(echo, "file_shared", (e) => e.channel_id === ids.general);
    expect(shared).toMatchObject({ user_id: ids.alice, file_id: expect.stringMatching(/^F/) });
    expect(shared.file).toEqual({ id: shared.file_id });
  });

  it("keeps private channels private: no channel_created, events once the bot is invited", async () => {
    const created = await alice().conversations.create({ name: "secret", is_private: true });
    const channel = created.channel!.id!;
    await alice().conversations.invite({ channel, users: ids.echoBot });
    expect(await eventOf(echo, "member_joined_channel", (e) => e.channel === channel)).toMatchObject({
      channel_type: "G",
    });
    await alice().chat.postMessage({ channel, text: "between us" });
    expect(await eventOf(echo, "message", (e) => e.text === "between us")).toMatchObject({ channel_type: "group" });
    const createdEvents = await deliveries(`app=${ids.echoApp}&type=channel_created`);
    expect(createdEvents.some((d) => (d.body.event!.channel as { id: string }).id === channel)).toBe(false);
  });

  it("sends direct messages to the bot as im events", async () => {
    const opened = await alice().conversations.open({ users: ids.echoBot });
    const dm = opened.channel!.id!;
    expect(await eventOf(echo, "im_created", (e) => (e.channel as { id: string }).id === dm)).toMatchObject({
      user: ids.alice,
    });
    await alice().chat.postMessage({ channel: dm, text: "just you and me" });
    expect(await eventOf(echo, "message", (e) => e.text === "just you and me")).toMatchObject({
      channel: dm,
      channel_type: "im",
    });
  });
});
