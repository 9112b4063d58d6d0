// reactions.* and pins.* through the official WebClient.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { channelIdOf, collectPages, resetTwin, seedClients, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
let bob: WebClient;
let general: string;
let ts: string;
beforeAll(async () => {
  twin = await startSlackTwin();
  ({ bot, alice, bob } = seedClients(twin));
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  general = await channelIdOf(bot, "general");
  ts = (await bot.chat.postMessage({ channel: general, text: "react to me" })).ts ?? "";
});

describe("reactions", () => {
  it("adds, counts, gets and removes reactions", async () => {
    await alice.reactions.add({ channel: general, timestamp: ts, name: "thumbsup" });
    await bob.reactions.add({ channel: general, timestamp: ts, name: ":thumbsup:" });
    await bob.reactions.add({ channel: general, timestamp: ts, name: "tada" });
    const got = await bot.reactions.get({ channel: general, timestamp: ts });
    expect(got).toMatchObject({ type: "message", channel: general });
    expect(got.message?.reactions).toEqual([
      { name: "thumbsup", users: [expect.any(String), expect.any(String)], count: 2 },
      { name: "tada", users: [expect.any(String)], count: 1 },
    ]);
    expect(await slackErrorOf(alice.reactions.add({ channel: general, timestamp: ts, name: "thumbsup" }))).toBe(
      "already_reacted",
    );
    await bob.reactions.remove({ channel: general, timestamp: ts, name: "tada" });
    expect(await slackErrorOf(bob.reactions.remove({ channel: general, timestamp: ts, name: "tada" }))).toBe(
      "no_reaction",
    );
    const [message] = (await alice.conversations.history({ channel: general })).messages ?? [];
    expect(message.reactions?.map((r) => r.name)).toEqual(["thumbsup"]);
  });

  it("refuses bad items and names", async () => {
    expect(await slackErrorOf(alice.reactions.add({ channel: general, timestamp: "1.000001", name: "x" }))).toBe(
      "message_not_found",
    );
    expect(await slackErrorOf(alice.reactions.add({ channel: general, timestamp: ts, name: "Not An Emoji" }))).toBe(
      "invalid_name",
    );
    expect(await slackErrorOf(alice.apiCall("reactions.add", { name: "x" }))).toBe("no_item_specified");
  });

  it("reactions.list pages a user's reacted messages, newest first", async () => {
    const later = (await bot.chat.postMessage({ channel: general, text: "later" })).ts ?? "";
    await alice.reactions.add({ channel: general, timestamp: ts, name: "one" });
    await alice.reactions.add({ channel: general, timestamp: later, name: "two" });
    const walk = await collectPages<{ message: { text: string } }>(
      alice.paginate("reactions.list", { limit: 1 }),
      "items",
    );
    expect(walk.items.map((i) => i.message.text)).toEqual(["later", "react to me"]);
    expect((await bob.reactions.list({})).items).toEqual([]);
  });
});

describe("pins", () => {
  it("pins, lists and unpins messages; members only", async () => {
    await alice.pins.add({ channel: general, timestamp: ts });
    expect(await slackErrorOf(alice.pins.add({ channel: general, timestamp: ts }))).toBe("already_pinned");
    const list = await bob.pins.list({ channel: general });
    expect(list.items).toHaveLength(1);
    expect(list.items?.[0]).toMatchObject({ type: "message", channel: general, message: { ts, pinned_to: [general] } });
    const history = await alice.conversations.history({ channel: general });
    expect(history.pin_count).toBe(1);
    await alice.pins.remove({ channel: general, timestamp: ts });
    expect(await slackErrorOf(alice.pins.remove({ channel: general, timestamp: ts }))).toBe("not_pinned");
    expect((await bob.pins.list({ channel: general })).items).toEqual([]);
    const created = await alice.conversations.create({ name: "pins-here" });
    const own = (await alice.chat.postMessage({ channel: created.channel?.id ?? "", text: "x" })).ts ?? "";
    expect(await slackErrorOf(bob.pins.add({ channel: created.channel?.id ?? "", timestamp: own }))).toBe(
      "not_in_channel",
    );
  });
});
