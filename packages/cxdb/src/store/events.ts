/**
 * Live store events (CXDB's SSE event types) and the bus that fans them out to subscribers: the
 * HTTP `/v1/events` route, the binary server, the session tracker.
 * @module
 */

/** A context was created (empty or from a base turn: create and fork are one operation). */
export interface ContextCreatedEvent {
  type: "context_created";
  contextId: number;
  headTurnId: number;
  headDepth: number;
  /** Binary-protocol session that created it; absent for library and HTTP callers. */
  sessionId?: number;
  /** That session's client tag ("" when unknown). */
  clientTag: string;
  createdAtUnixMs: number;
}

/** A context's metadata became known (its first turn carried tag 30). */
export interface ContextMetadataUpdatedEvent {
  type: "context_metadata_updated";
  contextId: number;
  clientTag?: string;
  title?: string;
  labels?: string[];
  hasProvenance: boolean;
}

/** A turn was appended. */
export interface TurnAppendedEvent {
  type: "turn_appended";
  contextId: number;
  turnId: number;
  parentTurnId: number;
  depth: number;
  declaredTypeId: string;
  declaredTypeVersion: number;
}

/** A binary-protocol client said HELLO (or sent its first request). */
export interface ClientConnectedEvent {
  type: "client_connected";
  sessionId: number;
  clientTag: string;
  /** `ip:port` of the client. */
  peerAddr?: string;
}

/** A binary-protocol client went away. */
export interface ClientDisconnectedEvent {
  type: "client_disconnected";
  sessionId: number;
  clientTag: string;
  /** Contexts the session had created (they are no longer live). */
  contexts: number[];
}

/** Every live event, discriminated on `type`. */
export type StoreEvent =
  | ContextCreatedEvent
  | ContextMetadataUpdatedEvent
  | TurnAppendedEvent
  | ClientConnectedEvent
  | ClientDisconnectedEvent;

/** A subscriber; it must not throw (a throwing listener is skipped, the others still run). */
export type StoreEventListener = (event: StoreEvent) => void;

/**
 * A synchronous fan-out of {@link StoreEvent}s. Listeners run in subscription order, right after
 * the write they describe has committed.
 */
export class StoreEventBus {
  private readonly listeners = new Set<StoreEventListener>();

  /** Subscribes to every event; returns the function that unsubscribes. */
  subscribe(listener: StoreEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Subscribes to one event type; returns the function that unsubscribes. */
  on<T extends StoreEvent["type"]>(type: T, listener: (event: Extract<StoreEvent, { type: T }>) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<StoreEvent, { type: T }>);
    });
  }

  /** Delivers `event` to every subscriber (the binary server publishes client_connected/disconnected here). */
  emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not break the write path or the other subscribers.
      }
    }
  }

  /** Number of current subscribers. */
  get size(): number {
    return this.listeners.size;
  }
}
