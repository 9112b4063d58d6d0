// users.*, team.info and bots.info through the official WebClient.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { ALICE_TOKEN, BOB_TOKEN, collectPages, slackClient, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
beforeAll(async () => {
  twin = await startSlackTwin({
    slack: {
      seed: {
        team: { id: "T1", name: "Acme", domain: "acme", emailDomain: "acme.test" },
        users: [
          {
            name: "alice",
            realName: "Alice Smith",
            email: "Alice@acme.test",
            tz: "Europe/Paris",
            admin: true,
            token: ALICE_TOKEN,
          },
          { name: "bob", token: BOB_TOKEN },
          ...Array.from({ length: 5 }, (_, i) => ({ name: `user${i}` })),
        ],
        apps: [{ name: "Acme Bot", botName: "acmebot", botToken: "xoxb-twin-bot" }],
        channels: [
          { name: "general", general: true },
          { name: "ops", members: ["alice"] },
          { name: "secret", type: "private", members: ["alice", "bob"] },
        ],
      },
    },
  });
  bot = slackClient(twin);
  alice = slackClient(twin, ALICE_TOKEN);
});
afterAll(() => twin.close());

describe("users", () => {
  it("users.list pages through everyone, bots included, with paginate()", async () => {
    const walk = await collectPages<{ name: string }>(bot.paginate("users.list", { limit: 3 }), "members");
    expect(walk.pages).toBe(3);
    expect(walk.items.map((u) => u.name).sort()).toEqual([
      "acmebot",
      "alice",
      "bob",
      "user0",
      "user1",
      "user2",
      "user3",
      "user4",
    ]);
  });

  it("users.info describes a user as Slack does", async () => {
    const { user } = await bot.users.info({ user: "alice" });
    expect(user).toMatchObject({
      name: "alice",
      team_id: "T1",
      real_name: "Alice Smith",
      tz: "Europe/Paris",
      is_admin: true,
      is_bot: false,
      deleted: false,
      profile: { real_name: "Alice Smith", email: "Alice@acme.test", first_name: "Alice", last_name: "Smith" },
    });
    expect([3600, 7200]).toContain(user?.tz_offset);
    const bots = await bot.users.info({ user: "acmebot" });
    expect(bots.user).toMatchObject({ is_bot: true, profile: { bot_id: expect.stringMatching(/^B/) } });
    expect(await slackErrorOf(bot.users.info({ user: "U404" }))).toBe("user_not_found");
  });

  it("users.lookupByEmail ignores case; users_not_found otherwise", async () => {
    expect((await bot.users.lookupByEmail({ email: "alice@ACME.test" })).user?.name).toBe("alice");
    expect(await slackErrorOf(bot.users.lookupByEmail({ email: "nobody@acme.test" }))).toBe("users_not_found");
  });

  it("users.conversations lists a user's conversations that the caller may see", async () => {
    const names = async (client: WebClient, args: Record<string, unknown>) =>
      ((await client.users.conversations(args)).channels ?? []).map((c) => c.name).sort();
    expect(await names(alice, { types: "public_channel,private_channel" })).toEqual(["general", "ops", "secret"]);
    const aliceId = (await bot.users.info({ user: "alice" })).user?.id;
    expect(await names(bot, { user: aliceId, types: "public_channel,private_channel" })).toEqual(["general", "ops"]);
  });

  it("users.profile.get, setPresence and getPresence", async () => {
    expect((await alice.users.profile.get({})).profile?.real_name).toBe("Alice Smith");
    expect((await alice.users.getPresence({})).presence).toBe("active");
    await alice.users.setPresence({ presence: "away" });
    expect(await alice.users.getPresence({})).toMatchObject({ presence: "away", manual_away: true });
    const aliceId = (await bot.users.info({ user: "alice" })).user?.id;
    expect(await bot.users.getPresence({ user: aliceId })).toMatchObject({ presence: "away" });
    expect(await slackErrorOf(alice.users.setPresence({ presence: "busy" as "away" }))).toBe("invalid_presence");
  });
});

describe("team and bots", () => {
  it("team.info describes the seeded team", async () => {
    const { team } = await bot.team.info({});
    expect(team).toMatchObject({
      id: "T1",
      name: "Acme",
      domain: "acme",
      email_domain: "acme.test",
      url: `${twin.url}/`,
    });
    expect(await slackErrorOf(bot.team.info({ team: "T2" }))).toBe("team_not_found");
  });

  it("bots.info describes the app's bot", async () => {
    const auth = await bot.auth.test();
    const { bot: info } = await bot.bots.info({ bot: auth.bot_id ?? "" });
    expect(info).toMatchObject({ id: auth.bot_id, name: "Acme Bot", user_id: auth.user_id, deleted: false });
    expect(info?.app_id).toMatch(/^A/);
    expect(await slackErrorOf(bot.bots.info({ bot: "B404" }))).toBe("bot_not_found");
  });
});
