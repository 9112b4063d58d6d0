/**
 * A push-based async iterable with a final result (the pi-mono EventStream shape): producers
 * `push` events and `end` with a result; consumers `for await` the events and/or await `result()`.
 * @module
 */

/** An async iterable of `E` that also resolves a final `R`. */
export class EventStream<E, R> implements AsyncIterable<E> {
  private readonly queue: E[] = [];
  private waiters: Array<(r: IteratorResult<E>) => void> = [];
  private done = false;
  private readonly final: Promise<R>;
  private resolveFinal!: (value: R) => void;
  private rejectFinal!: (error: unknown) => void;

  constructor() {
    this.final = new Promise<R>((resolve, reject) => {
      this.resolveFinal = resolve;
      this.rejectFinal = reject;
    });
    // A consumer that only iterates must not see an unhandled rejection.
    this.final.catch(() => undefined);
  }

  /** Delivers an event to the iterator (buffered until read). Ignored after `end`. */
  push(event: E): void {
    if (this.done) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter({ value: event, done: false });
    else this.queue.push(event);
  }

  /** Ends the stream with its result. */
  end(result: R): void {
    this.finish();
    this.resolveFinal(result);
  }

  /** Ends the stream with an error: iteration stops and `result()` rejects. */
  fail(error: unknown): void {
    this.finish();
    this.rejectFinal(error);
  }

  /** The final value, once the producer ends. */
  result(): Promise<R> {
    return this.final;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    for (const waiter of this.waiters) waiter({ value: undefined, done: true });
    this.waiters = [];
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    return {
      next: () => {
        const event = this.queue.shift();
        if (event !== undefined) return Promise.resolve({ value: event, done: false });
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiters.push(resolve));
      },
    };
  }
}
