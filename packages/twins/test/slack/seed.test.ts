// Seeds: the default workspace of a bare start, YAML seeds with threads, reactions and pins, the
// admin API (state and a new seed), and errors that point at file:line:col.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { loadSlackSeed, ScriptError, startTwin } from "../../src/index.js";
import { ALICE_TOKEN, BOT_TOKEN, failureOf, slackClient, startSlackTwin } from "./helpers.js";

const SEED = `team: { id: T9, name: Seeded, domain: seeded }
users:
  - { name: dana, realName: Dana Scully, email: dana@x.test, token: xoxp-dana }
  - { name: fox }
apps:
  - { name: Bot, botName: bot, botToken: xoxb-bot, botScopes: [channels:read, channels:history, chat:write] }
channels:
  - { name: general, general: true, topic: Welcome }
  - { name: x-files, type: private, members: [dana, fox] }
  - { type: im, members: [dana, bot] }
messages:
  - { channel: general, user: dana, text: first, ts: "1700000000.000100", pinned: true }
  - { channel: general, user: fox, text: reply, ts: "1700000001.000000", threadTs: "1700000000.000100" }
  - { channel: general, user: bot, text: from the bot, reactions: [{ name: eyes, users: [dana, fox] }] }
`;

let twin: RunningTwin;
beforeAll(async () => {
  twin = await startSlackTwin({ slack: { seed: SEED } });
});
afterAll(() => twin.close());

describe("the default seed", () => {
  it("gives a bare start a team, two people and a bot with tokens", async () => {
    const bare = await startTwin("slack", { port: 0 });
    try {
      const client = slackClient(bare, BOT_TOKEN);
      expect((await client.auth.test()).team).toBe("Twin Workspace");
      const names = ((await client.users.list({})).members ?? []).map((u) => u.name).sort();
      expect(names).toEqual(["alice", "bob", "twinbot"]);
      const channels = ((await client.conversations.list({})).channels ?? []).map((c) => c.name).sort();
      expect(channels).toEqual(["general", "random"]);
      expect((await slackClient(bare, ALICE_TOKEN).auth.test()).user).toBe("alice");
    } finally {
      await bare.close();
    }
  });
});

describe("a YAML seed", () => {
  it("seeds users, channels of every kind, threads, reactions and pins", async () => {
    const dana = slackClient(twin, "xoxp-dana");
    const general = ((await dana.conversations.list({})).channels ?? []).find((c) => c.name === "general");
    expect(general?.topic?.value).toBe("Welcome");
    const history = await dana.conversations.history({ channel: general?.id ?? "" });
    expect(history.messages?.map((m) => m.text)).toEqual(["from the bot", "first"]);
    expect(history.messages?.[0]).toMatchObject({
      bot_id: expect.stringMatching(/^B/),
      reactions: [{ name: "eyes", count: 2 }],
    });
    expect(history.messages?.[1]).toMatchObject({
      reply_count: 1,
      latest_reply: "1700000001.000000",
      pinned_to: [general?.id],
    });
    const kinds = await dana.conversations.list({ types: "private_channel,im" });
    expect(kinds.channels?.map((c) => c.is_im ?? false).sort()).toEqual([false, true]);
    const narrow = slackClient(twin, "xoxb-bot");
    const im = kinds.channels?.find((c) => c.is_im)?.id ?? "";
    const error = await failureOf(narrow.conversations.history({ channel: im }));
    expect(error.data).toMatchObject({ error: "missing_scope", needed: "im:history" });
  });

  it("the admin API shows the state and takes a new seed", async () => {
    const state = (await (await fetch(`${twin.url}/_twin/slack/state`)).json()) as { team: { id: string } };
    expect(state.team.id).toBe("T9");
    const put = await fetch(`${twin.url}/_twin/slack/seed`, {
      method: "PUT",
      body: "users: [{ name: zed, token: xoxp-zed }]\nchannels: [{ name: lobby, general: true }]\n",
    });
    expect(await put.json()).toEqual({ ok: true, users: 1, channels: 1, tokens: 1 });
    expect((await slackClient(twin, "xoxp-zed").auth.test()).user).toBe("zed");
    const bad = await fetch(`${twin.url}/_twin/slack/seed`, { method: "PUT", body: "users: [{ nam: zed }]\n" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        type: "twin_admin_error",
        message:
          "<request body>:1:11: users[0].nam: unknown key 'nam' (expected one of: name, id, realName, displayName, email, title, tz, admin, owner, deleted, token, scopes)",
      },
    });
    await fetch(`${twin.url}/_twin/reset`, { method: "POST" });
    expect((await slackClient(twin, "xoxp-dana").auth.test()).user).toBe("dana");
  });
});

describe("seed errors", () => {
  const errorOf = (text: string): string => {
    try {
      loadSlackSeed(text, { file: "seed.yaml" });
    } catch (error) {
      expect(error).toBeInstanceOf(ScriptError);
      return (error as Error).message;
    }
    throw new Error("expected an invalid seed");
  };

  it("points at the line and column of what is wrong", () => {
    expect(errorOf("users:\n  - { name: a\n")).toMatch(/^seed\.yaml:3:1: /);
    expect(errorOf("users:\n  - name: a\n    admin: maybe\n")).toBe(
      "seed.yaml:3:12: users[0].admin: expected true or false",
    );
    expect(errorOf("users: [{ name: a }]\nchannels:\n  - { name: c, members: [a, b] }\n")).toBe(
      "seed.yaml:3:29: channels[0].members[1]: unknown user 'b'",
    );
    expect(errorOf("channels:\n  - { name: Has Space }\n")).toBe(
      "seed.yaml:2:13: channels[0].name: invalid channel name 'Has Space': invalid_name_specials",
    );
    expect(errorOf("users: [{ name: a }]\nchannels:\n  - { type: mpim, members: [a] }\n")).toBe(
      "seed.yaml:3:28: channels[0].members: mpim needs 3 to 9 members",
    );
    expect(
      errorOf(
        "users: [{ name: a }]\nchannels: [{ name: c }]\nmessages:\n  - { channel: c, user: a, text: x, ts: '1.1' }\n  - { channel: c, user: a, text: y, ts: '1.1' }\n",
      ),
    ).toBe("seed.yaml:5:41: messages[1].ts: duplicate ts '1.1' in this channel");
    expect(errorOf("teams: {}\n")).toMatch(/^seed\.yaml:1:1: teams: unknown key 'teams'/);
  });

  it("names the file for seed objects, and makes startTwin fail", async () => {
    expect(() => loadSlackSeed({ users: [{ name: "" }] }, { file: "code" })).toThrow("code: users[0]: missing 'name'");
    const failure = await startTwin("slack", { port: 0, slack: { seed: "users: 3\n", seedFile: "s.yaml" } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ScriptError);
    // The seed's own message, not wrapped in a listen error.
    expect((failure as Error).message).toBe("s.yaml:1:8: users: expected a list, got an integer");
  });
});
