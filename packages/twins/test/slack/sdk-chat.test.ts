// chat.* through the official WebClient: posts, Slack-like timestamps, threads and broadcasts,
// edits and deletes (tombstones), ephemeral messages, permalinks and scheduled messages.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { channelIdOf, resetTwin, seedClients, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
let bob: WebClient;
let clockMs = Date.UTC(2026, 0, 15, 12);
let general: string;
beforeAll(async () => {
  twin = await startSlackTwin({ now: () => clockMs });
  ({ bot, alice, bob } = seedClients(twin));
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  general = await channelIdOf(bot, "general");
});

async function history(channel = general) {
  return (await alice.conversations.history({ channel })).messages ?? [];
}

describe("chat.postMessage", () => {
  it("posts as the app's bot, by channel id or name, and answers the message", async () => {
    const posted = await bot.chat.postMessage({ channel: general, text: "hello" });
    expect(posted).toMatchObject({ ok: true, channel: general, message: { type: "message", text: "hello" } });
    expect(posted.message?.bot_id).toMatch(/^B/);
    expect(posted.message?.app_id).toMatch(/^A/);
    expect(posted.message?.bot_profile?.name).toBe("Twin App");
    const byName = await bot.chat.postMessage({ channel: "#general", text: "again" });
    expect(byName.channel).toBe(general);
    expect((await history()).map((m) => m.text)).toEqual(["again", "hello"]);
  });

  it("mints unique timestamps that sort as text and as numbers, even on a frozen clock", async () => {
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++) stamps.push((await bot.chat.postMessage({ channel: general, text: `m${i}` })).ts ?? "");
    for (const ts of stamps) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(new Set(stamps).size).toBe(5);
    expect([...stamps].sort()).toEqual(stamps);
    expect([...stamps].sort((a, b) => Number(a) - Number(b))).toEqual(stamps);
    expect(Number(stamps[0])).toBeCloseTo(clockMs / 1000, 0);
  });

  it("threads replies: reply_count, reply_users, latest_reply; replies stay out of history unless broadcast", async () => {
    const root = await bot.chat.postMessage({ channel: general, text: "root" });
    const first = await alice.chat.postMessage({ channel: general, text: "r1", thread_ts: root.ts });
    // A reply's ts names its thread too.
    const second = await bob.chat.postMessage({
      channel: general,
      text: "r2",
      thread_ts: first.ts ?? "",
      reply_broadcast: true,
    });
    expect(second.message).toMatchObject({ thread_ts: root.ts, subtype: "thread_broadcast" });
    const messages = await history();
    expect(messages.map((m) => m.text)).toEqual(["r2", "root"]);
    expect(messages[1]).toMatchObject({
      thread_ts: root.ts,
      reply_count: 2,
      reply_users_count: 2,
      latest_reply: second.ts,
    });
    expect(messages[1].reply_users).toHaveLength(2);
    const replies = await alice.conversations.replies({ channel: general, ts: root.ts ?? "" });
    expect(replies.messages?.map((m) => m.text)).toEqual(["root", "r1", "r2"]);
    expect(replies.messages?.[1]).toMatchObject({ thread_ts: root.ts, parent_user_id: posted(root) });
    expect(await slackErrorOf(bot.chat.postMessage({ channel: general, text: "x", thread_ts: "123.456" }))).toBe(
      "thread_not_found",
    );
  });

  it("refuses what Slack refuses", async () => {
    const created = await alice.conversations.create({ name: "alice-only" });
    const only = created.channel?.id ?? "";
    expect(await slackErrorOf(bob.chat.postMessage({ channel: only, text: "x" }))).toBe("not_in_channel");
    expect(await slackErrorOf(bob.chat.postMessage({ channel: "C404", text: "x" }))).toBe("channel_not_found");
    expect(await slackErrorOf(bot.chat.postMessage({ channel: general, text: "" }))).toBe("no_text");
    expect(await slackErrorOf(bot.chat.postMessage({ channel: general, text: "x".repeat(40_001) }))).toBe(
      "msg_too_long",
    );
    await alice.conversations.archive({ channel: only });
    expect(await slackErrorOf(alice.chat.postMessage({ channel: only, text: "x" }))).toBe("is_archived");
    const secret = await alice.conversations.create({ name: "secret", is_private: true });
    expect(await slackErrorOf(bob.chat.postMessage({ channel: secret.channel?.id ?? "", text: "x" }))).toBe(
      "channel_not_found",
    );
  });

  it("posts to a user id in the DM with that user, and lets bots set username and icon", async () => {
    const users = await bot.users.list({});
    const aliceId = users.members?.find((u) => u.name === "alice")?.id ?? "";
    const dm = await bot.chat.postMessage({
      channel: aliceId,
      text: "psst",
      username: "Helper",
      icon_emoji: ":robot:",
    });
    expect(dm.channel).toMatch(/^D/);
    expect(dm.message).toMatchObject({ username: "Helper", icons: { emoji: ":robot:" } });
    expect((await history(dm.channel)).map((m) => m.text)).toEqual(["psst"]);
  });
});

