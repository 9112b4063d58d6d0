/**
 * Start handler (attractor-spec §4.3): a no-op that succeeds.
 * @module
 */
import type { Outcome } from "../engine/outcome.js";
import type { Handler } from "./types.js";

/** The pipeline entry point. */
export class StartHandler implements Handler {
  async execute(): Promise<Outcome> {
    return { status: "success" };
  }
}
