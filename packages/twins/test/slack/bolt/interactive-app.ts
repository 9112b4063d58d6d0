// Interactivity with an unchanged @slack/bolt app, shared by the HTTP and Socket Mode tests: the app
// posts a message with a button and a select; a person clicks (admin API); app.action() gets Slack's
// block_actions payload, respond({replace_original}) replaces the message and views.open() opens a
// modal from the click's trigger_id; app.view() gets the submissions, answers the first with
// response_action "errors" (the modal stays open) and closes it on the second. A slash command acks
// with an ephemeral message holding buttons: clicking one gives block_actions with an ephemeral
// container, and respond() replaces (or deletes) that ephemeral message for its person only.
import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import { expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, slackClient } from "../helpers.js";
import { waitForMessage } from "./conversation.js";

/** What the app's listeners saw. */
export interface Seen {
  clicks: BlockAction[];
  submissions: { user: string; notes: string | null | undefined; callbackId: string }[];
}

const NOTES_MODAL = {
  type: "modal" as const,
  callback_id: "deploy_notes",
  title: { type: "plain_text" as const, text: "Deploy notes" },
  submit: { type: "plain_text" as const, text: "Save" },
  blocks: [
    {
      type: "input",
      block_id: "notes",
      label: { type: "plain_text" as const, text: "Notes" },
      element: { type: "plain_text_input", action_id: "text" },
    },
  ],
};

/** The message the app posts: a section with a select accessory, and an actions block with buttons. */
export const DEPLOY_BLOCKS = [
  {
    type: "section",
    block_id: "env_block",
    text: { type: "mrkdwn", text: "Deploy *v2.4.0*?" },
    accessory: {
      type: "static_select",
      action_id: "env",
      placeholder: { type: "plain_text", text: "Environment" },
      options: [
        { text: { type: "plain_text", text: "Staging" }, value: "staging" },
        { text: { type: "plain_text", text: "Production" }, value: "production" },
      ],
    },
  },
  {
    type: "actions",
    block_id: "decision",
    elements: [
      { type: "button", action_id: "approve", text: { type: "plain_text", text: "Approve" }, value: "v2.4.0" },
      { type: "button", action_id: "deny", text: { type: "plain_text", text: "Deny" }, style: "danger" },
    ],
  },
];

/** What `/release` acks with: a message only the person sees, with two buttons. */
const RELEASE_BLOCKS = [
  { type: "section", block_id: "ask", text: { type: "mrkdwn", text: "Release *v2.5.0*?" } },
  {
    type: "actions",
    block_id: "release_decision",
    elements: [
      { type: "button", action_id: "release_go", text: { type: "plain_text", text: "Go" }, value: "v2.5.0" },
      { type: "button", action_id: "release_cancel", text: { type: "plain_text", text: "Cancel" } },
    ],
  },
];

/** Adds the listeners of the scenario to `bolt`. */
export function addInteractiveListeners(bolt: App): Seen {
  const seen: Seen = { clicks: [], submissions: [] };
  bolt.command("/release", async ({ ack }) => {
    await ack({ text: "Release v2.5.0?", blocks: RELEASE_BLOCKS });
  });
  bolt.action<BlockAction<ButtonAction>>("release_go", async ({ ack, body, respond }) => {
    seen.clicks.push(body);
    await ack();
    await respond({ replace_original: true, text: "Done" });
  });
  bolt.action<BlockAction<ButtonAction>>("release_cancel", async ({ ack, body, respond }) => {
    seen.clicks.push(body);
    await ack();
    await respond({ delete_original: true });
  });
  bolt.action<BlockAction<ButtonAction>>("approve", async ({ ack, body, respond, client }) => {
    seen.clicks.push(body);
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
    await client.views.open({ trigger_id: body.trigger_id, view: NOTES_MODAL });
  });
  bolt.action<BlockAction<StaticSelectAction>>("env", async ({ ack, body, action, respond }) => {
    seen.clicks.push(body);
    await ack();
    await respond({ response_type: "in_channel", text: `Environment: ${action.selected_option.value}` });
  });
  bolt.view("deploy_notes", async ({ ack, body, view }) => {
    const notes = view.state.values.notes?.text?.value;
    if (!notes || notes.length < 5) {
      await ack({ response_action: "errors", errors: { notes: "Write at least 5 characters" } });
      return;
    }
    seen.submissions.push({ user: body.user.id, notes, callbackId: view.callback_id });
    await ack();
  });
  return seen;
}

