/**
 * The web UI's JSON endpoints under `/_twin/slack/ui/`: the workspace as one person sees it
 * (channels and DMs with unread counts, users), a conversation's history and threads, and the
 * person's actions (post, reply, react, read, join, open a DM, run a slash command, click a
 * message's button or choose in its select, submit or close a modal), made through the state
 * operations and the twin's event delivery so that apps and every open page hear of them. Objects are the
 * Web API's (same renderers). Each call names the person with `as` (handle or id; default the
 * first person). `history` answers the conversation's `messages` and, apart, the `ephemerals` only
 * the person sees (`is_ephemeral: true`). Refusals are HTTP 400 `{"ok":false,"error":"<Slack's error>"}`.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SlackArgs } from "../api/args.js";
import { canSee } from "../api/method.js";
import { SlackApiError, slackError } from "../errors.js";
import { appHomeOpened } from "../events/app-events.js";
import { outcomeBody } from "../events/interactivity-admin.js";
import type { SlackEvents } from "../events/slack-events.js";
import { conversationObject } from "../render/conversation.js";
import { messageObject } from "../render/message.js";
import { userObject } from "../render/user.js";
import { viewObject } from "../render/view.js";
import { isChannelLevel, joinChannel, markRead, openConversation } from "../state/channels.js";
import { addReaction, ephemeralsOf, findMessage, postMessage, removeReaction } from "../state/messages.js";
import type { SlackState } from "../state/slack-state.js";
import type { ChannelRecord, UserRecord } from "../state/types.js";
import { topModal } from "../state/views.js";

/** Prefix of the UI's endpoints. */
export const UI_API_PREFIX = "/_twin/slack/ui";

/** Most messages a history answer holds (the newest). */
const HISTORY_LIMIT = 200;

/** The people of the workspace (not bots, not deleted), in seed order. */
function people(state: SlackState): UserRecord[] {
  return [...state.users.values()].filter((u) => !u.isBot && !u.deleted);
}

/** The person `ref` names, or the first person. @throws SlackApiError `user_not_found`. */
function viewerOf(state: SlackState, ref: string | undefined): UserRecord {
  const user = ref === undefined ? people(state)[0] : state.findUser(ref);
  if (!user || user.isBot || user.deleted) throw slackError("user_not_found");
  return user;
}

/** A conversation `viewer` may see. @throws SlackApiError `channel_not_found`. */
function channelFor(state: SlackState, id: string, viewer: UserRecord): ChannelRecord {
  const channel = state.findChannel(id);
  if (!channel || !canSee(channel, viewer.id)) throw slackError("channel_not_found");
  return channel;
}

/** Registers the UI endpoints on `app` (the Slack twin's context). */
export function uiApiRoutes(app: FastifyInstance, state: SlackState, events: SlackEvents): void {
  type Answer = Record<string, unknown>;
  const route = (
    method: "GET" | "POST",
    path: string,
    answer: (args: SlackArgs, viewer: UserRecord, origin: string) => Answer | Promise<Answer>,
  ) =>
    app.route({
      method,
      url: `${UI_API_PREFIX}/${path}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const args = SlackArgs.from(request.query, request.body);
        try {
          const viewer = viewerOf(state, args.string("as"));
          return { ok: true, ...(await answer(args, viewer, `${request.protocol}://${request.host}`)) };
        } catch (error) {
          if (error instanceof SlackApiError) return reply.code(400).send(error.toBody());
          throw error;
        }
      },
    });

  route("GET", "workspace", (_args, viewer) => ({
    team: { id: state.team.id, name: state.team.name },
    me: viewer.id,
    people: people(state).map((u) => u.id),
    users: [...state.users.values()].map((u) => userObject(state, u)),
    channels: [...state.channels.values()]
      .filter((c) => canSee(c, viewer.id) && !c.isArchived)
      .map((c) => ({
        ...conversationObject(state, c, { viewer: viewer.id, readState: true }),
        members: [...c.members],
      })),
  }));

  route("GET", "history", (args, viewer, origin) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    const messages = state.messagesOf(channel.id).filter(isChannelLevel).slice(-HISTORY_LIMIT);
    const ephemerals = ephemeralsOf(state, channel.id, viewer.id);
    return {
      messages: messages.map((m) => messageObject(state, m, origin)),
      ephemerals: ephemerals.map((m) => ({ ...messageObject(state, m, origin), is_ephemeral: true })),
    };
  });

  route("GET", "replies", (args, viewer, origin) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    const root = findMessage(state, channel, args.required("ts"));
    const replies = state.repliesOf(channel.id, root.ts);
    return { messages: [root, ...replies].map((m) => messageObject(state, m, origin)) };
  });

  route("POST", "post", (args, viewer, origin) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    if (!channel.members.includes(viewer.id)) throw slackError("not_in_channel");
    const threadTs = args.string("thread_ts");
    const message = postMessage(state, {
      channel,
      author: { userId: viewer.id },
      text: args.required("text", "no_text"),
      ...(threadTs ? { threadTs } : {}),
    });
    return { message: messageObject(state, message, origin) };
  });

  route("POST", "react", (args, viewer) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    const ts = args.required("ts");
    const name = args.required("name");
    const given = findMessage(state, channel, ts).reactions.some((r) => r.name === name && r.users.includes(viewer.id));
    if (given) removeReaction(state, channel, ts, name, viewer.id);
    else addReaction(state, channel, ts, name, viewer.id);
    return { reacted: !given };
  });

  route("POST", "mark", (args, viewer) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    markRead(state, channel, viewer.id, args.required("ts"));
    return {};
  });

  route("POST", "join", (args, viewer) => {
    joinChannel(state, channelFor(state, args.required("channel"), viewer), viewer.id);
    return {};
  });

  route("POST", "open", (args, viewer) => {
    const other = state.findUser(args.required("user"));
    if (!other) throw slackError("user_not_found");
    const { channel } = openConversation(state, viewer.id, [other.id]);
    if (other.isBot) events.hub.offer([appHomeOpened(state, viewer.id, other.id, channel.id)]);
    return { channel: channel.id };
  });

  route("POST", "command", async (args, viewer, origin) => {
    const channel = channelFor(state, args.required("channel"), viewer);
    const [command, ...words] = args.required("text").split(" ");
    await events.commands.run({ command, text: words.join(" "), user: viewer, channel, origin });
    return {};
  });

  route("POST", "action", async (args, viewer, origin) => {
    const blockId = args.string("block_id");
    const value = args.string("value");
    await events.interactivity.blockAction({
      user: viewer,
      channel: channelFor(state, args.required("channel"), viewer),
      ts: args.required("ts"),
      actionId: args.required("action_id"),
      ...(blockId !== undefined ? { blockId } : {}),
      ...(value !== undefined ? { value } : {}),
      origin,
    });
    return {};
  });

  route("GET", "modal", (_args, viewer) => {
    const view = topModal(state, viewer.id);
    return { view: view ? viewObject(state, view) : null };
  });

  route("POST", "view-submit", async (args, viewer) => {
    const viewId = args.required("view_id");
    const values = args.jsonObject("values") ?? {};
    return outcomeBody(state, await events.interactivity.submitView({ user: viewer, viewId, values }));
  });

  route("POST", "view-close", async (args, viewer) => ({
    closed: await events.interactivity.closeModal(args.required("view_id"), viewer),
  }));
}
