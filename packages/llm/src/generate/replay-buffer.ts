/**
 * A buffer that one producer fills and any number of async iterators read from the start, so a
 * stream result can be iterated, re-iterated and awaited independently (unified-llm-spec §4.4).
 * It holds one operation's items and is dropped with it.
 * @module
 */

/** Items pushed once, read by every iterator in order; ends with `close()` or `fail(error)`. */
export class ReplayBuffer<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private waiters: (() => void)[] = [];

  /** Appends an item (ignored once ended). */
  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.wake();
  }

  /** Ends the buffer; iterators finish after the last item. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
  }

  /** Ends the buffer with an error; iterators throw it after the last item. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    this.wake();
  }

  /** Items so far. */
  get size(): number {
    return this.items.length;
  }

  /** An iterator from the first item. Stopping early (`break`) does not affect the producer. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    let index = 0;
    let stopped = false;
    return {
      next: async (): Promise<IteratorResult<T>> => {
        for (;;) {
          if (stopped) return { value: undefined, done: true };
          if (index < this.items.length) return { value: this.items[index++] as T, done: false };
          if (this.failure) throw this.failure.error;
          if (this.ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => this.waiters.push(resolve));
        }
      },
      return: async (): Promise<IteratorResult<T>> => {
        stopped = true;
        return { value: undefined, done: true };
      },
    };
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
