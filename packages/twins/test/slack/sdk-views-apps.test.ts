// views.* (stored modals and App Home tabs) and apps.connections.open through the official WebClient.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { slackState } from "../../src/index.js";
import { APP_TOKEN, resetTwin, slackClient, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let clockMs = Date.UTC(2026, 0, 15, 12);
beforeAll(async () => {
  twin = await startSlackTwin({ now: () => clockMs });
  bot = slackClient(twin);
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

async function trigger(user = "alice"): Promise<string> {
  const response = await fetch(`${twin.url}/_twin/slack/triggers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  return ((await response.json()) as { trigger_id: string }).trigger_id;
}

const modal = (title: string) => ({
  type: "modal" as const,
  callback_id: "form",
  title: { type: "plain_text" as const, text: title },
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: title } }],
});

describe("views", () => {
  it("opens, pushes and updates modals, and stores them", async () => {
    const opened = await bot.views.open({ trigger_id: await trigger(), view: modal("First") });
    expect(opened.view).toMatchObject({
      type: "modal",
      callback_id: "form",
      title: { text: "First" },
      state: { values: {} },
    });
    const id = opened.view?.id ?? "";
    expect(id).toMatch(/^V/);
    expect(opened.view?.root_view_id).toBe(id);
    const pushed = await bot.views.push({ trigger_id: await trigger(), view: modal("Second") });
    expect(pushed.view).toMatchObject({ previous_view_id: id, root_view_id: id });
    const updated = await bot.views.update({ view_id: id, view: modal("First, again"), hash: opened.view?.hash });
    expect(updated.view?.title?.text).toBe("First, again");
    expect(await slackErrorOf(bot.views.update({ view_id: id, view: modal("x"), hash: opened.view?.hash }))).toBe(
      "hash_conflict",
    );
    expect(await slackErrorOf(bot.views.update({ view_id: "V404", view: modal("x") }))).toBe("not_found");
    const stored = slackState(twin.kit).views.get(id);
    expect(stored?.view.title).toEqual({ type: "plain_text", text: "First, again" });
  });

  it("refuses unknown and expired trigger ids", async () => {
    expect(await slackErrorOf(bot.views.open({ trigger_id: "1.2.nope", view: modal("x") }))).toBe("invalid_trigger_id");
    const old = await trigger();
    clockMs += 3001;
    expect(await slackErrorOf(bot.views.open({ trigger_id: old, view: modal("x") }))).toBe("expired_trigger_id");
  });

  it("publishes one App Home per user, replaced on each publish", async () => {
    const aliceId = (await bot.users.info({ user: "alice" })).user?.id ?? "";
    const home = { type: "home" as const, blocks: [{ type: "divider" as const }] };
    const first = await bot.views.publish({ user_id: aliceId, view: home });
    const second = await bot.views.publish({ user_id: aliceId, view: { ...home, private_metadata: "v2" } });
    expect(second.view).toMatchObject({ id: first.view?.id, type: "home", private_metadata: "v2" });
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(await slackErrorOf(bot.views.publish({ user_id: "U404", view: home }))).toBe("user_not_found");
    expect(await slackErrorOf(bot.views.publish({ user_id: aliceId, view: { type: "home" } as never }))).toBe(
      "invalid_arguments",
    );
  });
});

describe("apps.connections.open", () => {
  it("gives an app-level token a WebSocket URL on the twin with a ticket", async () => {
    const result = await slackClient(twin, APP_TOKEN).apps.connections.open({});
    const url = new URL(result.url ?? "");
    expect(`${url.protocol}//${url.host}`).toBe(twin.url.replace("http", "ws"));
    expect(url.pathname).toBe("/link/");
    expect(url.searchParams.get("app_id")).toMatch(/^A/);
    expect(url.searchParams.get("ticket")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
