/**
 * The recorder's public shapes: a {@link ContextRecorder} (one per store, embedded or remote) opens
 * {@link SessionRecorder}s (one per context: a pipeline run, a stage, an agent session, a subagent)
 * that append `cxdb.ConversationItem` turns.
 * @module
 */
import type { Provenance, StoreOptions } from "../store/types.js";
import type {
  AssistantTurn,
  ConversationItem,
  SystemKind,
  ToolCallRequest,
  ToolResultMessage,
} from "./conversation-item.js";
import type { ItemOptions } from "./items.js";

/** What a new context is called and where it comes from (its first turn's tag 30). */
export interface SessionOptions {
  /** Client tag (metadata tag 1). Default the recorder's `clientTag`. */
  clientTag?: string;
  /** Human-readable name (tag 2). */
  title?: string;
  /** Labels for filtering (tag 3). */
  labels?: string[];
  /** Free key-value metadata (tag 4). */
  custom?: Record<string, string>;
  /**
   * Provenance fields (tag 10) over the recorder's process provenance and, for a child, over the
   * lineage fields the recorder fills in (parent, root, spawn reason, trace id). Fields given here win.
   */
  provenance?: Provenance;
}

/** A child context: a stage of a run, a subagent of a session. */
export interface ChildSessionOptions extends SessionOptions {
  /** Why the child exists (provenance tag 2), e.g. `stage`, `sub_agent`, `delegation`. */
  spawnReason: string;
}

/**
 * Records the turns of one context. Every method returns at once and never throws: turns are
 * written in call order (synchronously for an embedded store, queued for a remote one), and a
 * failure stops the whole recorder with one warning (see {@link RecorderOptions.onWarning}).
 *
 * The first turn appended carries the context's metadata and provenance (tag 30); a resumed
 * context gets none (its first turn already has them).
 */
export interface SessionRecorder {
  /** The context id, once created (at once for an embedded store); undefined before, or if recording failed. */
  readonly contextId: number | undefined;
  /** Resolves to the context id once the context exists, or undefined when recording failed or closed first. */
  ready(): Promise<number | undefined>;
  /** Appends any item (metadata is added to the first one). */
  append(item: ConversationItem, options?: { idempotencyKey?: string }): void;
  /** A `user_input` turn: what a user sent, or a prompt or steering message a program built. */
  userInput(text: string, options?: ItemOptions & { files?: string[] }): void;
  /** An `assistant_turn`: one model response with its text, reasoning, tool calls and usage. */
  assistantTurn(turn: AssistantTurn, options?: ItemOptions): void;
  /** A flat `tool_call` turn: a tool call as it starts, when it is not recorded inside an assistant turn. */
  toolCall(call: ToolCallRequest, options?: ItemOptions): void;
  /** A flat `tool_result` turn, linked to its call by `callId` (full, untruncated output). */
  toolResult(result: ToolResultMessage, options?: ItemOptions): void;
  /** A `system` turn: info, warning, error, ... */
  system(kind: SystemKind, content: string, options?: ItemOptions & { title?: string }): void;
  /**
   * Opens a child context whose provenance names this one as parent (and this one's root as root,
   * its trace id as trace id). Created after this context, in order.
   */
  child(options: ChildSessionOptions): SessionRecorder;
}

/** What a recorder wrote. */
export interface RecordingReport {
  kind: "embedded" | "remote";
  /** The store file (absolute) or the server URL. */
  target: string;
  /** Contexts created or continued. */
  contexts: number;
  /** Turns appended. */
  turns: number;
  /** Turns not written because recording had stopped (or the recorder was closed). */
  dropped: number;
  /** Why recording stopped, when it did. */
  error?: string;
}

/**
 * Writes contexts into one store. Sessions share one ordered write queue, so a parent context is
 * always created before its children and each context's turns land in call order.
 */
export interface ContextRecorder {
  readonly kind: "embedded" | "remote";
  /** The store file (absolute) or the server URL. */
  readonly target: string;
  /** Opens a new root context. */
  openSession(options?: SessionOptions): SessionRecorder;
  /**
   * Continues an existing context (no metadata is added). When it does not exist in this store, a
   * new context is opened with `fallback` instead.
   */
  resumeSession(contextId: number, fallback?: SessionOptions): SessionRecorder;
  /** Resolves once every write submitted so far is done (at once for an embedded store). Never rejects. */
  flush(): Promise<void>;
  /** What was written so far. */
  report(): RecordingReport;
  /**
   * Flushes, closes the store (when the recorder opened it) and reports. Later writes are dropped.
   * Idempotent; never rejects.
   */
  close(): Promise<RecordingReport>;
}

/** Options of `openRecorder` (and `recordToStore`). */
export interface RecorderOptions {
  /** Default client tag of new contexts. */
  clientTag?: string;
  /** Provenance of every context (e.g. from `processProvenance`): service, host, process... */
  provenance?: Provenance;
  /**
   * Called at most once when recording stops on an error (later turns are dropped, the caller's
   * work goes on), and at most once when the type registry refuses the ConversationItem bundle
   * (turns are still recorded; the typed view may not project them). Default: ignore.
   */
  onWarning?: (message: string) => void;
  /** Remote: time limit of each HTTP request, in ms. Default 10,000. */
  requestTimeoutMs?: number;
  /** Remote: the `fetch` to use. Default the global one. */
  fetch?: typeof fetch;
  /** Remote: extra headers on every request. */
  headers?: Record<string, string>;
  /** Embedded: options of `openStore`. */
  storeOptions?: StoreOptions;
  /** Clock for item timestamps and provenance `capturedAt`, Unix ms. Default `Date.now`. */
  now?: () => number;
}
