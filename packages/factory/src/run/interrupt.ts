/**
 * Ctrl-C handling of `factory run` and the serving commands: the first interrupt stops gracefully
 * (cancels the run, closes the servers), the second ends the process at once.
 * @module
 */
import { ExitCode } from "../cli/errors.js";
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

/**
 * Waits for Ctrl-C while servers run (`factory store serve`, `factory twin start`). The first
 * interrupt writes `stopping` to stderr and calls `close`, resolving {@link ExitCode.SUCCESS} once it
 * is done; the second calls `io.exit(130)` and resolves {@link ExitCode.INTERRUPTED} at once.
 * @param close Closes the servers; called again on the way out, so it must be idempotent.
 * @returns The exit code; rejects when the final `close` rejects.
 */
export async function serveUntilInterrupted(
  io: CliIo,
  stopping: string,
  close: () => Promise<void>,
): Promise<ExitCode> {
  let stop: (code: ExitCode) => void = () => undefined;
  const stopped = new Promise<ExitCode>((resolve) => {
    stop = resolve;
  });
  const interrupts = watchInterrupts(io, {
    first() {
      io.stderr.write(`${stopping}\n`);
      close().then(() => stop(ExitCode.SUCCESS));
    },
    second() {
      if (io.exit) io.exit(ExitCode.INTERRUPTED);
      stop(ExitCode.INTERRUPTED);
    },
  });
  try {
    return await stopped;
  } finally {
    interrupts.dispose();
    await close();
  }
}