/** The author of a post. */
function posted(result: { message?: { user?: string } }): string | undefined {
  return result.message?.user;
}

describe("chat.update and chat.delete", () => {
  it("edits a message with an edited marker; only its author may", async () => {
    const original = await bot.chat.postMessage({ channel: general, text: "draft" });
    const updated = await bot.chat.update({ channel: general, ts: original.ts ?? "", text: "final" });
    expect(updated).toMatchObject({ channel: general, ts: original.ts, text: "final" });
    expect(updated.message?.edited?.user).toBe(posted(original));
    const [message] = await history();
    expect(message).toMatchObject({ text: "final", edited: { user: posted(original) } });
    expect(await slackErrorOf(alice.chat.update({ channel: general, ts: original.ts ?? "", text: "mine" }))).toBe(
      "cant_update_message",
    );
    expect(await slackErrorOf(bot.chat.update({ channel: general, ts: "1.000001", text: "x" }))).toBe(
      "message_not_found",
    );
  });

  it("deletes messages; a thread root with replies becomes a tombstone; admins may delete others'", async () => {
    const root = await bob.chat.postMessage({ channel: general, text: "root" });
    const reply = await bob.chat.postMessage({ channel: general, text: "reply", thread_ts: root.ts });
    const lone = await bob.chat.postMessage({ channel: general, text: "lone" });
    expect(await slackErrorOf(bot.chat.delete({ channel: general, ts: lone.ts ?? "" }))).toBe("cant_delete_message");
    await alice.chat.delete({ channel: general, ts: lone.ts ?? "" });
    await bob.chat.delete({ channel: general, ts: root.ts ?? "" });
    const [tombstone] = await history();
    expect(tombstone).toMatchObject({ subtype: "tombstone", text: "This message was deleted.", reply_count: 1 });
    await bob.chat.delete({ channel: general, ts: reply.ts ?? "" });
    const replies = await alice.conversations.replies({ channel: general, ts: root.ts ?? "" });
    expect(replies.messages?.[0].reply_count).toBeUndefined();
    expect(await slackErrorOf(bob.chat.delete({ channel: general, ts: lone.ts ?? "" }))).toBe("message_not_found");
  });
});

describe("ephemeral messages and permalinks", () => {
  it("chat.postEphemeral answers a message_ts and stores nothing", async () => {
    const users = await bot.users.list({});
    const bobId = users.members?.find((u) => u.name === "bob")?.id ?? "";
    const result = await bot.chat.postEphemeral({ channel: general, user: bobId, text: "only you" });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(await history()).toEqual([]);
    const created = await alice.conversations.create({ name: "no-bob" });
    expect(
      await slackErrorOf(bot.chat.postEphemeral({ channel: created.channel?.id ?? "", user: bobId, text: "x" })),
    ).toBe("user_not_in_channel");
  });

  it("chat.getPermalink points at the twin's archive URL", async () => {
    const root = await bot.chat.postMessage({ channel: general, text: "link me" });
    const reply = await bot.chat.postMessage({ channel: general, text: "reply", thread_ts: root.ts });
    const link = await bot.chat.getPermalink({ channel: general, message_ts: root.ts ?? "" });
    expect(link.permalink).toBe(`${twin.url}/archives/${general}/p${root.ts?.replace(".", "")}`);
    const replyLink = await bot.chat.getPermalink({ channel: general, message_ts: reply.ts ?? "" });
    expect(replyLink.permalink).toContain(`?thread_ts=${root.ts}&cid=${general}`);
    expect(await slackErrorOf(bot.chat.getPermalink({ channel: general, message_ts: "1.000002" }))).toBe(
      "message_not_found",
    );
  });
});

describe("chat.scheduleMessage", () => {
  it("schedules, lists, delivers at post_at, and deletes", async () => {
    const postAt = Math.floor(clockMs / 1000) + 60;
    const scheduled = await bot.chat.scheduleMessage({ channel: general, text: "later", post_at: postAt });
    expect(scheduled).toMatchObject({ ok: true, channel: general, post_at: postAt, message: { text: "later" } });
    expect(scheduled.scheduled_message_id).toMatch(/^Q/);
    const other = await bot.chat.scheduleMessage({ channel: general, text: "never", post_at: postAt + 600 });
    const list = await bot.chat.scheduledMessages.list({});
    expect(list.scheduled_messages?.map((m) => m.text)).toEqual(["later", "never"]);
    await bot.chat.deleteScheduledMessage({ channel: general, scheduled_message_id: other.scheduled_message_id ?? "" });
    expect(await slackErrorOf(bot.chat.scheduleMessage({ channel: general, text: "x", post_at: postAt - 120 }))).toBe(
      "time_in_past",
    );
    clockMs += 61_000;
    const deadline = Date.now() + 3000;
    while ((await history()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await history()).map((m) => m.text)).toEqual(["later"]);
    expect((await bot.chat.scheduledMessages.list({})).scheduled_messages).toEqual([]);
  });
});
