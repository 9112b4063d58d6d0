/**
 * Binary-protocol sessions and which contexts they make "live", kept from the event bus
 * (client_connected, context_created with a session id, client_disconnected): the binary server
 * may call {@link SessionTracker.open}/{@link SessionTracker.close} or emit those events itself.
 * @module
 */
import type { StoreEventBus } from "./events.js";

/** A connected client session. */
export interface ClientSession {
  sessionId: number;
  clientTag: string;
  peerAddr?: string;
  connectedAtUnixMs: number;
  lastActivityAtUnixMs: number;
  /** Contexts this session created, in order. */
  contexts: number[];
}

/** Tracks connected sessions; fed by the store's event bus. */
export class SessionTracker {
  private readonly sessions = new Map<number, ClientSession>();
  private readonly contextToSession = new Map<number, number>();
  private nextId = 1;

  constructor(
    private readonly bus: StoreEventBus,
    private readonly now: () => number,
  ) {
    bus.subscribe((event) => {
      switch (event.type) {
        case "client_connected":
          this.register(event.sessionId, event.clientTag, event.peerAddr);
          break;
        case "client_disconnected":
          this.unregister(event.sessionId);
          break;
        case "context_created":
          if (event.sessionId !== undefined) this.addContext(event.sessionId, event.contextId);
          break;
        case "turn_appended": {
          const sessionId = this.contextToSession.get(event.contextId);
          if (sessionId !== undefined) this.touch(sessionId);
          break;
        }
        default:
          break;
      }
    });
  }

  /**
   * Starts a session: allocates an id (u64, counting from 1 in this process) and emits
   * `client_connected`.
   */
  open(options: { clientTag?: string; peerAddr?: string } = {}): number {
    const sessionId = this.allocateId();
    this.bus.emit({
      type: "client_connected",
      sessionId,
      clientTag: options.clientTag ?? "",
      peerAddr: options.peerAddr,
    });
    return sessionId;
  }

  /** Ends a session: emits `client_disconnected` with the contexts it had created. No-op for unknown ids. */
  close(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.bus.emit({
      type: "client_disconnected",
      sessionId,
      clientTag: session.clientTag,
      contexts: [...session.contexts],
    });
  }

  /** Reserves a session id without connecting it (for servers that emit events themselves). */
  allocateId(): number {
    return this.nextId++;
  }

  /** Records activity on a session (updates `lastActivityAtUnixMs`). */
  touch(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (session !== undefined) session.lastActivityAtUnixMs = this.now();
  }

  /** Sets or replaces a session's client tag (HELLO after the first request). */
  setClientTag(sessionId: number, clientTag: string): void {
    const session = this.sessions.get(sessionId);
    if (session !== undefined) session.clientTag = clientTag;
  }

  /** The connected session that created `contextId`, if any. */
  sessionForContext(contextId: number): ClientSession | undefined {
    const id = this.contextToSession.get(contextId);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  /** Ids of contexts created by connected sessions. */
  liveContextIds(): Set<number> {
    return new Set(this.contextToSession.keys());
  }

  /** Connected sessions. */
  active(): ClientSession[] {
    return [...this.sessions.values()].map((s) => ({ ...s, contexts: [...s.contexts] }));
  }

  /** Distinct non-empty client tags of connected sessions, sorted. */
  activeTags(): string[] {
    return [...new Set([...this.sessions.values()].map((s) => s.clientTag).filter((t) => t !== ""))].sort();
  }

  private register(sessionId: number, clientTag: string, peerAddr: string | undefined): void {
    if (sessionId >= this.nextId) this.nextId = sessionId + 1;
    const now = this.now();
    const existing = this.sessions.get(sessionId);
    if (existing !== undefined) {
      existing.clientTag = clientTag;
      if (peerAddr !== undefined) existing.peerAddr = peerAddr;
      existing.lastActivityAtUnixMs = now;
      return;
    }
    this.sessions.set(sessionId, {
      sessionId,
      clientTag,
      peerAddr,
      connectedAtUnixMs: now,
      lastActivityAtUnixMs: now,
      contexts: [],
    });
  }

  private unregister(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.sessions.delete(sessionId);
    for (const contextId of session.contexts) {
      if (this.contextToSession.get(contextId) === sessionId) this.contextToSession.delete(contextId);
    }
  }

  private addContext(sessionId: number, contextId: number): void {
    if (!this.sessions.has(sessionId)) this.register(sessionId, "", undefined);
    const session = this.sessions.get(sessionId) as ClientSession;
    if (!session.contexts.includes(contextId)) session.contexts.push(contextId);
    session.lastActivityAtUnixMs = this.now();
    this.contextToSession.set(contextId, sessionId);
  }
}
