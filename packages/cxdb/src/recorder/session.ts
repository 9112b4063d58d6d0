/**
 * A recording session: one context, its metadata (worked out when the context is created, added
 * to its first turn) and its lineage; every write goes to the recorder's ordered queue.
 * @module
 */
import type { ContextMetadata, Provenance } from "../store/types.js";
import type { ExistingContext } from "./backends.js";
import type { ConversationItem } from "./conversation-item.js";
import { assistantTurnItem, systemItem, toolCallItem, toolResultItem, userInputItem } from "./items.js";
import { newSpanId, newTraceId } from "./provenance.js";
import type { ChildSessionOptions, SessionOptions, SessionRecorder } from "./types.js";

/** One write, in the order sessions submit them. */
export type Op =
  | { kind: "bundle" }
  | { kind: "create"; session: Session }
  | { kind: "resume"; session: Session; contextId: number }
  | { kind: "append"; session: Session; item: ConversationItem; idempotencyKey?: string };

/** What a session needs from its recorder. */
export interface SessionHost {
  readonly clientTag: string | undefined;
  readonly baseProvenance: Provenance;
  /** Clock, Unix ms. */
  readonly now: () => number;
  /** Queues (or applies) one write; never throws. */
  submit(op: Op): void;
  /** Opens a child of `parent`. */
  openChild(parent: Session, options: ChildSessionOptions): SessionRecorder;
}

/** Lineage of a child session. */
interface Parentage {
  parent: Session;
  spawnReason: string;
}

/** A {@link SessionRecorder} bound to its recorder. */
export class Session implements SessionRecorder {
  readonly #recorder: SessionHost;
  readonly #options: SessionOptions;
  readonly #parentage: Parentage | undefined;
  #contextId: number | undefined;
  #rootContextId: number | undefined;
  #traceId: string | undefined;
  #metadata: ContextMetadata | undefined;
  #settled = false;
  readonly #ready: Promise<number | undefined>;
  #resolve: (id: number | undefined) => void = () => undefined;

  constructor(recorder: SessionHost, options: SessionOptions, parentage: Parentage | undefined) {
    this.#recorder = recorder;
    this.#options = options;
    this.#parentage = parentage;
    this.#ready = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get contextId(): number | undefined {
    return this.#contextId;
  }

  /** The root of this context's tree (itself for a root). */
  get rootContextId(): number | undefined {
    return this.#rootContextId ?? this.#contextId;
  }

  /** The W3C trace id children inherit (known once the context exists). */
  get traceId(): string | undefined {
    return this.#traceId;
  }

  ready(): Promise<number | undefined> {
    return this.#ready;
  }

  append(item: ConversationItem, options: { idempotencyKey?: string } = {}): void {
    this.#recorder.submit({ kind: "append", session: this, item, idempotencyKey: options.idempotencyKey });
  }

  userInput(text: string, options: Parameters<SessionRecorder["userInput"]>[1] = {}): void {
    this.append(userInputItem(text, this.#stamped(options)));
  }

  assistantTurn(
    turn: Parameters<SessionRecorder["assistantTurn"]>[0],
    options: Parameters<SessionRecorder["assistantTurn"]>[1] = {},
  ): void {
    this.append(assistantTurnItem(turn, this.#stamped(options)));
  }

  toolCall(
    call: Parameters<SessionRecorder["toolCall"]>[0],
    options: Parameters<SessionRecorder["toolCall"]>[1] = {},
  ): void {
    this.append(toolCallItem(call, this.#stamped(options)));
  }

  toolResult(
    result: Parameters<SessionRecorder["toolResult"]>[0],
    options: Parameters<SessionRecorder["toolResult"]>[1] = {},
  ): void {
    this.append(toolResultItem(result, this.#stamped(options)));
  }

  system(
    kind: Parameters<SessionRecorder["system"]>[0],
    content: string,
    options: Parameters<SessionRecorder["system"]>[2] = {},
  ): void {
    this.append(systemItem(kind, content, this.#stamped(options)));
  }

  child(options: ChildSessionOptions): SessionRecorder {
    return this.#recorder.openChild(this, options);
  }

  /**
   * Works out this context's metadata (when it is created: a parent has its id by then) and keeps
   * it for the first turn.
   */
  prepareMetadata(): ContextMetadata {
    const parent = this.#parentage?.parent;
    const lineage: Provenance = {};
    if (parent !== undefined && parent.contextId !== undefined) {
      lineage.parentContextId = parent.contextId;
      lineage.rootContextId = parent.rootContextId;
      lineage.spawnReason = this.#parentage?.spawnReason;
    }
    const provenance: Provenance = {
      ...this.#recorder.baseProvenance,
      ...lineage,
      traceId: parent?.traceId ?? newTraceId(),
      spanId: newSpanId(),
      capturedAt: this.#recorder.now(),
      ...this.#options.provenance,
    };
    this.#traceId = provenance.traceId;
    this.#rootContextId = provenance.rootContextId;
    const metadata: ContextMetadata = { provenance };
    const clientTag = this.#options.clientTag ?? this.#recorder.clientTag;
    if (clientTag !== undefined) metadata.clientTag = clientTag;
    if (this.#options.title !== undefined) metadata.title = this.#options.title;
    if (this.#options.labels !== undefined) metadata.labels = [...this.#options.labels];
    if (this.#options.custom !== undefined) metadata.custom = { ...this.#options.custom };
    this.#metadata = metadata;
    return metadata;
  }

  /** `item`, with the context metadata when it is the context's first turn. */
  withMetadata(item: ConversationItem): ConversationItem {
    if (this.#metadata === undefined) return item;
    const first = { ...item, contextMetadata: this.#metadata };
    this.#metadata = undefined;
    return first;
  }

  /** The context was created: writes can go to `contextId`. */
  bind(contextId: number): void {
    this.#contextId = contextId;
    this.settle(contextId);
  }

  /** The session continues an existing context (its first turn already carries the metadata). */
  bindExisting(contextId: number, existing: ExistingContext): void {
    this.#contextId = contextId;
    this.#rootContextId = existing.rootContextId;
    this.#traceId = existing.traceId ?? newTraceId();
    this.settle(contextId);
  }

  /** Resolves `ready()` (once): with the id, or undefined when the context will never exist. */
  settle(contextId: number | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(contextId);
  }

  #stamped<T extends { timestampMs?: number }>(options: T): T {
    return options.timestampMs === undefined ? { ...options, timestampMs: this.#recorder.now() } : options;
  }
}
