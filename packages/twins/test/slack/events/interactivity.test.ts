// Interactivity on the wire, seen by a stand-in app: block_actions POSTed form-encoded
// (`payload=<json>`) and signed to the app's interactivity URL, the response_url's
// replace_original / delete_original / ephemeral answers, and view_submission / view_closed with
// every response_action (errors, update, push, clear, and an empty ack).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningTwin, type SlackSeed, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, BOB_TOKEN, slackClient, startSlackTwin } from "../helpers.js";
import { type AppReceiver, expectedSignature, type Received, startAppReceiver } from "./app-receiver.js";

const SECRET = "buttons-secret";

let twin: RunningTwin;
let events: AppReceiver;
let interactions: AppReceiver;
let ids: { app: string; alice: string; general: string };

function seed(eventsUrl: string, interactivityUrl: string): SlackSeed {
  return {
    team: { id: "T0INTER01", name: "Inter", domain: "inter" },
    users: [
      { name: "alice", token: ALICE_TOKEN, admin: true },
      { name: "bob", token: BOB_TOKEN },
    ],
    apps: [
      {
        name: "Buttons",
        botName: "buttons",
        botToken: "xoxb-buttons",
        signingSecret: SECRET,
        requestUrl: eventsUrl,
        interactivityUrl,
      },
    ],
    channels: [{ name: "general", general: true }],
  };
}

beforeAll(async () => {
  [events, interactions] = await Promise.all([startAppReceiver(), startAppReceiver()]);
  twin = await startSlackTwin({ slack: { seed: seed(events.url, interactions.url.replace("events", "interactive")) } });
  const state = slackState(twin.kit);
  ids = {
    app: [...state.apps.values()][0].id,
    alice: state.findUser("alice")!.id,
    general: state.channelByName("general")!.id,
  };
});
afterAll(async () => {
  await twin.close();
  await Promise.all([events.close(), interactions.close()]);
});
beforeEach(() => {
  interactions.answer = () => ({});
});

const bot = () => slackClient(twin, "xoxb-buttons");

/** POSTs `body` to the admin route `path`. */
async function admin(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${twin.url}/_twin/slack${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The JSON payload of a form-encoded interaction request. */
function payloadOf(request: Received): Record<string, unknown> & { type: string } {
  return JSON.parse(String(request.body.payload));
}

/** The next interaction request of `type`. */
function nextInteraction(type: string): Promise<Record<string, unknown> & { type: string }> {
  const from = interactions.received.length;
  return interactions.waitFor((r) => payloadOf(r).type === type, from).then(payloadOf);
}

async function postButtons(text = "Pick one"): Promise<string> {
  const posted = await bot().chat.postMessage({
    channel: ids.general,
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      { type: "actions", elements: [{ type: "button", action_id: "go", text: { type: "plain_text", text: "Go" } }] },
    ],
  });
  return posted.ts!;
}

async function click(ts: string, extra: Record<string, unknown> = {}) {
  return admin("/actions", { user: "alice", channel: "general", ts, action_id: "go", ...extra });
}

describe("block_actions", () => {
  it("is POSTed form-encoded and signed to the interactivity URL, fields in Slack's order", async () => {
    const ts = await postButtons();
    const sent = interactions.waitFor((r) => r.raw.startsWith("payload="), interactions.received.length);
    expect(await click(ts)).toEqual({ status: 200, json: { ok: true } });
    const request = await sent;
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const timestamp = String(request.headers["x-slack-request-timestamp"]);
    expect(request.headers["x-slack-signature"]).toBe(expectedSignature(SECRET, timestamp, request.raw));
    const payload = payloadOf(request);
    expect(Object.keys(payload)).toEqual([
      "type",
      "user",
      "api_app_id",
      "token",
      "container",
      "trigger_id",
      "team",
      "enterprise",
      "is_enterprise_install",
      "channel",
      "message",
      "state",
      "response_url",
      "actions",
    ]);
    const actions = payload.actions as Record<string, unknown>[];
    // Slack fills in the block ids the app left out; the same one every time.
    expect(actions[0].block_id).toMatch(/^[\w-]{5}$/);
    expect(actions[0]).toMatchObject({ action_id: "go", type: "button", text: { text: "Go", emoji: true } });
    expect(payload.user).toEqual({ id: ids.alice, username: "alice", name: "alice", team_id: "T0INTER01" });
    expect(events.received.some((r) => r.raw.startsWith("payload="))).toBe(false);
    const deliveries = await fetch(`${twin.url}/_twin/slack/events/deliveries?type=block_actions`);
    const { deliveries: list } = (await deliveries.json()) as { deliveries: { url: string; outcome: string }[] };
    expect(list.at(-1)).toMatchObject({ url: interactions.url.replace("events", "interactive"), outcome: "delivered" });
  });

  it("gives a trigger_id that views.open takes", async () => {
    const ts = await postButtons();
    const sent = nextInteraction("block_actions");
    await click(ts);
    const { trigger_id: trigger } = await sent;
    const opened = await bot().views.open({
      trigger_id: String(trigger),
      view: { type: "modal", title: { type: "plain_text", text: "Hi" }, blocks: [] },
    });
    expect(slackState(twin.kit).views.get(opened.view!.id!)?.userId).toBe(ids.alice);
    await admin(`/views/${opened.view!.id}/close`, { user: "alice" });
  });

  it("has a response_url that replaces, deletes, or answers the person only", async () => {
    const state = slackState(twin.kit);
    const ts = await postButtons("Original");
    const sent = nextInteraction("block_actions");
    await click(ts);
    const url = String((await sent).response_url);
    const post = (body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    const ephemeral = new Promise<string>((resolve) => {
      const off = state.events.onType("ephemeral_posted", (e) => {
        off();
        resolve(`${e.user}: ${e.message.text}`);
      });
    });
    expect((await post({ text: "Only you can see this" })).status).toBe(200);
    expect(await ephemeral).toBe(`${ids.alice}: Only you can see this`);

    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "Done" } }];
    expect((await post({ replace_original: "true", text: "Done", blocks })).status).toBe(200);
    expect(state.message(ids.general, ts)).toMatchObject({ text: "Done", blocks });

    expect((await post({ delete_original: true })).status).toBe(200);
    expect(state.message(ids.general, ts)).toBeUndefined();
    // A deleted original cannot be replaced.
    expect(await (await post({ replace_original: true, text: "x" })).json()).toEqual({
      ok: false,
      error: "message_not_found",
    });
  });

  it("refuses clicks on unknown elements, on people's messages, and when the app does not answer", async () => {
    const ts = await postButtons();
    expect(await click(ts, { action_id: "nope" })).toEqual({
      status: 400,
      json: { error: { type: "twin_admin_error", message: "block action failed: action_not_found" } },
    });
    const own = await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: ids.general, text: "mine" });
    expect((await click(own.ts!)).json).toMatchObject({ error: { message: "block action failed: not_interactive" } });
    interactions.answer = () => ({ status: 500 });
    expect((await click(ts)).json).toMatchObject({ error: { message: "block action failed: dispatch_failed" } });
  });
});

