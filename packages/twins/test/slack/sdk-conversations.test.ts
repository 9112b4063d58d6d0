// conversations.* through the official WebClient: channel lifecycle, membership, topics, DMs and
// group DMs, read marks, history windows, and cursor pagination that paginate() walks to the end.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { collectPages, resetTwin, seedClients, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
let bob: WebClient;
const ids: Record<string, string> = {};
beforeAll(async () => {
  twin = await startSlackTwin();
  ({ bot, alice, bob } = seedClients(twin));
  for (const user of (await bot.users.list({})).members ?? []) ids[user.name ?? ""] = user.id ?? "";
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  for (const channel of (await bot.conversations.list({})).channels ?? []) ids[`#${channel.name}`] = channel.id ?? "";
});

async function create(client: WebClient, name: string, isPrivate = false): Promise<string> {
  return (await client.conversations.create({ name, is_private: isPrivate })).channel?.id ?? "";
}

describe("channel lifecycle", () => {
  it("creates public and private channels the creator joins, and checks names", async () => {
    const created = await alice.conversations.create({ name: "launch" });
    expect(created.channel).toMatchObject({
      name: "launch",
      is_channel: true,
      is_private: false,
      is_member: true,
      creator: ids.alice,
    });
    const history = await alice.conversations.history({ channel: created.channel?.id ?? "" });
    expect(history.messages?.[0]).toMatchObject({ subtype: "channel_join", user: ids.alice });
    const secret = await alice.conversations.create({ name: "secret", is_private: true });
    expect(secret.channel).toMatchObject({ is_private: true, is_channel: true });
    expect(await slackErrorOf(alice.conversations.create({ name: "launch" }))).toBe("name_taken");
    expect(await slackErrorOf(alice.conversations.create({ name: "Bad Name" }))).toBe("invalid_name_specials");
    expect(await slackErrorOf(alice.conversations.create({ name: "" }))).toBe("invalid_name_required");
    expect(await slackErrorOf(alice.conversations.create({ name: "x".repeat(81) }))).toBe("invalid_name_maxlength");
  });

  it("renames, sets topic and purpose (with their system messages), archives and unarchives", async () => {
    const id = await create(alice, "old-name");
    const renamed = await alice.conversations.rename({ channel: id, name: "new-name" });
    expect(renamed.channel).toMatchObject({ name: "new-name", previous_names: ["old-name"] });
    expect(await slackErrorOf(alice.conversations.rename({ channel: id, name: "general" }))).toBe("name_taken");
    const topic = await alice.conversations.setTopic({ channel: id, topic: "Ship it" });
    expect(topic.channel?.topic).toMatchObject({ value: "Ship it", creator: ids.alice });
    await alice.conversations.setPurpose({ channel: id, purpose: "Launches" });
    expect(await slackErrorOf(alice.conversations.setTopic({ channel: id, topic: "t".repeat(251) }))).toBe("too_long");
    const info = await alice.conversations.info({ channel: id });
    expect(info.channel).toMatchObject({ topic: { value: "Ship it" }, purpose: { value: "Launches" } });
    const subtypes = (await alice.conversations.history({ channel: id })).messages?.map((m) => m.subtype);
    expect(subtypes).toEqual(["channel_purpose", "channel_topic", "channel_name", "channel_join"]);
    await alice.conversations.archive({ channel: id });
    expect((await alice.conversations.info({ channel: id })).channel?.is_archived).toBe(true);
    expect(await slackErrorOf(alice.conversations.archive({ channel: id }))).toBe("already_archived");
    expect(await slackErrorOf(bob.conversations.join({ channel: id }))).toBe("is_archived");
    await alice.conversations.unarchive({ channel: id });
    expect(await slackErrorOf(alice.conversations.unarchive({ channel: id }))).toBe("not_archived");
    expect(await slackErrorOf(alice.conversations.archive({ channel: ids["#general"] }))).toBe("cant_archive_general");
  });

  it("lists public channels by default, private ones to their members, and drops archived on request", async () => {
    const secret = await create(alice, "secret", true);
    const archived = await create(alice, "old");
    await alice.conversations.archive({ channel: archived });
    const names = async (client: WebClient, args: Record<string, unknown>) =>
      ((await client.conversations.list(args)).channels ?? []).map((c) => c.name).sort();
    expect(await names(bob, {})).toEqual(["general", "old", "random"]);
    expect(await names(bob, { types: "public_channel,private_channel", exclude_archived: true })).toEqual([
      "general",
      "random",
    ]);
    expect(await names(alice, { types: "private_channel" })).toEqual(["secret"]);
    expect(await slackErrorOf(bob.conversations.list({ types: "public_channel,nope" }))).toBe("invalid_types");
    expect(await slackErrorOf(bob.conversations.info({ channel: secret }))).toBe("channel_not_found");
  });
});

