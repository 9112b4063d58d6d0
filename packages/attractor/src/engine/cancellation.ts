/**
 * Cancellation of a run (Ctrl-C, `cancel()`, an aborted signal).
 * @module
 */
import { AttractorError } from "../errors.js";

/** Thrown inside the engine when the run's signal aborts; the run ends as `cancelled`. */
export class RunCancelledError extends AttractorError {
  override name = "RunCancelledError";
  constructor(reason = "run cancelled") {
    super({ message: reason });
  }
}

/** Throws {@link RunCancelledError} when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new RunCancelledError(reasonOf(signal));
}

/** A readable reason for an aborted signal. */
export function reasonOf(signal: AbortSignal): string {
  const r = signal.reason as unknown;
  if (r instanceof Error) return r.message;
  return typeof r === "string" ? r : "run cancelled";
}
