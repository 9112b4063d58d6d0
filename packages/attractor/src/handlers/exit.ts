/**
 * Exit handler (attractor-spec §4.4): a no-op; goal gates are the engine's job (§3.4).
 * @module
 */
import type { Outcome } from "../engine/outcome.js";
import type { Handler } from "./types.js";

/** The pipeline exit point. */
export class ExitHandler implements Handler {
  async execute(): Promise<Outcome> {
    return { status: "success" };
  }
}