describe("membership", () => {
  it("joins (with already_in_channel as a warning), leaves, invites and kicks", async () => {
    const id = await create(alice, "team");
    const joined = await bob.conversations.join({ channel: id });
    expect(joined.channel?.is_member).toBe(true);
    const again = await bob.conversations.join({ channel: id });
    expect(again).toMatchObject({ ok: true, warning: "already_in_channel" });
    expect((await bob.conversations.leave({ channel: id })).ok).toBe(true);
    expect(await bob.conversations.leave({ channel: id })).toMatchObject({ ok: true, not_in_channel: true });
    expect(await slackErrorOf(bob.conversations.leave({ channel: ids["#general"] }))).toBe("cant_leave_general");
    await alice.conversations.invite({ channel: id, users: `${ids.bob},${ids.twinbot}` });
    const members = await alice.conversations.members({ channel: id });
    expect(members.members?.sort()).toEqual([ids.alice, ids.bob, ids.twinbot].sort());
    expect(await slackErrorOf(alice.conversations.invite({ channel: id, users: ids.bob }))).toBe("already_in_channel");
    expect(await slackErrorOf(alice.conversations.invite({ channel: id, users: ids.alice }))).toBe("cant_invite_self");
    expect(await slackErrorOf(alice.conversations.invite({ channel: id, users: "U404" }))).toBe("user_not_found");
    await alice.conversations.kick({ channel: id, user: ids.bob });
    expect(await slackErrorOf(alice.conversations.kick({ channel: id, user: ids.bob }))).toBe("not_in_channel");
    expect(await slackErrorOf(alice.conversations.kick({ channel: id, user: ids.alice }))).toBe("cant_kick_self");
    const kinds = (await alice.conversations.history({ channel: id })).messages?.map((m) => m.subtype);
    expect(kinds?.filter((k) => k === "channel_leave")).toHaveLength(2);
  });

  it("private channels cannot be joined and stay hidden from non-members", async () => {
    const id = await create(alice, "hidden", true);
    expect(await slackErrorOf(bob.conversations.join({ channel: id }))).toBe("channel_not_found");
    expect(await slackErrorOf(bob.conversations.history({ channel: id }))).toBe("channel_not_found");
  });

  it("bots read only the conversations they are in", async () => {
    const id = await create(alice, "no-bots");
    expect(await slackErrorOf(bot.conversations.history({ channel: id }))).toBe("not_in_channel");
    await bot.conversations.join({ channel: id });
    expect((await bot.conversations.history({ channel: id })).ok).toBe(true);
  });
});

describe("DMs and group DMs", () => {
  it("conversations.open finds or creates an im or mpim", async () => {
    const opened = await bot.conversations.open({ users: ids.alice });
    expect(opened.channel?.id).toMatch(/^D/);
    const again = await alice.conversations.open({ users: ids.twinbot, return_im: true });
    expect(again).toMatchObject({
      already_open: true,
      channel: { id: opened.channel?.id, is_im: true, user: ids.twinbot },
    });
    const group = await alice.conversations.open({ users: `${ids.bob},${ids.twinbot}` });
    const info = await alice.conversations.info({ channel: group.channel?.id ?? "" });
    expect(info.channel).toMatchObject({ is_mpim: true, is_private: true, name: "mpdm-alice--bob--twinbot-1" });
    const ims = await alice.conversations.list({ types: "im,mpim" });
    expect(ims.channels).toHaveLength(2);
    expect(await slackErrorOf(alice.conversations.join({ channel: opened.channel?.id ?? "" }))).toBe(
      "method_not_supported_for_channel_type",
    );
    expect(await slackErrorOf(alice.conversations.open({ users: "U404" }))).toBe("user_not_found");
  });
});

