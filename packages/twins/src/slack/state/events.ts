/**
 * State events of the Slack twin: what changed in the workspace, emitted synchronously after each
 * change (Web API calls, the admin API, scheduled deliveries). The Events API, Socket Mode and the
 * web UI consume them.
 * @module
 */
import type { ChannelRecord, FileRecord, MessageRecord, PinRecord, UserRecord, ViewRecord } from "./types.js";

/**
 * A change of the workspace. Records are the live state at emit time: listeners must not mutate
 * them, and should copy or serialize what they keep past the call.
 */
export type SlackStateEvent =
  /** A message was posted (top-level, thread reply, or a `channel_join`/`channel_topic`... subtype). */
  | { type: "message_posted"; channel: ChannelRecord; message: MessageRecord }
  /** `chat.update`. */
  | { type: "message_changed"; channel: ChannelRecord; message: MessageRecord; previous: MessageRecord }
  /** `chat.delete`; `tombstone` is what replaced a thread root that still has replies. */
  | { type: "message_deleted"; channel: ChannelRecord; previous: MessageRecord; tombstone?: MessageRecord }
  /** `chat.postEphemeral` (or a slash command's answer): shown to `user` only, kept in memory only. */
  | { type: "ephemeral_posted"; channel: ChannelRecord; user: string; message: MessageRecord }
  /** An ephemeral message of `user` replaced (`replace_original` of a `response_url`). */
  | { type: "ephemeral_changed"; channel: ChannelRecord; user: string; message: MessageRecord }
  /** An ephemeral message of `user` deleted (`delete_original` of a `response_url`). */
  | { type: "ephemeral_deleted"; channel: ChannelRecord; user: string; previous: MessageRecord }
  | { type: "reaction_added"; channel: ChannelRecord; message: MessageRecord; reaction: string; user: string }
  | { type: "reaction_removed"; channel: ChannelRecord; message: MessageRecord; reaction: string; user: string }
  | { type: "pin_added"; channel: ChannelRecord; pin: PinRecord; message: MessageRecord; user: string }
  | { type: "pin_removed"; channel: ChannelRecord; pin: PinRecord; message: MessageRecord; user: string }
  /** `user` joined (`inviter` when invited by someone else). */
  | { type: "member_joined"; channel: ChannelRecord; user: string; inviter?: string }
  /** `user` left (`remover` when kicked). */
  | { type: "member_left"; channel: ChannelRecord; user: string; remover?: string }
  /** Any kind: public, private, im (`conversations.open`) or mpim. */
  | { type: "channel_created"; channel: ChannelRecord; user: string }
  | { type: "channel_renamed"; channel: ChannelRecord; previousName: string; user: string }
  | { type: "channel_archived"; channel: ChannelRecord; user: string }
  | { type: "channel_unarchived"; channel: ChannelRecord; user: string }
  /** `conversations.setTopic` / `setPurpose` (a `channel_topic`/`channel_purpose` message follows). */
  | { type: "channel_updated"; channel: ChannelRecord; field: "topic" | "purpose"; user: string }
  /** `conversations.mark`: `user` has read `channel` up to `ts`. */
  | { type: "channel_marked"; channel: ChannelRecord; user: string; ts: string }
  /** A file was uploaded and completed (`files.completeUploadExternal`). */
  | { type: "file_created"; file: FileRecord }
  /** A file was shared to `channel` (the sharing message is posted too). */
  | { type: "file_shared"; file: FileRecord; channel: ChannelRecord; user: string }
  | { type: "file_deleted"; file: FileRecord }
  /** `views.open` / `views.push` / `views.update` / `views.publish`. */
  | { type: "view_opened"; view: ViewRecord }
  | { type: "view_pushed"; view: ViewRecord }
  | { type: "view_updated"; view: ViewRecord }
  | { type: "view_published"; view: ViewRecord }
  /** A modal was closed (submitted, cancelled, or cleared with its stack); it is gone from the state. */
  | { type: "view_closed"; view: ViewRecord }
  | { type: "presence_changed"; user: UserRecord }
  /** The whole state was replaced (reset, new seed): listeners reload what they show. */
  | { type: "state_reset" };

/** The `type` values of {@link SlackStateEvent}. */
export type SlackStateEventType = SlackStateEvent["type"];

/** A listener of state events. */
export type SlackStateListener = (event: SlackStateEvent) => void;

/**
 * A typed, synchronous emitter of {@link SlackStateEvent}s. A listener that throws does not stop
 * the others nor the change that was made; its error goes to the `onListenerError` sink.
 */
export class SlackEmitter {
  private readonly listeners = new Set<SlackStateListener>();

  /** @param onListenerError where errors thrown by listeners go (default: dropped). */
  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /**
   * Calls `listener` on every event from now on.
   * @returns a function that unsubscribes it.
   */
  on(listener: SlackStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` on events of one type only. @returns the unsubscribe function. */
  onType<T extends SlackStateEventType>(
    type: T,
    listener: (event: Extract<SlackStateEvent, { type: T }>) => void,
  ): () => void {
    return this.on((event) => {
      if (event.type === type) listener(event as Extract<SlackStateEvent, { type: T }>);
    });
  }

  /** Sends `event` to every listener, in subscription order. */
  emit(event: SlackStateEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Number of listeners. */
  get size(): number {
    return this.listeners.size;
  }
}
