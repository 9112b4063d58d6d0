/**
 * The web UI's live feed, `GET /_twin/slack/ui/feed` (server-sent events): each state change as a
 * small note telling open pages what to reload (a conversation and thread, the sidebar, a person's
 * modal, or everything after a reset), or the ephemeral message to show.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { messageObject } from "../render/message.js";
import type { SlackStateEvent } from "../state/events.js";
import type { SlackState } from "../state/slack-state.js";
import type { MessageRecord } from "../state/types.js";
import { UI_API_PREFIX } from "./ui-api.js";

/** What a page reloads after a change. */
export type UiNote =
  /** A message of `channel` changed or was added; `thread` is its thread's root, when in one. */
  | { type: "message"; channel: string; ts: string; thread?: string }
  /** Conversations, memberships or read marks changed: reload the sidebar. */
  | { type: "channels" }
  /**
   * A message only `user` sees (a slash command's response) was posted (`message`), replaced
   * (`message`) or deleted (`deleted`): pages of that person reload `channel`.
   */
  | { type: "ephemeral"; channel: string; user: string; ts: string; message?: Record<string, unknown>; deleted?: true }
  /** A modal of `user` was opened, pushed, updated or closed: that person's pages reload it. */
  | { type: "view"; user: string }
  /** The whole workspace was replaced. */
  | { type: "reset" };

/** How often an idle feed sends a comment line, in ms (keeps proxies from closing it). */
const HEARTBEAT_MS = 15_000;

function messageNote(channel: string, message: MessageRecord): UiNote {
  const thread = message.threadTs;
  return { type: "message", channel, ts: message.ts, ...(thread !== undefined ? { thread } : {}) };
}

/**
 * The note of a state change, or undefined when pages show nothing of it.
 * @param origin the twin's origin, for file URLs in messages.
 */
function uiNoteOf(state: SlackState, change: SlackStateEvent, origin: string): UiNote | undefined {
  switch (change.type) {
    case "message_posted":
    case "message_changed":
    case "reaction_added":
    case "reaction_removed":
    case "pin_added":
    case "pin_removed":
      return messageNote(change.channel.id, change.message);
    case "message_deleted":
      return messageNote(change.channel.id, change.previous);
    case "member_joined":
    case "member_left":
    case "channel_created":
    case "channel_renamed":
    case "channel_archived":
    case "channel_unarchived":
    case "channel_updated":
    case "channel_marked":
    case "presence_changed":
      return { type: "channels" };
    case "state_reset":
      return { type: "reset" };
    case "ephemeral_posted":
    case "ephemeral_changed":
      return {
        type: "ephemeral",
        channel: change.channel.id,
        user: change.user,
        ts: change.message.ts,
        message: messageObject(state, change.message, origin),
      };
    case "ephemeral_deleted":
      return {
        type: "ephemeral",
        channel: change.channel.id,
        user: change.user,
        ts: change.previous.ts,
        deleted: true,
      };
    case "file_created":
    case "file_shared":
    case "file_deleted":
      return undefined;
    case "view_opened":
    case "view_pushed":
    case "view_updated":
    case "view_closed":
      return change.view.type === "modal" ? { type: "view", user: change.view.userId } : undefined;
    case "view_published":
      return undefined;
    default: {
      const unknown: never = change;
      throw new Error(`unknown state event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Registers the feed on `app` (the Slack twin's context). */
export function uiFeedRoute(app: FastifyInstance, state: SlackState): void {
  app.get(`${UI_API_PREFIX}/feed`, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    raw.write(": connected\n\n");
    const origin = `${request.protocol}://${request.host}`;
    const unsubscribe = state.events.on((change) => {
      const note = uiNoteOf(state, change, origin);
      if (note) raw.write(`data: ${JSON.stringify(note)}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), HEARTBEAT_MS).unref();
    request.raw.once("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
