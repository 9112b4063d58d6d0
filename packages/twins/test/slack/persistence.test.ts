// Persistence to a SQLite file: a twin restarted on the same file finds its workspace (messages,
// threads, reactions, channels, files and their bytes, the ts clock) as it left it; the file wins
// over the seed; a reset goes back to the seed, on disk too.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { ALICE_TOKEN, resetTwin, slackClient, startSlackTwin } from "./helpers.js";

let dir: string;
let database: string;
const running: RunningTwin[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "slack-twin-"));
  database = path.join(dir, "slack.db");
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(seed?: string): Promise<{ twin: RunningTwin; bot: WebClient; alice: WebClient }> {
  const twin = await startSlackTwin({ slack: { database, ...(seed ? { seed } : {}) } });
  running.push(twin);
  return { twin, bot: slackClient(twin), alice: slackClient(twin, ALICE_TOKEN) };
}

async function channelId(client: WebClient, name: string): Promise<string> {
  const list = await client.conversations.list({ types: "public_channel,private_channel" });
  return list.channels?.find((c) => c.name === name)?.id ?? "";
}

describe("a SQLite database", () => {
  it("keeps the workspace across a restart", async () => {
    const first = await start();
    const general = await channelId(first.bot, "general");
    const root = await first.bot.chat.postMessage({ channel: general, text: "root" });
    await first.alice.chat.postMessage({ channel: general, text: "reply", thread_ts: root.ts });
    await first.alice.reactions.add({ channel: general, timestamp: root.ts ?? "", name: "eyes" });
    const created = await first.alice.conversations.create({ name: "kept", is_private: true });
    await first.alice.conversations.setTopic({ channel: created.channel?.id ?? "", topic: "persisted" });
    await first.bot.filesUploadV2({ channel_id: general, content: "bytes on disk", filename: "disk.txt" });
    await first.twin.close();

    const second = await start("users: [{ name: someone-else }]");
    const history = await second.alice.conversations.history({ channel: general });
    expect(history.messages?.map((m) => m.text)).toEqual(["", "root"]);
    expect(history.messages?.[1]).toMatchObject({ reply_count: 1, reactions: [{ name: "eyes", count: 1 }] });
    const kept = await second.alice.conversations.info({ channel: created.channel?.id ?? "" });
    expect(kept.channel).toMatchObject({ name: "kept", is_private: true, topic: { value: "persisted" } });
    const [file] = (await second.alice.files.list({})).files ?? [];
    expect(await (await fetch(file.url_private ?? "")).text()).toBe("bytes on disk");
    const later = await second.bot.chat.postMessage({ channel: general, text: "after restart" });
    expect(Number(later.ts)).toBeGreaterThan(Number(root.ts));
    const newChannel = await second.alice.conversations.create({ name: "fresh" });
    expect(newChannel.channel?.id).not.toBe(created.channel?.id);
  });

  it("a reset goes back to the seed, on disk too", async () => {
    const first = await start();
    await first.alice.conversations.create({ name: "temporary" });
    await resetTwin(first.twin);
    await first.twin.close();
    const second = await start();
    expect(await channelId(second.alice, "temporary")).toBe("");
    expect(await channelId(second.alice, "general")).not.toBe("");
  });
});
