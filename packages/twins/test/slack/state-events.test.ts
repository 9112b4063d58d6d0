// The state event emitter that the Events API, Socket Mode and the web UI consume: one typed event
// per change made through the Web API, the admin API or the state operations themselves.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin, SlackStateEvent } from "../../src/index.js";
import { slackState } from "../../src/index.js";
import { ephemeralsOf, postMessage } from "../../src/slack/state/messages.js";
import { formatTs, parseTs, TsClock } from "../../src/slack/state/slack-ts.js";
import { ALICE_TOKEN, resetTwin, slackClient, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
let events: SlackStateEvent[];
let unsubscribe: () => void;
beforeAll(async () => {
  twin = await startSlackTwin();
  bot = slackClient(twin);
  alice = slackClient(twin, ALICE_TOKEN);
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  events = [];
  unsubscribe = slackState(twin.kit).events.on((event) => events.push(event));
  return () => unsubscribe();
});

const types = () => events.map((e) => e.type);

describe("state events", () => {
  it("messages: posted, changed (with the previous version), deleted; reactions; pins", async () => {
    const posted = await bot.chat.postMessage({ channel: "general", text: "v1" });
    const channel = posted.channel ?? "";
    await bot.chat.update({ channel, ts: posted.ts ?? "", text: "v2" });
    await alice.reactions.add({ channel, timestamp: posted.ts ?? "", name: "wave" });
    await alice.reactions.remove({ channel, timestamp: posted.ts ?? "", name: "wave" });
    await alice.pins.add({ channel, timestamp: posted.ts ?? "" });
    await bot.chat.delete({ channel, ts: posted.ts ?? "" });
    expect(types()).toEqual([
      "message_posted",
      "message_changed",
      "reaction_added",
      "reaction_removed",
      "pin_added",
      "message_deleted",
    ]);
    const changed = events[1] as Extract<SlackStateEvent, { type: "message_changed" }>;
    expect(changed.previous.text).toBe("v1");
    expect(changed.message.text).toBe("v2");
    expect(changed.channel.name).toBe("general");
    const reacted = events[2] as Extract<SlackStateEvent, { type: "reaction_added" }>;
    expect(reacted).toMatchObject({ reaction: "wave", message: { ts: posted.ts } });
  });

  it("channels: created, member joined (with its channel_join message), renamed, topic, archived, left", async () => {
    const created = await alice.conversations.create({ name: "events" });
    const id = created.channel?.id ?? "";
    await alice.conversations.rename({ channel: id, name: "events-2" });
    await alice.conversations.setTopic({ channel: id, topic: "t" });
    await bot.conversations.join({ channel: id });
    await bot.conversations.leave({ channel: id });
    await alice.conversations.archive({ channel: id });
    expect(types()).toEqual([
      "channel_created",
      "message_posted",
      "member_joined",
      "message_posted",
      "channel_renamed",
      "channel_updated",
      "message_posted",
      "message_posted",
      "member_joined",
      "message_posted",
      "member_left",
      "message_posted",
      "channel_archived",
    ]);
    expect(events[4]).toMatchObject({ type: "channel_renamed", previousName: "events" });
  });

  it("files, views, presence, read marks and resets", async () => {
    const general = slackState(twin.kit).channelByName("general")?.id ?? "";
    await bot.filesUploadV2({ channel_id: general, content: "x", filename: "x.txt" });
    const aliceId = (await bot.users.info({ user: "alice" })).user?.id ?? "";
    await bot.views.publish({ user_id: aliceId, view: { type: "home", blocks: [] } });
    await alice.users.setPresence({ presence: "away" });
    await alice.conversations.mark({ channel: general, ts: "1.000000" });
    await resetTwin(twin);
    expect(types()).toEqual([
      "file_created",
      "message_posted",
      "file_shared",
      "view_published",
      "presence_changed",
      "channel_marked",
      "state_reset",
    ]);
  });

  it("ephemeral messages: kept per channel and person, in memory only, shown to that person, cleared on reset", async () => {
    const state = slackState(twin.kit);
    const aliceId = state.findUser("alice")!.id;
    const channel = state.channelByName("general")!.id;
    const { message_ts: ts } = await bot.chat.postEphemeral({ channel, user: aliceId, text: "psst" });
    expect(types()).toEqual(["ephemeral_posted"]);
    expect(ephemeralsOf(state, channel, aliceId).map((m) => [m.ts, m.text])).toEqual([[ts, "psst"]]);
    expect(state.messagesOf(channel).some((m) => m.ts === ts)).toBe(false);
    expect(JSON.stringify(state.snapshot())).not.toContain("psst");
    const seen = async (as: string) =>
      (await (await fetch(`${twin.url}/_twin/slack/ui/history?channel=${channel}&as=${as}`)).json()) as {
        ephemerals: { ts: string; text: string; is_ephemeral: boolean }[];
      };
    expect((await seen("alice")).ephemerals).toMatchObject([{ ts, text: "psst", is_ephemeral: true }]);
    expect((await seen("bob")).ephemerals).toEqual([]);
    await resetTwin(twin);
    expect(ephemeralsOf(state, channel, aliceId)).toEqual([]);
    expect((await seen("alice")).ephemerals).toEqual([]);
  });

  it("onType narrows, operations called in process emit too, and a throwing listener breaks nothing", async () => {
    const state = slackState(twin.kit);
    const texts: string[] = [];
    const off = state.events.onType("message_posted", (event) => texts.push(event.message.text));
    const broken = state.events.on(() => {
      throw new Error("listener bug");
    });
    const general = state.channelByName("general");
    if (!general) throw new Error("no #general");
    const aliceUser = state.findUser("alice");
    postMessage(state, { channel: general, author: { userId: aliceUser?.id ?? "" }, text: "from the UI" });
    expect((await bot.chat.postMessage({ channel: "general", text: "from the API" })).ok).toBe(true);
    expect(texts).toEqual(["from the UI", "from the API"]);
    off();
    broken();
    const history = await alice.conversations.history({ channel: general.id });
    expect(history.messages?.map((m) => m.text)).toEqual(["from the API", "from the UI"]);
  });
});

describe("Slack timestamps", () => {
  it("format and parse seconds.micros", () => {
    expect(formatTs(1_700_000_000_000_123)).toBe("1700000000.000123");
    expect(parseTs("1700000000.000123")).toBe(1_700_000_000_000_123);
    expect(parseTs("1700000000.5")).toBe(1_700_000_000_500_000);
    expect(parseTs("soon")).toBeUndefined();
  });

  it("never repeat or go back, even when the clock does", () => {
    let now = 2_000_000;
    const clock = new TsClock(() => now);
    const a = clock.next();
    now -= 1000;
    const b = clock.next();
    clock.observe("1999999999.000000");
    const c = clock.next();
    expect([a, b, c]).toEqual(["2000.000000", "2000.000001", "1999999999.000001"]);
  });
});
