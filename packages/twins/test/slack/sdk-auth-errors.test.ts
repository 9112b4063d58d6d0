// Tokens, scopes and Slack's error bodies as the official @slack/web-api WebClient sees them
// (`slack_webapi_platform_error` with `data.error`), and the raw wire: form, JSON and GET calls,
// the token in the body, and Slack's headers.
import { ErrorCode } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { ALICE_TOKEN, APP_TOKEN, BOT_TOKEN, failureOf, slackClient, slackErrorOf, startSlackTwin } from "./helpers.js";

const SEED = `
users:
  - { name: alice, token: xoxp-alice }
  - { name: gone, deleted: true, token: xoxp-gone }
apps:
  - { name: Narrow, botName: narrow, botToken: xoxb-narrow, botScopes: [channels:read] }
  - { name: Full, botName: full, botToken: xoxb-full, appToken: xapp-full }
channels:
  - { name: general, general: true }
`;

let twin: RunningTwin;
let seeded: RunningTwin;
beforeAll(async () => {
  twin = await startSlackTwin();
  seeded = await startSlackTwin({ slack: { seed: SEED } });
});
afterAll(async () => {
  await twin.close();
  await seeded.close();
});

describe("auth.test", () => {
  it("names the bot, its bot id, the team and the twin's URL for a bot token", async () => {
    const result = await slackClient(twin, BOT_TOKEN).auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: `${twin.url}/`,
      team: "Twin Workspace",
      user: "twinbot",
      team_id: "T0TWIN001",
      is_enterprise_install: false,
    });
    expect(result.user_id).toMatch(/^U[0-9A-Z]+$/);
    expect(result.bot_id).toMatch(/^B[0-9A-Z]+$/);
  });

  it("names the person (and no bot) for a user token", async () => {
    const result = await slackClient(twin, ALICE_TOKEN).auth.test();
    expect(result.user).toBe("alice");
    expect(result.bot_id).toBeUndefined();
  });
});

describe("refusals", () => {
  it("no token is not_authed and an unknown one invalid_auth, as platform errors", async () => {
    const error = await failureOf(slackClient(twin, "").auth.test());
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: "not_authed" });
    expect(await slackErrorOf(slackClient(twin, "xoxb-nope").auth.test())).toBe("invalid_auth");
  });

  it("a token of a deactivated user is account_inactive", async () => {
    expect(await slackErrorOf(slackClient(seeded, "xoxp-gone").auth.test())).toBe("account_inactive");
  });

  it("a missing scope is missing_scope with needed and provided", async () => {
    const error = await failureOf(
      slackClient(seeded, "xoxb-narrow").chat.postMessage({ channel: "general", text: "x" }),
    );
    expect(error.data).toMatchObject({
      ok: false,
      error: "missing_scope",
      needed: "chat:write",
      provided: "channels:read",
    });
    const history = await failureOf(slackClient(seeded, "xoxb-narrow").users.list({}));
    expect(history.data).toMatchObject({ error: "missing_scope", needed: "users:read" });
  });

  it("scopes follow the conversation type", async () => {
    const narrow = slackClient(seeded, "xoxb-narrow");
    expect((await narrow.conversations.list({})).ok).toBe(true);
    const error = await failureOf(narrow.conversations.list({ types: "public_channel,private_channel" }));
    expect(error.data).toMatchObject({ error: "missing_scope", needed: "groups:read" });
  });

  it("a missing argument is invalid_arguments with response_metadata.messages", async () => {
    const error = await failureOf(slackClient(twin).apiCall("files.getUploadURLExternal", { length: 3 }));
    expect(error.data).toMatchObject({
      ok: false,
      error: "invalid_arguments",
      response_metadata: { messages: ["[ERROR] missing required field: filename"] },
    });
  });

  it("an unknown method is unknown_method", async () => {
    const error = await failureOf(slackClient(twin).apiCall("chat.teleport", {}));
    expect(error.data).toMatchObject({ ok: false, error: "unknown_method", req_method: "chat.teleport" });
  });

  it("a token of the wrong kind is not_allowed_token_type", async () => {
    expect(await slackErrorOf(slackClient(twin, BOT_TOKEN).apps.connections.open({}))).toBe("not_allowed_token_type");
    expect(await slackErrorOf(slackClient(twin, APP_TOKEN).auth.test())).toBe("not_allowed_token_type");
    const view = { type: "home" as const, blocks: [] };
    expect(await slackErrorOf(slackClient(twin, ALICE_TOKEN).views.publish({ user_id: "alice", view }))).toBe(
      "not_allowed_token_type",
    );
  });
});

describe("the wire", () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${twin.url}/api/auth.test`, { method: "POST", headers, body });

  it("takes the token from a form field, answers JSON with Slack's headers", async () => {
    const response = await post(`token=${BOT_TOKEN}`, { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-slack-req-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers.get("x-oauth-scopes")).toContain("chat:write");
    expect(await response.json()).toMatchObject({ ok: true, user: "twinbot" });
  });

  it("takes JSON bodies with a bearer token, and GET with the query", async () => {
    const json = await fetch(`${twin.url}/api/chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${BOT_TOKEN}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: "general", text: "json", blocks: [{ type: "divider" }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, message: { text: "json", blocks: [{ type: "divider" }] } });
    const get = await fetch(`${twin.url}/api/users.info?token=${BOT_TOKEN}&user=alice`);
    expect(await get.json()).toMatchObject({ ok: true, user: { name: "alice" } });
  });

  it("answers unreadable JSON with invalid_json, HTTP 200", async () => {
    const response = await fetch(`${twin.url}/api/auth.test`, {
      method: "POST",
      headers: { authorization: `Bearer ${BOT_TOKEN}`, "content-type": "application/json" },
      body: "{nope",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: "invalid_json" });
  });
});