describe("view_submission and view_closed", () => {
  const modal = (title: string, extra: Record<string, unknown> = {}) => ({
    type: "modal" as const,
    callback_id: "form",
    title: { type: "plain_text" as const, text: title },
    submit: { type: "plain_text" as const, text: "Send" },
    blocks: [],
    ...extra,
  });

  async function openModal(view = modal("Form")): Promise<string> {
    const { json } = await admin("/triggers", { user: "alice" });
    const opened = await bot().views.open({ trigger_id: String(json.trigger_id), view });
    return opened.view!.id!;
  }

  const submit = (id: string, values: Record<string, unknown> = {}, user = "alice") =>
    admin(`/views/${id}/submit`, { user, values });
  const answerWith = (body: unknown) => {
    interactions.answer = () => ({ body: JSON.stringify(body) });
  };

  it("sends the values; an empty ack closes the modal", async () => {
    const id = await openModal(modal("Form", { private_metadata: "m-1" }));
    const sent = nextInteraction("view_submission");
    const values = { name: { value: { type: "plain_text_input", value: "Ada" } } };
    expect(await submit(id, values)).toEqual({ status: 200, json: { ok: true, outcome: "closed" } });
    const payload = await sent;
    expect(payload).toMatchObject({
      team: { id: "T0INTER01", domain: "inter" },
      user: { id: ids.alice, username: "alice" },
      api_app_id: ids.app,
      trigger_id: expect.any(String),
      view: { id, callback_id: "form", private_metadata: "m-1", state: { values }, app_id: ids.app },
      response_urls: [],
    });
    expect(slackState(twin.kit).views.has(id)).toBe(false);
  });

  it("keeps the modal open on errors, updates it, pushes one, and clears the stack", async () => {
    const id = await openModal();
    answerWith({ response_action: "errors", errors: { name: "Required" } });
    expect((await submit(id)).json).toEqual({ ok: true, outcome: "errors", errors: { name: "Required" } });
    expect(slackState(twin.kit).views.has(id)).toBe(true);

    answerWith({ response_action: "update", view: modal("Step 2") });
    const updated = await submit(id);
    expect(updated.json).toMatchObject({ outcome: "updated", view: { id, title: { text: "Step 2" } } });

    answerWith({ response_action: "push", view: modal("Step 3") });
    const pushed = (await submit(id)).json as { view: { id: string; previous_view_id: string; root_view_id: string } };
    expect(pushed.view).toMatchObject({ previous_view_id: id, root_view_id: id });
    // Only the modal on top can be submitted.
    expect((await submit(id)).json).toMatchObject({ error: { message: "view submission failed: view_not_found" } });
    expect((await submit(pushed.view.id, {}, "bob")).json).toMatchObject({
      error: { message: "view submission failed: view_not_found" },
    });

    answerWith({ response_action: "clear" });
    expect((await submit(pushed.view.id)).json).toEqual({ ok: true, outcome: "cleared" });
    expect(slackState(twin.kit).views.has(id)).toBe(false);
    expect(slackState(twin.kit).views.has(pushed.view.id)).toBe(false);
  });

  it("an empty ack on a pushed modal shows the one under it again", async () => {
    const id = await openModal();
    answerWith({ response_action: "push", view: modal("On top") });
    const top = ((await submit(id)).json as { view: { id: string } }).view.id;
    answerWith("");
    expect((await submit(top)).json).toEqual({ ok: true, outcome: "closed" });
    const state = slackState(twin.kit);
    expect([state.views.has(id), state.views.has(top)]).toEqual([true, false]);
    expect((await admin(`/views/${id}/close`, { user: "alice" })).json).toEqual({ ok: true, closed: [id] });
  });

  it("sends view_closed when the modal asks for it", async () => {
    const quiet = await openModal();
    const before = interactions.received.length;
    expect((await admin(`/views/${quiet}/close`, { user: "alice" })).json).toEqual({ ok: true, closed: [quiet] });
    expect(interactions.received.length).toBe(before);

    const id = await openModal(modal("Tell me", { notify_on_close: true }));
    const sent = nextInteraction("view_closed");
    expect((await admin(`/views/${id}/close`, { user: "alice", all: true })).json).toEqual({ ok: true, closed: [id] });
    expect(await sent).toMatchObject({
      type: "view_closed",
      user: { id: ids.alice },
      view: { id, notify_on_close: true },
      is_cleared: true,
    });
  });
});
