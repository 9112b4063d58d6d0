/**
 * Delivers session events (coding-agent-loop-spec §2.9) to listeners and to async iterators.
 * Each iterator buffers what it has not read yet and ends after `session_end`.
 * @module
 */
import type { SessionEvent, SessionEventBody, SessionEventListener } from "./events.js";

/** Fans events out to listeners and iterators; stamps them with the session id and time. */
export class SessionEventEmitter {
  private readonly listeners = new Set<SessionEventListener>();
  private ended = false;

  constructor(
    private readonly sessionId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stamps `body` and delivers it. Listener exceptions are swallowed (they must not stop the loop). */
  emit(body: SessionEventBody): SessionEvent {
    const event = { ...body, sessionId: this.sessionId, timestamp: this.now().toISOString() } as SessionEvent;
    this.deliver(event);
    return event;
  }

  /** Delivers an already stamped event (used to forward subagent events). */
  deliver(event: SessionEvent): void {
    if (this.ended) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the agent loop.
      }
    }
    if (event.type === "session_end" && event.sessionId === this.sessionId) this.ended = true;
  }

  /** Calls `listener` for every later event. Returns the unsubscribe function. */
  subscribe(listener: SessionEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * An async iterator over every later event, ending after this session's `session_end` (at once
   * when the session already ended). Breaking out of the loop unsubscribes.
   */
  iterate(): AsyncIterableIterator<SessionEvent> {
    const queue: SessionEvent[] = [];
    let waiter: ((result: IteratorResult<SessionEvent>) => void) | undefined;
    let done = this.ended;
    const finish = () => {
      done = true;
      unsubscribe();
      waiter?.({ value: undefined, done: true });
      waiter = undefined;
    };
    const unsubscribe = this.subscribe((event) => {
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w({ value: event, done: false });
      } else {
        queue.push(event);
      }
      if (event.type === "session_end" && event.sessionId === this.sessionId) {
        done = true;
        unsubscribe();
      }
    });
    if (done) unsubscribe();
    const iterator: AsyncIterableIterator<SessionEvent> = {
      next: () => {
        const event = queue.shift();
        if (event !== undefined) return Promise.resolve({ value: event, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiter = resolve;
        });
      },
      return: () => {
        finish();
        queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