describe("read marks", () => {
  it("conversations.mark moves last_read, and unread counts follow", async () => {
    const first = await alice.chat.postMessage({ channel: ids["#general"], text: "one" });
    await alice.chat.postMessage({ channel: ids["#general"], text: "two" });
    await alice.chat.postMessage({ channel: ids["#general"], text: "three" });
    const before = await bob.conversations.info({ channel: ids["#general"] });
    expect(before.channel).toMatchObject({ unread_count: 3, unread_count_display: 3 });
    await bob.conversations.mark({ channel: ids["#general"], ts: first.ts ?? "" });
    const after = await bob.conversations.info({ channel: ids["#general"] });
    expect(after.channel).toMatchObject({ last_read: first.ts, unread_count: 2 });
    expect(await slackErrorOf(bob.conversations.mark({ channel: ids["#general"], ts: "soon" }))).toBe(
      "invalid_timestamp",
    );
  });
});

describe("history and pagination", () => {
  it("pages history newest first with next_cursor, and paginate() walks to the end", async () => {
    for (let i = 1; i <= 7; i++) await bot.chat.postMessage({ channel: ids["#general"], text: `m${i}` });
    const first = await alice.conversations.history({ channel: ids["#general"], limit: 3 });
    expect(first.messages?.map((m) => m.text)).toEqual(["m7", "m6", "m5"]);
    expect(first.has_more).toBe(true);
    expect(first.response_metadata?.next_cursor).not.toBe("");
    const second = await alice.conversations.history({
      channel: ids["#general"],
      limit: 3,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(second.messages?.map((m) => m.text)).toEqual(["m4", "m3", "m2"]);
    const walk = await collectPages<{ text: string }>(
      alice.paginate("conversations.history", { channel: ids["#general"], limit: 2 }),
      "messages",
    );
    expect(walk.pages).toBe(4);
    expect(walk.items.map((m) => m.text)).toEqual(["m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    const last = await alice.conversations.history({ channel: ids["#general"], limit: 10 });
    expect(last).toMatchObject({ has_more: false, response_metadata: { next_cursor: "" } });
    expect(await slackErrorOf(alice.conversations.history({ channel: ids["#general"], cursor: "bm9wZQ==" }))).toBe(
      "invalid_cursor",
    );
  });

  it("filters history by oldest, latest and inclusive", async () => {
    const stamps: string[] = [];
    for (let i = 1; i <= 4; i++) {
      stamps.push((await bot.chat.postMessage({ channel: ids["#general"], text: `m${i}` })).ts ?? "");
    }
    const window = async (args: Record<string, unknown>) =>
      ((await alice.conversations.history({ channel: ids["#general"], ...args })).messages ?? []).map((m) => m.text);
    expect(await window({ oldest: stamps[1] })).toEqual(["m4", "m3"]);
    expect(await window({ oldest: stamps[1], inclusive: true })).toEqual(["m4", "m3", "m2"]);
    expect(await window({ latest: stamps[2], oldest: stamps[0] })).toEqual(["m2"]);
    expect(await slackErrorOf(alice.conversations.history({ channel: ids["#general"], latest: "later" }))).toBe(
      "invalid_ts_latest",
    );
  });

  it("pages conversations.list and conversations.members with paginate()", async () => {
    for (let i = 0; i < 5; i++) await create(alice, `room-${i}`);
    const channels = await collectPages<{ name: string }>(bob.paginate("conversations.list", { limit: 2 }), "channels");
    expect(channels.pages).toBe(4);
    expect(channels.items.map((c) => c.name).sort()).toEqual([
      "general",
      "random",
      "room-0",
      "room-1",
      "room-2",
      "room-3",
      "room-4",
    ]);
    const members = await collectPages<string>(
      bob.paginate("conversations.members", { channel: ids["#general"], limit: 1 }),
      "members",
    );
    expect(members.items.sort()).toEqual([ids.alice, ids.bob, ids.twinbot].sort());
  });
});
