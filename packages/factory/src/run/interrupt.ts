/**
 * Ctrl-C handling of `factory run`: the first interrupt cancels the run gracefully, the second
 * ends the process at once.
 * @module
 */
import type { CliIo } from "../cli/io.js";

/** What to do on each interrupt. */
export interface InterruptHandlers {
  /** First interrupt: cancel the run (through its AbortSignal). Called once. */
  first(): void;
  /** Second interrupt: give up waiting and exit now. Called once. */
  second(): void;
}

/** A subscription to interrupts; `trigger` is also what a raw-mode terminal's Ctrl-C key calls. */
export interface InterruptWatch {
  /** Acts on one interrupt as if SIGINT had arrived. */
  trigger(): void;
  /** How many interrupts arrived so far. */
  readonly count: number;
  /** Unsubscribes from `io.onInterrupt`; later interrupts are ignored. Idempotent. */
  dispose(): void;
}

/**
 * Subscribes to `io.onInterrupt` (SIGINT in the real process) and calls `handlers.first` on the
 * first interrupt and `handlers.second` on the second; later ones are ignored. Handlers that
 * throw are ignored. Without `io.onInterrupt`, only {@link InterruptWatch.trigger} interrupts.
 */
export function watchInterrupts(io: CliIo, handlers: InterruptHandlers): InterruptWatch {
  let count = 0;
  let disposed = false;
  const trigger = (): void => {
    if (disposed) return;
    count++;
    try {
      if (count === 1) handlers.first();
      else if (count === 2) handlers.second();
    } catch {
      // An interrupt handler must not turn Ctrl-C into a crash.
    }
  };
  const unsubscribe = io.onInterrupt?.(trigger);
  return {
    trigger,
    get count() {
      return count;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe?.();
    },
  };
}
