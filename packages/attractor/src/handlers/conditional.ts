/**
 * Conditional handler (attractor-spec §4.7): a pass-through; the engine routes on the outgoing
 * edges' conditions (§3.3).
 * @module
 */
import type { Outcome } from "../engine/outcome.js";
import type { Node } from "../model/graph.js";
import type { Handler } from "./types.js";

/** A routing point (diamond). */
export class ConditionalHandler implements Handler {
  async execute(node: Node): Promise<Outcome> {
    return { status: "success", notes: `Conditional node evaluated: ${node.id}` };
  }
}
