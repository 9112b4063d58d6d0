/**
 * Scheduled messages of the Slack twin's state (`chat.scheduleMessage`): stored until their
 * `post_at`, then posted by {@link deliverDueMessages} (the twin calls it every second).
 * @module
 */
import { slackError } from "../errors.js";
import { checkPostable, type MessageContent, postMessage } from "./messages.js";
import type { SlackState } from "./slack-state.js";
import type { Author, ChannelRecord, ScheduledMessageRecord } from "./types.js";

/** Furthest ahead a message may be scheduled, in seconds (Slack: 120 days). */
export const MAX_SCHEDULE_AHEAD_SECONDS = 120 * 24 * 3600;

/**
 * Schedules a message for `postAt` (epoch seconds).
 * @throws SlackApiError `time_in_past`, `time_too_far`, `is_archived`, `no_text`, `msg_too_long`.
 */
export function scheduleMessage(
  state: SlackState,
  input: Omit<MessageContent, "files" | "metadata"> & {
    channel: ChannelRecord;
    author: Author;
    postAt: number;
    threadTs?: string;
    replyBroadcast?: boolean;
  },
): ScheduledMessageRecord {
  const now = state.nowSeconds();
  if (input.postAt <= now) throw slackError("time_in_past");
  if (input.postAt > now + MAX_SCHEDULE_AHEAD_SECONDS) throw slackError("time_too_far");
  checkPostable(input.channel, input);
  const record: ScheduledMessageRecord = {
    id: state.mintId("Q"),
    channel: input.channel.id,
    postAt: input.postAt,
    dateCreated: now,
    text: input.text ?? "",
    author: input.author,
    ...(input.blocks ? { blocks: input.blocks } : {}),
    ...(input.attachments ? { attachments: input.attachments } : {}),
    ...(input.threadTs !== undefined ? { threadTs: input.threadTs } : {}),
    ...(input.replyBroadcast ? { replyBroadcast: true } : {}),
  };
  state.scheduled.set(record.id, record);
  state.touch("scheduled", record.id);
  return record;
}

/**
 * Deletes a scheduled message of `channel` before it is posted.
 * @throws SlackApiError `invalid_scheduled_message_id`.
 */
export function deleteScheduledMessage(state: SlackState, channel: string, id: string, userId: string): void {
  const record = state.scheduled.get(id);
  if (!record || record.channel !== channel || record.author.userId !== userId) {
    throw slackError("invalid_scheduled_message_id");
  }
  state.scheduled.delete(id);
  state.touch("scheduled", id);
}

/**
 * Posts every scheduled message whose time has come (emits `message_posted` for each). One whose
 * channel is gone or archived, or whose thread is gone, is dropped as Slack does.
 * @returns how many were posted.
 */
export function deliverDueMessages(state: SlackState): number {
  const now = state.nowSeconds();
  let posted = 0;
  for (const record of [...state.scheduled.values()].sort((a, b) => a.postAt - b.postAt)) {
    if (record.postAt > now) continue;
    state.scheduled.delete(record.id);
    state.touch("scheduled", record.id);
    const channel = state.findChannel(record.channel);
    if (!channel) continue;
    try {
      postMessage(state, {
        channel,
        author: record.author,
        text: record.text,
        ...(record.blocks ? { blocks: record.blocks } : {}),
        ...(record.attachments ? { attachments: record.attachments } : {}),
        ...(record.threadTs !== undefined ? { threadTs: record.threadTs } : {}),
        ...(record.replyBroadcast ? { replyBroadcast: true } : {}),
      });
      posted++;
    } catch {
      // Slack drops a scheduled message it can no longer post (archived channel, thread gone).
    }
  }
  return posted;
}
