/**
 * Which handler type a node will run as, given the types the registry knows (attractor-spec §4.2).
 * @module
 */
import { SHAPE_TO_TYPE, shapeOf } from "../model/attributes.js";
import type { Node } from "../model/graph.js";

/**
 * The §4.2 resolution by type names, as `HandlerRegistry.resolve` does it with handlers: the
 * explicit `type` when `known` has it, else the shape's type when `known` has it, else
 * `defaultType` (`codergen`). A shapeless node with id `start`/`Start` or `exit`/`end` resolves to
 * the start or exit handler. So a node with an unregistered `type="stack.observe"` and no shape
 * runs as `codergen`, and rules about LLM nodes apply to it.
 */
export function resolveHandlerType(
  node: Node,
  known: { has(type: string): boolean },
  defaultType = "codergen",
): string {
  const explicit = node.attrs.get("type");
  if (explicit && known.has(explicit)) return explicit;
  if (!node.attrs.has("shape")) {
    // §4.3/§4.4 identify start and exit by id too; without a shape they must not run as codergen.
    if ((node.id === "start" || node.id === "Start") && known.has("start")) return "start";
    if ((node.id === "exit" || node.id === "end") && known.has("exit")) return "exit";
  }
  const byShape = SHAPE_TO_TYPE[shapeOf(node)];
  if (byShape && known.has(byShape)) return byShape;
  return defaultType;
}