/** POSTs `body` as JSON to the twin's admin route `path` and returns the status and answer. */
async function admin(twin: RunningTwin, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${twin.url}/_twin/slack${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** What `user` sees of `channel` in the web UI: the channel's messages and their ephemeral ones. */
async function seenBy(
  twin: RunningTwin,
  channel: string,
  user: string,
): Promise<{ messages: { ts: string }[]; ephemerals: Record<string, unknown>[] }> {
  const response = await fetch(`${twin.url}/_twin/slack/ui/history?channel=${channel}&as=${user}`);
  return (await response.json()) as { messages: { ts: string }[]; ephemerals: Record<string, unknown>[] };
}

/** Runs `/release` as alice in `channel` and returns the ephemeral message she got. */
async function runRelease(twin: RunningTwin, channel: string): Promise<Record<string, unknown>> {
  const before = (await seenBy(twin, channel, "alice")).ephemerals.length;
  const response = await fetch(`${twin.url}/_twin/slack/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command: "/release", text: "", user: "alice", channel }),
  });
  expect(await response.json()).toEqual({ ok: true });
  const { ephemerals } = await seenBy(twin, channel, "alice");
  expect(ephemerals).toHaveLength(before + 1);
  return ephemerals.at(-1)!;
}

/** Polls `read` until it returns a value. @throws after 5 s. */
async function eventually<T>(read: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The scenario's tests, against the twin `twin()` whose Bolt app listens as `addInteractiveListeners` set up. */
export function interactivityScenario(twin: () => RunningTwin, seen: () => Seen): void {
  const state = () => slackState(twin().kit);
  const alice = () => slackClient(twin(), ALICE_TOKEN);

  /** Posts the deploy message as the app's bot in #random. */
  async function postDeployMessage(): Promise<{ channel: string; ts: string }> {
    const channel = state().channelByName("random")!.id;
    const posted = await slackClient(twin()).chat.postMessage({
      channel,
      text: "Deploy v2.4.0?",
      blocks: DEPLOY_BLOCKS,
    });
    return { channel, ts: posted.ts! };
  }

  it("sends a button click as block_actions; respond() replaces the message; views.open() works", async () => {
    const { channel, ts } = await postDeployMessage();
    const click = await admin(twin(), "/actions", { user: "alice", channel: "random", ts, action_id: "approve" });
    expect(click).toEqual({ status: 200, json: { ok: true } });

    const aliceId = state().findUser("alice")!.id;
    const body = seen().clicks.at(-1)!;
    expect(body).toMatchObject({
      type: "block_actions",
      user: { id: aliceId, username: "alice", name: "alice", team_id: state().team.id },
      api_app_id: [...state().apps.values()][0].id,
      container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-z]+$/),
      team: { id: state().team.id, domain: state().team.domain },
      enterprise: null,
      channel: { id: channel, name: "random" },
      message: { ts, text: "Deploy v2.4.0?", blocks: DEPLOY_BLOCKS },
      state: { values: { env_block: { env: { type: "static_select", selected_option: null } } } },
      response_url: expect.stringMatching(/\/actions\/[0-9a-f-]{36}$/),
      actions: [
        {
          action_id: "approve",
          block_id: "decision",
          text: { type: "plain_text", text: "Approve", emoji: true },
          value: "v2.4.0",
          type: "button",
          action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
        },
      ],
    });

    const replaced = await waitForMessage(
      alice(),
      channel,
      (m) => m.ts === ts && m.text?.startsWith("Approved") === true,
    );
    expect(replaced.text).toBe(`Approved by <@${aliceId}>`);
    expect(replaced.blocks).toBeUndefined();

    const modal = await eventually(() =>
      [...state().views.values()].find((v) => v.view.callback_id === "deploy_notes"),
    );
    expect(modal).toMatchObject({ type: "modal", userId: aliceId });
  });

  it("app.view() answers errors (the modal stays open), then a valid submission closes it", async () => {
    const modal = [...state().views.values()].find((v) => v.view.callback_id === "deploy_notes")!;
    const submit = (notes: string) =>
      admin(twin(), `/views/${modal.id}/submit`, {
        user: "alice",
        values: { notes: { text: { type: "plain_text_input", value: notes } } },
      });

    expect(await submit("ok")).toEqual({
      status: 200,
      json: { ok: true, outcome: "errors", errors: { notes: "Write at least 5 characters" } },
    });
    expect(state().views.has(modal.id)).toBe(true);
    expect(seen().submissions).toEqual([]);

    expect(await submit("Rolled out to 10% first")).toEqual({ status: 200, json: { ok: true, outcome: "closed" } });
    expect(state().views.has(modal.id)).toBe(false);
    const aliceId = state().findUser("alice")!.id;
    expect(seen().submissions).toEqual([
      { user: aliceId, notes: "Rolled out to 10% first", callbackId: "deploy_notes" },
    ]);
  });

  it("sends a static select's choice; respond({response_type: in_channel}) posts in the channel", async () => {
    const { channel, ts } = await postDeployMessage();
    const choose = await admin(twin(), "/actions", {
      user: "alice",
      channel,
      ts,
      action_id: "env",
      value: "production",
    });
    expect(choose).toEqual({ status: 200, json: { ok: true } });
    const body = seen().clicks.at(-1)!;
    expect(body.actions[0]).toMatchObject({
      type: "static_select",
      action_id: "env",
      block_id: "env_block",
      selected_option: { text: { type: "plain_text", text: "Production" }, value: "production" },
    });
    expect(body.state?.values).toEqual({
      env_block: { env: { type: "static_select", selected_option: { text: expect.any(Object), value: "production" } } },
    });
    await waitForMessage(alice(), channel, (m) => m.text === "Environment: production");
    // The original message is untouched.
    expect(state().message(channel, ts)?.blocks).toEqual(DEPLOY_BLOCKS);
  });

  it("clicks a button of an ephemeral message; respond({replace_original}) replaces it for the person only", async () => {
    const channel = state().channelByName("random")!.id;
    const history = state()
      .messagesOf(channel)
      .map((m) => ({ ...m }));
    const shown = await runRelease(twin(), channel);
    expect(shown).toMatchObject({ text: "Release v2.5.0?", blocks: RELEASE_BLOCKS, is_ephemeral: true });
    const ts = shown.ts as string;
    // Only alice sees it, and the channel's history does not hold it.
    expect((await seenBy(twin(), channel, "bob")).ephemerals).toEqual([]);
    expect((await seenBy(twin(), channel, "alice")).messages.some((m) => m.ts === ts)).toBe(false);
    // bob cannot click it.
    const refused = await admin(twin(), "/actions", { user: "bob", channel, ts, action_id: "release_go" });
    expect(refused.status).toBe(400);

    const click = await admin(twin(), "/actions", { user: "alice", channel, ts, action_id: "release_go" });
    expect(click).toEqual({ status: 200, json: { ok: true } });
    const body = seen().clicks.at(-1)!;
    expect(body).toMatchObject({
      type: "block_actions",
      container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: true },
      channel: { id: channel, name: "random" },
      response_url: expect.stringMatching(/\/actions\/[0-9a-f-]{36}$/),
      actions: [{ action_id: "release_go", block_id: "release_decision", value: "v2.5.0", type: "button" }],
    });
    expect(body).not.toHaveProperty("message");

    const replaced = await eventually(async () => {
      const mine = (await seenBy(twin(), channel, "alice")).ephemerals.find((m) => m.ts === ts);
      return mine?.text === "Done" ? mine : undefined;
    });
    expect(replaced).toMatchObject({ ts, text: "Done", is_ephemeral: true });
    expect(replaced.blocks).toBeUndefined();
    expect(state().messagesOf(channel)).toEqual(history);
  });

  it("respond({delete_original}) from an ephemeral message's button deletes it", async () => {
    const channel = state().channelByName("random")!.id;
    const history = state()
      .messagesOf(channel)
      .map((m) => ({ ...m }));
    const ts = (await runRelease(twin(), channel)).ts as string;
    const click = await admin(twin(), "/actions", { user: "alice", channel, ts, action_id: "release_cancel" });
    expect(click).toEqual({ status: 200, json: { ok: true } });
    expect(seen().clicks.at(-1)?.container).toMatchObject({ message_ts: ts, is_ephemeral: true });
    await eventually(async () => {
      const { ephemerals } = await seenBy(twin(), channel, "alice");
      return ephemerals.some((m) => m.ts === ts) ? undefined : true;
    });
    expect(state().messagesOf(channel)).toEqual(history);
  });
}
